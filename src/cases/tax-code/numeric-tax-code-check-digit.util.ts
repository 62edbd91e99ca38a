/**
 * The check digit (11th) of a numeric tax code or partita IVA from its first 10 digits: digits
 * in odd positions as they are, digits in even positions doubled (minus 9 above 9), then the
 * complement to 10 of the sum's last digit (a Luhn check).
 */
export function numericTaxCodeCheckDigit(first10: string): string {
  if (!/^\d{10}$/.test(first10)) {
    throw new Error(`Expected 10 digits, got "${first10}"`);
  }
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(first10[i]);
    if (i % 2 === 0) {
      sum += digit;
    } else {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return String((10 - (sum % 10)) % 10);
}
