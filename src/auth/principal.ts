import { Role } from './role';

/** Who is calling: taken from a verified access token of a live session. */
export interface Principal {
  accountId: string;
  username: string;
  role: Role;
  /** Territorial unit code, null for managers and administrators. */
  unitCode: string | null;
  /** The session the access token belongs to: logout ends it. */
  sessionId: string;
}

export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: Role;
  unit: string | null;
  /** Session id: the guard refuses the token once the session is revoked. */
  sid: string;
}
