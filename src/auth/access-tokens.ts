import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims, Principal } from './principal';
import { SessionService } from './session.service';

/** Who a bearer token names, for every entrance that takes one (HTTP, the Zeebe gateway). */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionService,
  ) {}

  /** The principal of a valid token of a live session; null for anything else. */
  async principalOf(token: string): Promise<Principal | null> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      return null;
    }
    // Logout, a password or role change end the session: its tokens stop at once, not at expiry.
    if (typeof claims.sid !== 'string' || !(await this.sessions.isLive(claims.sid))) return null;
    return {
      accountId: claims.sub,
      username: claims.username,
      role: claims.role,
      unitCode: claims.unit,
      sessionId: claims.sid,
    };
  }
}
