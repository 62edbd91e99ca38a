import { addCalendarDays } from './add-calendar-days.util';
import { romeDateOf } from './rome-date.util';
import { romeStartOfDay } from './rome-start-of-day.util';

describe('romeStartOfDay', () => {
  it('is 23:00 UTC the day before in winter, 22:00 UTC in summer', () => {
    expect(romeStartOfDay('2027-01-01').toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(romeStartOfDay('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('handles the daylight-saving switch days', () => {
    expect(romeStartOfDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(romeStartOfDay('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(romeStartOfDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(romeStartOfDay('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('round-trips with romeDateOf on every day of 2026 to 2028', () => {
    for (let date = '2026-01-01'; date <= '2028-12-31'; date = addCalendarDays(date, 1)) {
      const start = romeStartOfDay(date);
      expect(romeDateOf(start)).toBe(date);
      expect(romeDateOf(new Date(start.getTime() - 1))).toBe(addCalendarDays(date, -1));
    }
  });

  it('refuses an invalid date', () => {
    expect(() => romeStartOfDay('2026-02-29')).toThrow(RangeError);
  });
});
