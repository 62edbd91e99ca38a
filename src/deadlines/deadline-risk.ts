import { IsoDate } from './calendar';
import { palermoCalendar } from './deadline-time';

/**
 * The first day past "within `workingDays` working days of `today`" on Palermo's calendar:
 * a day before it is at most that many working days away (Saturdays, Sundays and holidays
 * not counted), and so is every day already past.
 */
export function workingDaysHorizon(today: IsoDate, workingDays: number): IsoDate {
  return palermoCalendar.addWorkingDays(today, workingDays + 1);
}

/**
 * SQL over `d` (case_deadline) and `c` (its social_case): a deadline at risk is running and due
 * before `horizon` (a bound parameter, see workingDaysHorizon; a running one past its day, which
 * the sweep is about to mark, included), or breached on a case still open. A breach is final —
 * the path has moved on — so it stays on the unit's list until the case is closed.
 */
export function atRiskSql(horizon: string): string {
  return `((d.status = 'running' AND d.due_date < ${horizon}::date) OR (d.status = 'breached' AND c.status = 'open'))`;
}
