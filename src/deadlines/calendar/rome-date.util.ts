import { IsoDate } from './iso-date';

const ROME_DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in Rome at `instant`: the edge where clock times become deadline days.
 * 31 Dec 23:30 UTC is already 1 Jan in Rome, so `toISOString().slice(0, 10)` would be wrong.
 */
export function romeDateOf(instant: Date): IsoDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Not a valid Date: ${String(instant)}`);
  }
  const parts = Object.fromEntries(ROME_DAY.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}`;
}
