import { Role } from './role';

/** Who is calling: taken from a verified access token. */
export interface Principal {
  accountId: string;
  username: string;
  role: Role;
  /** Territorial unit code, null for managers and administrators. */
  unitCode: string | null;
}

export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: Role;
  unit: string | null;
}
