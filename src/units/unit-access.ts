import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role';

export const UNIT_NOT_FOUND = 'Unità territoriale non trovata.';

/**
 * The first line of every units service method: the caller has one of `roles` and works in
 * the unit asked for. Another unit answers 404, as any resource of another unit does.
 */
export function requireOwnUnit(
  principal: Principal,
  unitCode: string,
  roles: readonly Role[],
  forbidden: string,
): void {
  if (!roles.includes(principal.role)) throw new ForbiddenException(forbidden);
  if (principal.unitCode !== unitCode) throw new NotFoundException(UNIT_NOT_FOUND);
}
