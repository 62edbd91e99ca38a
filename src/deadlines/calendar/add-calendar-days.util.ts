import { fromEpochDay, IsoDate, toEpochDay } from './iso-date';

/**
 * `date` plus `days` calendar days (negative goes back). Saturdays, Sundays and holidays count
 * like any other day, as in a term "di N giorni" (art. 155 c. 3 c.p.c.); the start day is not
 * counted, so 10 days from the 1st is the 11th.
 */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}
