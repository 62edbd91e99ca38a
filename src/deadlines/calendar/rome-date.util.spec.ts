import { romeDateOf } from './rome-date.util';

describe('romeDateOf', () => {
  it('is already New Year in Rome at 23:30 UTC on 31 December (UTC+1 in winter)', () => {
    const instant = new Date('2026-12-31T23:30:00Z');
    expect(instant.toISOString().slice(0, 10)).toBe('2026-12-31'); // the naive, wrong reading
    expect(romeDateOf(instant)).toBe('2027-01-01');
    expect(romeDateOf(new Date('2026-12-31T22:59:59.999Z'))).toBe('2026-12-31');
    expect(romeDateOf(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('turns the day at 22:00 UTC in summer (UTC+2)', () => {
    expect(romeDateOf(new Date('2026-07-14T21:59:59Z'))).toBe('2026-07-14');
    expect(romeDateOf(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });

  it('follows the daylight-saving switch days', () => {
    // 29 March 2026: clocks go 02:00 -> 03:00; 25 October 2026: 03:00 -> 02:00.
    expect(romeDateOf(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(romeDateOf(new Date('2026-03-29T21:59:59Z'))).toBe('2026-03-29');
    expect(romeDateOf(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    expect(romeDateOf(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(romeDateOf(new Date('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
    expect(romeDateOf(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('refuses an invalid Date', () => {
    expect(() => romeDateOf(new Date('not a date'))).toThrow(RangeError);
  });
});
