import { addCalendarDays } from './add-calendar-days.util';

describe('addCalendarDays', () => {
  it('counts every day and not the start day', () => {
    expect(addCalendarDays('2026-03-01', 10)).toBe('2026-03-11');
    expect(addCalendarDays('2026-03-01', 0)).toBe('2026-03-01');
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('is unaffected by daylight saving (29 March 2026 has 23 hours in Rome)', () => {
    expect(addCalendarDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addCalendarDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('goes back with negative days', () => {
    expect(addCalendarDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('refuses fractions and invalid dates', () => {
    expect(() => addCalendarDays('2026-03-01', 1.5)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
  });
});
