import { fromEpochDay, IsoDate, isoWeekday, toEpochDay } from './iso-date';

/**
 * The Monday after `date` (a Monday gives the following one): the first day past "this week",
 * which in Italy runs Monday to Sunday.
 */
export function nextMonday(date: IsoDate): IsoDate {
  const epochDay = toEpochDay(date);
  return fromEpochDay(epochDay + 8 - isoWeekday(epochDay));
}
