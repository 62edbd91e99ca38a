import { ForbiddenException } from '@nestjs/common';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';

export const CITY_FIGURES_FORBIDDEN =
  'Le cifre di tutte le unità sono riservate a dirigenti e amministratori.';

/** The city's figures are the managers' (and the administrators', who set them up). */
export function requireManager(actor: Actor): void {
  if (actor.role !== Role.Manager && actor.role !== Role.Admin) {
    throw new ForbiddenException(CITY_FIGURES_FORBIDDEN);
  }
}
