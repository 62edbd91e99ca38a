// The legal calendar: pure date arithmetic on Europe/Rome calendar days, no framework.
export { addCalendarDays } from './add-calendar-days.util';
export { addMonths } from './add-months.util';
export { easterSunday } from './easter-sunday.util';
export { isIsoDate } from './iso-date';
export type { IsoDate } from './iso-date';
export {
  LegalCalendar,
  PALERMO_CALENDAR,
  type Deadline,
  type DeadlineRule,
  type DeadlineUnit,
  type ExtraHoliday,
  type LegalCalendarOptions,
  type PatronDay,
} from './legal-calendar';
export { nationalHolidays, type Holiday } from './national-holidays.util';
export { nextMonday } from './next-monday.util';
export { romeDateOf } from './rome-date.util';
export { romeStartOfDay } from './rome-start-of-day.util';
