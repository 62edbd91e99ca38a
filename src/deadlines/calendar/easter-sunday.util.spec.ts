import { easterSunday } from './easter-sunday.util';
import { isoWeekday, toEpochDay } from './iso-date';

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'], // the latest possible date
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [1818, '1818-03-22'], // the earliest possible date
    [1943, '1943-04-25'],
    [2285, '2285-03-22'],
  ])('%i: %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1583; year <= 9999; year += 1) {
      const easter = easterSunday(year);
      const monthDay = easter.slice(5);
      if (isoWeekday(toEpochDay(easter)) !== 7 || monthDay < '03-22' || monthDay > '04-25') {
        throw new Error(`Easter ${year} computed as ${easter}`);
      }
    }
  });

  it.each([1582, 10000, 2026.5, Number.NaN])('refuses the year %p', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});
