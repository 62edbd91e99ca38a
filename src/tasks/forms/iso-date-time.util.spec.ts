import { isIsoDate, isIsoDateTime, isIsoTime, isoDateIn } from './iso-date-time.util';

describe('iso-date-time.util', () => {
  it.each(['2025-03-14', '2024-02-29', '2000-02-29', '1900-01-01'])('%s is a date', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each(['2025-02-29', '1900-02-29', '2025-13-01', '2025-04-31', '2025-3-14', '2025-03-14Z'])(
    '%s is not a date',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );

  it('reads times in the field’s serialising format', () => {
    expect(isIsoTime('23:59', undefined)).toBe(true);
    expect(isIsoTime('09:30:15', 'no_timezone')).toBe(true);
    expect(isIsoTime('24:00', undefined)).toBe(false);
    expect(isIsoTime('09:30Z', undefined)).toBe(false);
    expect(isIsoTime('09:30Z', 'utc_normalized')).toBe(true);
    expect(isIsoTime('09:30', 'utc_normalized')).toBe(false);
    expect(isIsoTime('09:30-05:00', 'utc_offset')).toBe(true);
    expect(isIsoTime('09:30+1:00', 'utc_offset')).toBe(false);
  });

  it('reads date-times', () => {
    expect(isIsoDateTime('2025-03-14T09:30', undefined)).toBe(true);
    expect(isIsoDateTime('2025-03-14T09:30+01:00', 'utc_offset')).toBe(true);
    expect(isIsoDateTime('2025-03-14', undefined)).toBe(false);
    expect(isIsoDateTime('2025-03-14T09:30T10:00', undefined)).toBe(false);
  });

  it('gives today in a time zone', () => {
    const lateEvening = new Date('2025-06-30T22:30:00Z');
    expect(isoDateIn('Europe/Rome', lateEvening)).toBe('2025-07-01');
    expect(isoDateIn('UTC', lateEvening)).toBe('2025-06-30');
  });
});
