/** Who is signed in. The token lives in sessionStorage (gone with the tab), never localStorage. */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: 'front-office' | 'caseworker' | 'coordinator' | 'manager' | 'admin';
  unitCode: string | null;
}

const KEY = 'percorsi.token';
let account: Account | null = null;

export const session = {
  token: (): string | null => sessionStorage.getItem(KEY),
  account: (): Account | null => account,
  start(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  remember(who: Account): void {
    account = who;
  },
  end(): void {
    sessionStorage.removeItem(KEY);
    account = null;
  },
};

export const ROLE_LABELS: Record<Account['role'], string> = {
  'front-office': 'Operatore di sportello',
  caseworker: 'Assistente sociale',
  coordinator: 'Coordinatore di unità',
  manager: 'Dirigente',
  admin: 'Amministratore',
};
