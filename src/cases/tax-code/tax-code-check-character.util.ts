const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Values of the characters in odd positions (1st, 3rd, …, 15th), DM 23/12/1976 table; a digit
 * counts as the letter at the same index (0 as A, 1 as B, …).
 */
const ODD_VALUES = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/** Index of a character in its table: digits 0–9, letters A–Z. */
function indexOf(character: string): number {
  const code = character.charCodeAt(0);
  return code >= 48 && code <= 57 ? code - 48 : ALPHABET.indexOf(character);
}

/**
 * The check character (16th) of a person's tax code from its first 15 characters, as written
 * (omocodia letters included): odd positions through the odd table, even positions by their
 * index (0–9, A–Z = 0–25), sum modulo 26 as a letter.
 */
export function taxCodeCheckCharacter(first15: string): string {
  if (!/^[0-9A-Z]{15}$/.test(first15)) {
    throw new Error(`Expected 15 upper-case letters or digits, got "${first15}"`);
  }
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const index = indexOf(first15[i]);
    sum += i % 2 === 0 ? ODD_VALUES[index] : index;
  }
  return ALPHABET[sum % 26];
}
