import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';

/** Every controller of the engine's HTTP API: administrators only, for now. */
export function EngineApi(): ClassDecorator {
  return applyDecorators(
    ApiTags('engine'),
    ApiBearerAuth(),
    Roles(Role.Admin),
    ApiBadRequestResponse({ description: 'Dati o chiave non validi' }),
    ApiUnauthorizedResponse({ description: 'Token mancante o scaduto' }),
    ApiForbiddenResponse({ description: 'Operazione riservata agli amministratori' }),
  );
}
