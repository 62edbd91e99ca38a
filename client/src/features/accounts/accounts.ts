import { Role } from '../../session/session';

/** An account as an administrator manages it (src/accounts). */
export interface ManagedAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  email: string | null;
  active: boolean;
  /** Share of a full-time post (1 = full time). */
  fte: number;
  /** Signed in through SPID/CIE at least once. */
  oidcLinked: boolean;
  createdAt: string;
  passwordChangedAt: string | null;
}

/** The roles that belong to one unit; managers and administrators belong to none. */
export const UNIT_ROLES: readonly Role[] = ['front-office', 'caseworker', 'coordinator'];

export const PASSWORD_HINT = 'Almeno 12 caratteri, senza il nome utente, non una password comune.';
