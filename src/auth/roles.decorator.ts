import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const REQUIRED_ROLES = 'percorsi:roles';

/** Only callers with one of these roles may use the route (or every route of the controller). */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);
