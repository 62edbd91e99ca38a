import { IsoDate, toEpochDay } from './iso-date';

/**
 * The same day of the month `months` later (negative goes back), or the month's last day when
 * that month is shorter: art. 2963 c. 4–5 c.c., so 31 Jan + 1 month is 28 Feb (29 in a leap
 * year). Always add from the original date: (31 Jan + 1) + 1 is 28 Mar, 31 Jan + 2 is 31 Mar.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be a whole number: ${months}`);
  toEpochDay(date); // validates
  const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8)), lastDay);
  const result = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  toEpochDay(result); // throws when the year leaves the supported range
  return result;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
