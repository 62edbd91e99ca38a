/** The roles of GePI's model that the service knows (src/auth/role.ts). */
export type Role = 'front-office' | 'caseworker' | 'coordinator' | 'manager' | 'admin' | 'worker';

/** Who is signed in (GET /api/auth/me). */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
}

/** What POST /api/auth/login, /refresh and /oidc/token answer. */
export interface SessionTokens {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

interface Stored {
  accessToken: string;
  /** Epoch ms. */
  accessExpiresAt: number;
  refreshToken: string;
  /** Epoch ms: after this the session cannot be renewed, a new sign-in is needed. */
  endsAt: number;
}

export interface SessionState {
  account: Account | null;
  /** Epoch ms at which the session ends; null when signed out. */
  endsAt: number | null;
  /** Why the last session ended, for the login screen ("La sessione è scaduta…"). */
  endedBecause: string | null;
}

/**
 * The session's tokens live in sessionStorage: they survive a reload and go with the tab,
 * never in localStorage. Nothing of a case (answers, drafts) is ever stored in the browser.
 */
const KEY = 'percorsi.session';
const listeners = new Set<() => void>();
let state: SessionState = { account: null, endsAt: null, endedBecause: null };

function read(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

function publish(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
}

export const session = {
  state: (): SessionState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  stored: read,
  keep(tokens: SessionTokens, now = Date.now()): void {
    const stored: Stored = {
      accessToken: tokens.accessToken,
      accessExpiresAt: now + tokens.expiresIn * 1000,
      refreshToken: tokens.refreshToken,
      endsAt: new Date(tokens.refreshExpiresAt).getTime(),
    };
    sessionStorage.setItem(KEY, JSON.stringify(stored));
    publish({ endsAt: stored.endsAt, endedBecause: null });
  },
  signedIn(account: Account): void {
    publish({ account, endsAt: read()?.endsAt ?? null, endedBecause: null });
  },
  /** Forgets the tokens; `because` is shown on the login screen. */
  end(because: string | null = null): void {
    sessionStorage.removeItem(KEY);
    publish({ account: null, endsAt: null, endedBecause: because });
  },
};

export const ROLE_LABELS: Record<Role, string> = {
  'front-office': 'Operatore di sportello',
  caseworker: 'Assistente sociale',
  coordinator: 'Coordinatore di unità',
  manager: 'Dirigente',
  admin: 'Amministratore',
  worker: 'Programma esterno (worker)',
};
