import {
  checkIncrement,
  compareDecimals,
  decimalPlaces,
  formatDecimal,
  parseDecimal,
} from './decimal.util';

const d = (value: number | string) => {
  const parsed = parseDecimal(value);
  if (!parsed) throw new Error(`not a decimal: ${value}`);
  return parsed;
};

describe('decimal.util', () => {
  it.each([
    [12, '12', 0],
    ['-0.50', '-0.5', 1],
    [1e-7, '0.0000001', 7],
    [1.5e21, '1500000000000000000000', 0],
    ['.25', '0.25', 2],
    ['3.', '3', 0],
  ])('reads %p as %s with %i decimal places', (input, text, places) => {
    expect(formatDecimal(d(input))).toBe(text);
    expect(decimalPlaces(d(input))).toBe(places);
  });

  it.each([NaN, Infinity, '', ' 1', '0x10', '1,5', 'abc', '.', '1e'])('refuses %p', (input) => {
    expect(parseDecimal(input)).toBeUndefined();
  });

  it('compares exactly', () => {
    expect(compareDecimals(d(0.1 + 0.2), d('0.3'))).toBe(1);
    expect(compareDecimals(d('0.30'), d(0.3))).toBe(0);
    expect(compareDecimals(d(-2), d('-1.5'))).toBe(-1);
  });

  it('checks increments like big.js mod (remainder signed like the value)', () => {
    expect(checkIncrement(d(0.3), d(0.1))).toEqual({ ok: true });
    const result = checkIncrement(d(1.25), d(0.5));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect([formatDecimal(result.previous), formatDecimal(result.next)]).toEqual(['1', '1.5']);
    }
    const negative = checkIncrement(d(-1.25), d(0.5));
    if (negative.ok) throw new Error('expected a miss');
    expect([formatDecimal(negative.previous), formatDecimal(negative.next)]).toEqual([
      '-1',
      '-0.5',
    ]);
  });
});
