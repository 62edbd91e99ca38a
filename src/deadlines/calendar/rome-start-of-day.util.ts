import { IsoDate, toEpochDay } from './iso-date';

const DAY_MS = 86_400_000;
const ROME_WALL_CLOCK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Rome',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/**
 * The instant midnight begins `date` in Rome (23:00 or 22:00 UTC the day before, by season):
 * the edge back from deadline days to timers. A deadline day ends when the next one starts, so
 * "by the end of `d`" is `romeStartOfDay(addCalendarDays(d, 1))`.
 */
export function romeStartOfDay(date: IsoDate): Date {
  const wallMidnight = toEpochDay(date) * DAY_MS;
  // Rome switches offset at 02:00/03:00, never at midnight, so the offset found at UTC midnight
  // is already right; the second pass only guards a future rule that switches closer to it.
  let instant = wallMidnight - romeOffsetMs(wallMidnight);
  instant = wallMidnight - romeOffsetMs(instant);
  return new Date(instant);
}

function romeOffsetMs(instant: number): number {
  const parts = Object.fromEntries(
    ROME_WALL_CLOCK.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}
