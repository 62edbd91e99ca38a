import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { TASK_ROLES } from './task-access';

/** Every controller of the tasklist: case work, so caseworkers and coordinators only. */
export function TasksApi(): ClassDecorator {
  const [first, ...rest] = TASK_ROLES;
  return applyDecorators(
    ApiTags('tasks'),
    ApiBearerAuth(),
    Roles(first, ...rest),
    ApiBadRequestResponse({ description: 'Dati o identificativo non validi' }),
    ApiUnauthorizedResponse({ description: 'Token mancante o scaduto' }),
    ApiForbiddenResponse({
      description: 'Riservato ad assistenti sociali e coordinatori di unità',
    }),
  );
}
