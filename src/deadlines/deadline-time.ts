import {
  addCalendarDays,
  IsoDate,
  LegalCalendar,
  PALERMO_CALENDAR,
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

/** 15/07/2026: how a date reads in a notification. */
export function italianDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
