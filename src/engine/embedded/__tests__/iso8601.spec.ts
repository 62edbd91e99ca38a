import {
  addDuration,
  parseCycle,
  parseDateTime,
  parseDuration,
  zonedDateTimeToDate,
} from '../iso8601';

describe('ISO 8601 for timers', () => {
  it('adds calendar months, clamping to the month end', () => {
    const p = (text: string) => parseDuration(text)!;
    expect(addDuration(new Date('2025-01-31T10:00:00Z'), p('P1M')).toISOString()).toBe(
      '2025-02-28T10:00:00.000Z',
    );
    expect(addDuration(new Date('2024-11-30T10:00:00Z'), p('P3M')).toISOString()).toBe(
      '2025-02-28T10:00:00.000Z',
    );
    expect(addDuration(new Date('2023-11-30T10:00:00Z'), p('P3M')).toISOString()).toBe(
      '2024-02-29T10:00:00.000Z',
    );
    expect(addDuration(new Date('2025-01-15T00:00:00Z'), p('P1Y2M3DT4H5M6.5S')).toISOString()).toBe(
      '2026-03-18T04:05:06.500Z',
    );
    expect(addDuration(new Date('2025-01-15T00:00:00Z'), p('P2W')).toISOString()).toBe(
      '2025-01-29T00:00:00.000Z',
    );
    expect(addDuration(new Date('2025-03-01T00:00:00Z'), p('-P1D')).toISOString()).toBe(
      '2025-02-28T00:00:00.000Z',
    );
  });

  it('rejects what is not a duration', () => {
    expect(parseDuration('P')).toBeNull();
    expect(parseDuration('PT')).toBeNull();
    expect(parseDuration('10 minutes')).toBeNull();
  });

  it('parses repeating intervals', () => {
    expect(parseCycle('R3/PT10M')).toMatchObject({
      repetitions: 3,
      intervalText: 'PT10M',
      start: null,
    });
    expect(parseCycle('R/P1D')).toMatchObject({ repetitions: -1 });
    expect(parseCycle('R2/2025-02-01T08:00:00Z/P1D')?.start?.toISOString()).toBe(
      '2025-02-01T08:00:00.000Z',
    );
    expect(parseCycle('0 0 9 * * MON')).toBeNull();
  });

  it('reads date-times with Z, offsets, zones, or none (UTC)', () => {
    expect(parseDateTime('2025-06-01T10:00:00+02:00')?.toISOString()).toBe(
      '2025-06-01T08:00:00.000Z',
    );
    expect(parseDateTime('2025-06-01T10:00:00')?.toISOString()).toBe('2025-06-01T10:00:00.000Z');
    expect(parseDateTime('2025-06-01T10:00:00@Europe/Rome')?.toISOString()).toBe(
      '2025-06-01T08:00:00.000Z',
    );
    expect(parseDateTime('2025-01-01T10:00:00[Europe/Rome]')?.toISOString()).toBe(
      '2025-01-01T09:00:00.000Z',
    );
    expect(zonedDateTimeToDate('2025-03-30T03:30:00', 'Europe/Rome').toISOString()).toBe(
      '2025-03-30T01:30:00.000Z',
    );
  });
});
