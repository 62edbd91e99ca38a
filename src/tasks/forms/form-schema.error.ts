/**
 * A form schema the server cannot validate against: malformed, or using what the server does
 * not check (unknown component types, a file picker, computed expression fields). Raised when
 * the schema is read, so an administrator learns it when deploying, not a caseworker later.
 */
export class FormSchemaError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Modulo non valido: ${problems.join(' ')}`);
    this.name = 'FormSchemaError';
  }
}
