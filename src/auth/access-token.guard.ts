import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AuthenticatedRequest } from './current-principal.decorator';
import { AccessTokenClaims } from './principal';
import { IS_PUBLIC } from './public.decorator';
import { SessionService } from './session.service';

const EXPIRED = 'Sessione scaduta o non valida: effettuare di nuovo il login.';

/** Every route needs a valid bearer token of a live session unless marked @Public(). */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new UnauthorizedException('Accesso richiesto: effettuare il login.');
    }
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw new UnauthorizedException(EXPIRED);
    }
    // Logout, a password or role change end the session: its tokens stop at once, not at expiry.
    if (typeof claims.sid !== 'string' || !(await this.sessions.isLive(claims.sid))) {
      throw new UnauthorizedException(EXPIRED);
    }
    request.principal = {
      accountId: claims.sub,
      username: claims.username,
      role: claims.role,
      unitCode: claims.unit,
      sessionId: claims.sid,
    };
    return true;
  }
}
