import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest } from './current-principal.decorator';
import { AccessTokens } from './access-tokens';
import { IS_PUBLIC } from './public.decorator';

const EXPIRED = 'Sessione scaduta o non valida: effettuare di nuovo il login.';

/** Every route needs a valid bearer token of a live session unless marked @Public(). */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
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
    const principal = await this.tokens.principalOf(token);
    if (!principal) throw new UnauthorizedException(EXPIRED);
    request.principal = principal;
    return true;
  }
}
