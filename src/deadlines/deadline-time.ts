import {
  addCalendarDays,
  IsoDate,
  LegalCalendar,
  PALERMO_CALENDAR,
  romeDateOf,
  romeStartOfDay,
} from './calendar';

/** Palermo's legal calendar (national holidays and Santa Rosalia), shared by the deadlines module. */
export const palermoCalendar = new LegalCalendar(PALERMO_CALENDAR);

/**
 * The instant a deadline day is over in Rome (midnight starting the next day), as ISO 8601 UTC:
 * what a model's `timeDate` timer `=deadlineDue` fires at. A deadline due on 15 May 2026 gives
 * `2026-05-15T22:00:00.000Z` (00:00 of 16 May, summer time).
 */
export function deadlineDueInstant(dueDate: IsoDate): string {
  return romeStartOfDay(addCalendarDays(dueDate, 1)).toISOString();
}

/**
 * The day in Rome a task due at `at` must be done by: a due instant at midnight (as
 * deadlineDueInstant gives) closes the day before it, so a notice names that day.
 */
export function lastDayOf(at: Date): IsoDate {
  return romeDateOf(new Date(at.getTime() - 1));
}

/** 15/07/2026: how a date reads in a notification. */
export function italianDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
