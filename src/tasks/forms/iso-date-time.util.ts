import type { FormComponent } from './form-schema.types';

/**
 * The values a form-js `datetime` field submits, by subtype and `timeSerializingFormat`
 * (form-js-viewer `serializeDate` / `serializeTime` / `serializeDateTime`):
 * - date: `2025-03-14`;
 * - time: `09:30` (no_timezone, also when the format is absent), `09:30+01:00` (utc_offset),
 *   `08:30Z` (utc_normalized);
 * - datetime: the date, `T`, the time as above.
 * Seconds (`09:30:15`) are accepted as well: a process variable may carry them.
 */
export type TimeFormat = NonNullable<FormComponent['timeSerializingFormat']>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/;
const OFFSET = /^[+-](?:0\d|1[0-4]):[0-5]\d$/;

/** `YYYY-MM-DD` naming a real day of the Gregorian calendar. */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A time of day with the zone suffix that `format` serialises. */
export function isIsoTime(value: string, format: TimeFormat | undefined): boolean {
  switch (format) {
    case 'utc_normalized':
      return value.endsWith('Z') && TIME.test(value.slice(0, -1));
    case 'utc_offset':
      return value.length > 6 && OFFSET.test(value.slice(-6)) && TIME.test(value.slice(0, -6));
    default:
      return TIME.test(value);
  }
}

/** A date and a time joined by `T`. */
export function isIsoDateTime(value: string, format: TimeFormat | undefined): boolean {
  const [date, time, ...rest] = value.split('T');
  return rest.length === 0 && time !== undefined && isIsoDate(date) && isIsoTime(time, format);
}

/** The format a person (or a client) should use, for messages: `HH:MM+01:00`. */
export function timeFormatHint(format: TimeFormat | undefined): string {
  switch (format) {
    case 'utc_normalized':
      return 'HH:MMZ';
    case 'utc_offset':
      return 'HH:MM+01:00';
    default:
      return 'HH:MM';
  }
}

/** Today's date (`YYYY-MM-DD`) in `timeZone` at the instant `now`. */
export function isoDateIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
