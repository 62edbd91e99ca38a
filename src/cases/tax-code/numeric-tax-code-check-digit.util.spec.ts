import { numericTaxCodeCheckDigit } from './numeric-tax-code-check-digit.util';

describe('numericTaxCodeCheckDigit', () => {
  // By hand: digits in odd positions as they are, in even positions doubled (minus 9 above 9).
  it.each([
    // 1+3+5+7+9 = 25; 2→4, 4→8, 6→12→3, 8→16→7, 0→0 = 22; 47 → 10 - 7 = 3
    ['1234567890', '3'],
    // 8+0+2+4+6 = 20; 0→0, 1→2, 3→6, 5→10→1, 7→14→5 = 14; 34 → 10 - 4 = 6
    ['8001234567', '6'],
    // 1; 9→18→9; 10 → (10 - 0) mod 10 = 0
    ['1000000009', '0'],
  ])('%s → %s', (first10, expected) => {
    expect(numericTaxCodeCheckDigit(first10)).toBe(expected);
  });

  it('refuses anything but 10 digits', () => {
    expect(() => numericTaxCodeCheckDigit('123456789')).toThrow('Expected 10 digits');
    expect(() => numericTaxCodeCheckDigit('123456789A')).toThrow('Expected 10 digits');
  });
});
