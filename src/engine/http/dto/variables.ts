import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, ValidateIf } from 'class-validator';

/** Optional process variables: a JSON object when given (an array, a scalar or null is refused with 400). */
export function OptionalVariables(description = 'Variabili di processo (oggetto JSON)') {
  return applyDecorators(
    ApiPropertyOptional({ type: 'object', additionalProperties: true, description }),
    ValidateIf((_object, value) => value !== undefined),
    IsObject(),
  );
}
