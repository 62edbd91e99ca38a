import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { parseTaxCode } from './parse-tax-code.util';
import { TaxCodeOptions } from './tax-code.types';

/** With `each`, class-validator checks the elements one by one but hands the message the whole. */
function elements(value: unknown, each: boolean): unknown[] {
  if (each && Array.isArray(value)) return value;
  if (each && value instanceof Set) return [...value];
  if (each && value instanceof Map) return [...value.values()];
  return [value];
}

/**
 * The property must be a valid Italian tax code, as `parseTaxCode` reads it (spaces and case
 * do not matter; pair with `@Transform` and `normaliseTaxCode` to store it normalised). The
 * message is the Italian reason of the failure, e.g. «Il codice fiscale deve avere 16
 * caratteri.»; `validationOptions.message` replaces it. Birth years are read against the
 * current date at each validation.
 */
export function IsTaxCode(
  options: Omit<TaxCodeOptions, 'referenceDate'> = {},
  validationOptions?: ValidationOptions,
): (target: object, propertyName: string) => void {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isTaxCode',
      target: target.constructor,
      propertyName,
      constraints: [options],
      options: validationOptions,
      validator: {
        validate: (value: unknown) => parseTaxCode(value, options).ok,
        defaultMessage: (args?: ValidationArguments) => {
          for (const value of elements(args?.value, validationOptions?.each === true)) {
            const result = parseTaxCode(value, options);
            if (!result.ok) return result.message;
          }
          return 'Il codice fiscale non è valido.';
        },
      },
    });
  };
}
