import { fromEpochDay, isIsoDate, isoWeekday, toEpochDay } from './iso-date';

describe('IsoDate', () => {
  it('maps dates to epoch days and back', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(fromEpochDay(toEpochDay('2028-02-29'))).toBe('2028-02-29');
    expect(fromEpochDay(toEpochDay('1583-01-01'))).toBe('1583-01-01');
  });

  it.each([
    '2026-02-29', // not a leap year
    '2026-13-01',
    '2026-04-31',
    '2026-4-1',
    '2026-04-01T00:00:00Z',
    ' 2026-04-01',
    '1582-12-31', // before the Gregorian computus
    '',
  ])('rejects %j', (text) => {
    expect(isIsoDate(text)).toBe(false);
    expect(() => toEpochDay(text)).toThrow(RangeError);
  });

  it('rejects values that are not strings', () => {
    expect(isIsoDate(new Date())).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
    expect(() => toEpochDay(20260401 as unknown as string)).toThrow(RangeError);
  });

  it('refuses epoch days outside 1583–9999 and fractions', () => {
    expect(() => fromEpochDay(toEpochDay('9999-12-31') + 1)).toThrow(RangeError);
    expect(() => fromEpochDay(toEpochDay('1583-01-01') - 1)).toThrow(RangeError);
    expect(() => fromEpochDay(0.5)).toThrow(RangeError);
  });

  it('gives ISO weekdays, also before 1970', () => {
    expect(isoWeekday(toEpochDay('1970-01-01'))).toBe(4); // Thursday
    expect(isoWeekday(toEpochDay('2026-04-06'))).toBe(1); // Easter Monday
    expect(isoWeekday(toEpochDay('2026-12-26'))).toBe(6); // Saturday
    expect(isoWeekday(toEpochDay('2026-12-27'))).toBe(7); // Sunday
    expect(isoWeekday(toEpochDay('1900-01-01'))).toBe(1); // Monday
  });
});
