import { deadlineDueInstant, lastDayOf } from './deadline-time';

describe('lastDayOf', () => {
  it('names the day a midnight due instant closes, not the day it opens', () => {
    // A task due on a deadline's instant (00:00 of 1 May in Rome) is due on 30 April.
    expect(lastDayOf(new Date(deadlineDueInstant('2026-04-30')))).toBe('2026-04-30');
    // Winter time too: 00:00 of 1 March in Rome is 23:00 UTC of 28 February.
    expect(lastDayOf(new Date('2026-02-28T23:00:00Z'))).toBe('2026-02-28');
  });

  it('keeps the day of any other instant, in Rome', () => {
    expect(lastDayOf(new Date('2026-03-20T17:00:00Z'))).toBe('2026-03-20');
    expect(lastDayOf(new Date('2026-04-30T22:00:00.001Z'))).toBe('2026-05-01');
    // 23:30 UTC on 14 May is already 15 May in Rome.
    expect(lastDayOf(new Date('2026-05-14T23:30:00Z'))).toBe('2026-05-15');
  });
});
