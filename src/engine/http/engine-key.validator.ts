import { ValidateBy, ValidationOptions } from 'class-validator';

const DIGITS = /^\d{1,19}$/;
const MAX_INT64 = 9_223_372_036_854_775_807n;

/** An engine key: a decimal int64 as Zeebe hands them out (≥ 0, at most 19 digits, ≤ 2^63−1). */
export function isEngineKey(value: unknown): value is string {
  return typeof value === 'string' && DIGITS.test(value) && BigInt(value) <= MAX_INT64;
}

/** class-validator decorator for DTO fields holding an engine key. */
export function IsEngineKey(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEngineKey',
      validator: {
        validate: (value) => isEngineKey(value),
        defaultMessage: () => 'chiave non valida: un numero intero di al massimo 19 cifre',
      },
    },
    options,
  );
}
