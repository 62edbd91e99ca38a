import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest } from './current-principal.decorator';
import { Role, ROLE_LABELS } from './role';
import { REQUIRED_ROLES } from './roles.decorator';

/**
 * Enforces @Roles(...) once the access token guard has named the caller.
 * Routes without @Roles are left as they are. Fails closed: a route with
 * @Roles and no verified caller (e.g. also marked @Public) is refused.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const { principal } = context.switchToHttp().getRequest<Partial<AuthenticatedRequest>>();
    if (!principal) throw new UnauthorizedException('Accesso richiesto: effettuare il login.');
    if (roles.includes(principal.role)) return true;
    throw new ForbiddenException(forbiddenMessage(roles));
  }
}

function forbiddenMessage(roles: Role[]): string {
  if (roles.length === 1 && roles[0] === Role.Admin) {
    return 'Operazione riservata agli amministratori.';
  }
  return `Operazione riservata a: ${roles.map((role) => ROLE_LABELS[role]).join(', ')}.`;
}
