/**
 * A tax code as typed at the desk made comparable: upper case, without any spaces (leading,
 * trailing or inside, as in «RSS MRA 85…»). Nothing else is removed: other characters are
 * left for the validation to refuse. Usable in a DTO's `@Transform`.
 */
export function normaliseTaxCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}
