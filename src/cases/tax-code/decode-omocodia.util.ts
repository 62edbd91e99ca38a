/** Letters standing for 0–9 where a digit was replaced (omocodia). */
const OMOCODIA_LETTERS = 'LMNPQRSTUV';

/** Zero-based positions of the digits that omocodia may replace: year, day, place number. */
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14];

/**
 * A person's tax code with the omocodia letters put back to digits (L→0, M→1, … V→9) in the
 * positions that hold digits (7, 8, 10, 11, 13, 14, 15). Other characters, and letters that
 * are not omocodia letters, are left as they are. The check character is not recomputed.
 */
export function decodeOmocodia(taxCode: string): string {
  const characters = [...taxCode];
  for (const position of DIGIT_POSITIONS) {
    const digit = OMOCODIA_LETTERS.indexOf(characters[position] ?? '');
    if (digit >= 0) {
      characters[position] = String(digit);
    }
  }
  return characters.join('');
}
