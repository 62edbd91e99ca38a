/**
 * A calendar date as ISO 8601 `YYYY-MM-DD`, read as a day in Europe/Rome. Deadlines are days,
 * not instants; this is also how FEEL dates and PostgreSQL `date` columns serialise, so values
 * pass through process variables and the database unchanged. Arithmetic runs on epoch days
 * (days since 1970-01-01), which know no time zone and no daylight saving.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
// The Gregorian computus starts in 1583; four digits keep the text format fixed.
const MIN_YEAR = 1583;
const MAX_YEAR = 9999;

/** True when `text` is a real calendar date `YYYY-MM-DD` between 1583 and 9999. */
export function isIsoDate(text: unknown): text is IsoDate {
  const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
  if (!match || Number(match[1]) < MIN_YEAR) return false;
  // Date.UTC rolls 2026-02-30 over to March: the round trip rejects it.
  const epochMs = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(epochMs).toISOString().slice(0, 10) === text;
}

/** Days since 1970-01-01 (negative before); throws a RangeError on anything but a real date. */
export function toEpochDay(date: IsoDate): number {
  if (!isIsoDate(date)) {
    throw new RangeError(
      `Not a calendar date YYYY-MM-DD (${MIN_YEAR}–${MAX_YEAR}): ${String(date)}`,
    );
  }
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8))) / DAY_MS
  );
}

/** The date of an epoch day; throws when it falls outside 1583–9999. */
export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Not a whole epoch day: ${epochDay}`);
  const date = new Date(epochDay * DAY_MS);
  const year = date.getUTCFullYear();
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
    throw new RangeError(`Date out of range ${MIN_YEAR}–${MAX_YEAR}: epoch day ${epochDay}`);
  }
  return date.toISOString().slice(0, 10);
}

/** ISO weekday of an epoch day: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export function isoWeekday(epochDay: number): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps days before 1970 positive.
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}
