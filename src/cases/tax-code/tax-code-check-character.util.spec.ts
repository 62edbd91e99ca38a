import { taxCodeCheckCharacter } from './tax-code-check-character.util';

describe('taxCodeCheckCharacter', () => {
  // Worked by hand with the DM 23/12/1976 tables (odd positions: odd table; even positions:
  // 0–9 and A–Z count 0–25). Fictitious people.
  it.each([
    // Bianchi Laura, F, 15/03/1990, Milano (F205):
    // B0 N13 C5 L11 R8 A0 9→21 0→0 C5 5→5 5→13 F5 2→5 0→0 5→13 = 104; 104 mod 26 = 0 → A
    ['BNCLRA90C55F205', 'A'],
    // Verdi Paolo, M, 01/12/2003, Roma (H501):
    // V10 R17 D7 P15 L4 A0 0→1 3→3 T14 0→0 1→0 H7 5→13 0→0 1→0 = 91; 91 mod 26 = 13 → N
    ['VRDPLA03T01H501', 'N'],
    // The same with omocodia on the 15th character (1 → M, odd value 18): 91 + 18 = 109 → F
    ['VRDPLA03T01H50M', 'F'],
    // Fo Li, M, 20/07/1975, Francia (Z110):
    // F13 O14 X25 L11 I19 X23 7→17 5→5 L4 2→2 0→1 Z25 1→0 1→1 0→1 = 161; 161 mod 26 = 5 → F
    ['FOXLIX75L20Z110', 'F'],
  ])('%s → %s', (first15, expected) => {
    expect(taxCodeCheckCharacter(first15)).toBe(expected);
  });

  // Each odd-table value, copied again from the decree: the character in the first position
  // followed by fourteen A (seven odd positions worth 1 each, seven even worth 0).
  it.each([
    ['0', 1],
    ['1', 0],
    ['2', 5],
    ['3', 7],
    ['4', 9],
    ['5', 13],
    ['6', 15],
    ['7', 17],
    ['8', 19],
    ['9', 21],
    ['A', 1],
    ['B', 0],
    ['C', 5],
    ['D', 7],
    ['E', 9],
    ['F', 13],
    ['G', 15],
    ['H', 17],
    ['I', 19],
    ['J', 21],
    ['K', 2],
    ['L', 4],
    ['M', 18],
    ['N', 20],
    ['O', 11],
    ['P', 3],
    ['Q', 6],
    ['R', 8],
    ['S', 12],
    ['T', 14],
    ['U', 16],
    ['V', 10],
    ['W', 22],
    ['X', 25],
    ['Y', 24],
    ['Z', 23],
  ])('counts %s as %i in an odd position', (character, value) => {
    const expected = String.fromCharCode(65 + ((value + 7) % 26));
    expect(taxCodeCheckCharacter(`${character}${'A'.repeat(14)}`)).toBe(expected);
  });

  it('counts digits and letters by their index in even positions', () => {
    // 1 (odd value 0) in odd positions, 0 (even value 0) in the other even ones: the sum is
    // the even value of the second character.
    expect(taxCodeCheckCharacter(`19${'10'.repeat(6)}1`)).toBe('J'); // 9 → J
    expect(taxCodeCheckCharacter(`1Z${'10'.repeat(6)}1`)).toBe('Z'); // 25 → Z
    expect(taxCodeCheckCharacter(`1K${'10'.repeat(6)}1`)).toBe('K'); // 10 → K
  });

  it('refuses anything but 15 upper-case letters or digits', () => {
    expect(() => taxCodeCheckCharacter('VRDPLA03T01H50')).toThrow('Expected 15');
    expect(() => taxCodeCheckCharacter('vrdpla03t01h501')).toThrow('Expected 15');
  });
});
