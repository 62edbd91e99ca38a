import { addMonths } from './add-months.util';

describe('addMonths', () => {
  it('keeps the day of the month', () => {
    expect(addMonths('2026-03-17', 1)).toBe('2026-04-17');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });

  it('clamps to the last day of a shorter month (art. 2963 c. 5 c.c.)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29'); // leap year
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });

  it('does not carry a clamp forward: add from the original date', () => {
    expect(addMonths(addMonths('2026-01-31', 1), 1)).toBe('2026-03-28');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
  });

  it('crosses years both ways', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 24)).toBe('2028-12-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-15', 0)).toBe('2026-01-15');
  });

  it('refuses fractions, invalid dates and years past 9999', () => {
    expect(() => addMonths('2026-01-31', 0.5)).toThrow(RangeError);
    expect(() => addMonths('2026-02-31', 1)).toThrow(RangeError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });
});
