import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  messages: string[];
}

// class-validator's constraint names, in words a caseworker reads.
const ITALIAN: Record<string, string> = {
  whitelistValidation: 'campo non previsto',
  isDefined: 'campo obbligatorio',
  isNotEmpty: 'campo obbligatorio',
  isString: 'deve essere un testo',
  isInt: 'deve essere un numero intero',
  isNumber: 'deve essere un numero',
  isBoolean: 'deve essere vero o falso',
  isEnum: 'valore non ammesso',
  isIn: 'valore non ammesso',
  isUuid: 'identificativo non valido',
  isDateString: 'deve essere una data (AAAA-MM-GG)',
  isISO8601: 'deve essere una data (AAAA-MM-GG)',
  isObject: 'deve essere un oggetto',
  isArray: 'deve essere un elenco',
  isEmail: 'indirizzo e-mail non valido',
  minLength: 'troppo corto',
  maxLength: 'troppo lungo',
  min: 'valore troppo basso',
  max: 'valore troppo alto',
  matches: 'formato non valido',
};

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.keys(error.constraints ?? {}).map(
      (name) => ITALIAN[name] ?? error.constraints?.[name] ?? 'valore non valido',
    );
    const nested = flatten(error.children ?? [], field);
    return own.length > 0 ? [{ field, messages: own }, ...nested] : nested;
  });
}

/** Unknown fields are refused, not silently dropped: a typo must not lose data. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        message: 'I dati inviati non sono validi.',
        details: flatten(errors),
      }),
  });
}
