import { addCalendarDays } from './add-calendar-days.util';
import { addMonths } from './add-months.util';
import { fromEpochDay, isIsoDate, IsoDate, isoWeekday, toEpochDay } from './iso-date';
import { Holiday, nationalHolidays } from './national-holidays.util';

/** A day off every year, `MM-DD`; a bare string gets the generic name «Santo patrono». */
export type PatronDay = string | { readonly monthDay: string; readonly name: string };
/** A one-off closure, `YYYY-MM-DD`; a bare string gets «Chiusura straordinaria degli uffici». */
export type ExtraHoliday = IsoDate | { readonly date: IsoDate; readonly name: string };

export interface LegalCalendarOptions {
  /** The city's patron saint's day, non-working like a national holiday. */
  patronDays?: readonly PatronDay[];
  /** Closures an administrator adds (e.g. 24 Dec by municipal decision). */
  extraHolidays?: readonly ExtraHoliday[];
}

/** Palermo: Santa Rosalia, 15 July. Frozen: it is shared by every caller. */
export const PALERMO_CALENDAR: Readonly<LegalCalendarOptions> = Object.freeze({
  patronDays: Object.freeze([
    Object.freeze({ monthDay: '07-15', name: 'Santa Rosalia (patrona)' }),
  ]),
});

export type DeadlineUnit = 'calendarDays' | 'workingDays' | 'months';

export interface DeadlineRule {
  /** The day of the event the term runs from (notification, PAD, analysis); never counted. */
  from: IsoDate;
  amount: number;
  unit: DeadlineUnit;
  /**
   * Move a deadline that falls on a Saturday, Sunday or holiday to the next working day.
   * Defaults to true: Italian law does it "di diritto" (art. 2963 c. 3 c.c., art. 155 c. 4–5
   * c.p.c.); pass false only where the rule says the term is fixed.
   */
  rollForwardIfHoliday?: boolean;
}

export interface Deadline {
  /** The last day on which the act is in time. */
  date: IsoDate;
  /** The day the count reached before rolling forward; differs from `date` only when rolled. */
  nominalDate: IsoDate;
}

const DAY_MS = 86_400_000;
const PATRON_DEFAULT_NAME = 'Santo patrono';
const EXTRA_DEFAULT_NAME = 'Chiusura straordinaria degli uffici';
const MONTH_DAY = /^\d{2}-\d{2}$/;

/**
 * Italy's legal calendar for one city: national holidays, the patron day and extra closures.
 * Dates are `YYYY-MM-DD` days in Europe/Rome (convert instants with romeDateOf). A working day
 * is Monday to Friday and not a holiday: Saturday is not a working day, as in Reg. CEE 1182/71
 * art. 2 c. 2 ("giorni lavorativi": every day but holidays, Sundays and Saturdays).
 */
export class LegalCalendar {
  private readonly patronDays: ReadonlyArray<{ monthDay: string; name: string }>;
  private readonly extrasByYear = new Map<number, Holiday[]>();
  // year -> epoch day -> names, built on first use of the year
  private readonly holidaysByYear = new Map<number, Map<number, string[]>>();

  constructor(options: LegalCalendarOptions = {}) {
    this.patronDays = (options.patronDays ?? []).map((patron) => {
      const day =
        typeof patron === 'string' ? { monthDay: patron, name: PATRON_DEFAULT_NAME } : patron;
      // Checked against a leap year so that 02-29 is allowed (it applies in leap years only).
      if (!MONTH_DAY.test(day.monthDay) || !isIsoDate(`2000-${day.monthDay}`)) {
        throw new RangeError(`Patron day must be MM-DD: ${String(day.monthDay)}`);
      }
      return { ...day };
    });
    for (const extra of options.extraHolidays ?? []) {
      const holiday = typeof extra === 'string' ? { date: extra, name: EXTRA_DEFAULT_NAME } : extra;
      toEpochDay(holiday.date); // validates
      const year = Number(holiday.date.slice(0, 4));
      this.extrasByYear.set(year, [...(this.extrasByYear.get(year) ?? []), { ...holiday }]);
    }
  }

  /** Monday to Friday and not a holiday of this calendar. */
  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingEpochDay(toEpochDay(date));
  }

  /** The holiday's Italian name, several joined by « e » when they coincide; null otherwise. */
  holidayName(date: IsoDate): string | null {
    return this.holidayNameOf(toEpochDay(date));
  }

  /** Why the tasklist skipped a day: the holiday's name, «Sabato» or «Domenica»; null if working. */
  nonWorkingReason(date: IsoDate): string | null {
    const epochDay = toEpochDay(date);
    const weekday = isoWeekday(epochDay);
    return (
      this.holidayNameOf(epochDay) ?? (weekday === 6 ? 'Sabato' : weekday === 7 ? 'Domenica' : null)
    );
  }

  /** Every holiday of `year` in this calendar (national, patron, extra), in date order. */
  holidays(year: number): Holiday[] {
    return [...this.holidaysOf(year)]
      .sort(([x], [y]) => x - y)
      .map(([epochDay, names]) => ({ date: fromEpochDay(epochDay), name: names.join(' e ') }));
  }

  /** See addCalendarDays: every day counts, the start day does not. */
  addCalendarDays(date: IsoDate, days: number): IsoDate {
    return addCalendarDays(date, days);
  }

  /** See addMonths: same day of the month, clamped to the month's end (art. 2963 c.c.). */
  addMonths(date: IsoDate, months: number): IsoDate {
    return addMonths(date, months);
  }

  /**
   * The `amount`-th working day after `start`: the deadline of "entro N giorni lavorativi".
   * The start day is never counted, whatever it is (dies a quo non computatur: art. 155 c. 1
   * c.p.c., art. 2963 c. 2 c.c., Reg. CEE 1182/71 art. 3 c. 1); day 1 is the first working day
   * after it, so an event on a Friday with 1 working day is due the following Monday. The result
   * is always a working day, except that 0 returns `start` itself, unchanged.
   */
  addWorkingDays(start: IsoDate, amount: number): IsoDate {
    requireCount(amount);
    let epochDay = toEpochDay(start);
    for (let counted = 0; counted < amount;) {
      epochDay += 1;
      if (this.isWorkingEpochDay(epochDay)) counted += 1;
    }
    return fromEpochDay(epochDay);
  }

  /**
   * The `amount`-th working day before `end`, `end` not counted: the day of a reminder "5 working
   * days before the deadline". For a working `end`, workingDaysBetween(result, end) === amount.
   * 0 returns `end` itself.
   */
  subtractWorkingDays(end: IsoDate, amount: number): IsoDate {
    requireCount(amount);
    let epochDay = toEpochDay(end);
    for (let counted = 0; counted < amount;) {
      epochDay -= 1;
      if (this.isWorkingEpochDay(epochDay)) counted += 1;
    }
    return fromEpochDay(epochDay);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  /** `date` when it is a working day, else the next one: the art. 155 c.p.c. roll-forward. */
  workingDayOnOrAfter(date: IsoDate): IsoDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /**
   * Working days in (a, b]: after `a`, up to and including `b`, the counting of addWorkingDays,
   * so workingDaysBetween(d, addWorkingDays(d, n)) === n. Negative when `b` is before `a`
   * (an overdue deadline: -1 is one working day late); 0 when they are the same day.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = toEpochDay(a);
    const to = toEpochDay(b);
    if (to < from) return -this.countWorkingDays(to, from);
    return this.countWorkingDays(from, to);
  }

  /**
   * The deadline of a term running from `rule.from`: `amount` calendar days, working days or
   * months (start day not counted), then rolled to the next working day when it falls on a
   * Saturday, Sunday or holiday, unless `rollForwardIfHoliday` is false.
   */
  computeDeadline(rule: DeadlineRule): Deadline {
    requireCount(rule.amount);
    const nominalDate = this.countFrom(rule);
    const date =
      (rule.rollForwardIfHoliday ?? true) ? this.workingDayOnOrAfter(nominalDate) : nominalDate;
    return { date, nominalDate };
  }

  private countFrom({ from, amount, unit }: DeadlineRule): IsoDate {
    switch (unit) {
      case 'calendarDays':
        return addCalendarDays(from, amount);
      case 'workingDays':
        return this.addWorkingDays(from, amount);
      case 'months':
        return addMonths(from, amount);
      default: {
        // Rules come from process variables too, where the compiler cannot check the unit.
        const unknown: never = unit;
        throw new RangeError(`Unknown deadline unit: ${String(unknown)}`);
      }
    }
  }

  // Working days in (from, to], from <= to: Mondays–Fridays by arithmetic, minus the holidays
  // on a weekday, so a span of years costs a few hundred map entries, not a loop over its days.
  private countWorkingDays(from: number, to: number): number {
    let count = weekdaysThrough(to) - weekdaysThrough(from);
    for (let year = yearOf(from); year <= yearOf(to); year += 1) {
      for (const epochDay of this.holidaysOf(year).keys()) {
        if (epochDay > from && epochDay <= to && isoWeekday(epochDay) <= 5) count -= 1;
      }
    }
    return count;
  }

  private isWorkingEpochDay(epochDay: number): boolean {
    return isoWeekday(epochDay) <= 5 && this.holidayNameOf(epochDay) === null;
  }

  private holidayNameOf(epochDay: number): string | null {
    return this.holidaysOf(yearOf(epochDay)).get(epochDay)?.join(' e ') ?? null;
  }

  private holidaysOf(year: number): Map<number, string[]> {
    const cached = this.holidaysByYear.get(year);
    if (cached) return cached;
    const patron = this.patronDays
      .map(({ monthDay, name }) => ({ date: `${year}-${monthDay}`, name }))
      .filter(({ date }) => isIsoDate(date)); // 29 Feb only in leap years
    const byDay = new Map<number, string[]>();
    for (const { date, name } of [
      ...nationalHolidays(year),
      ...patron,
      ...(this.extrasByYear.get(year) ?? []),
    ]) {
      const names = byDay.get(toEpochDay(date)) ?? [];
      if (!names.includes(name)) names.push(name);
      byDay.set(toEpochDay(date), names);
    }
    this.holidaysByYear.set(year, byDay);
    return byDay;
  }
}

function requireCount(amount: number): void {
  if (!Number.isInteger(amount) || amount < 0) {
    throw new RangeError(`Amount must be a whole number, 0 or more: ${amount}`);
  }
}

function yearOf(epochDay: number): number {
  return new Date(epochDay * DAY_MS).getUTCFullYear();
}

// Mondays–Fridays from Monday 1970-01-05 (epoch day 4) through `epochDay`, negative before it;
// only differences are used, so the anchor cancels out.
function weekdaysThrough(epochDay: number): number {
  const sinceMonday = epochDay - 4;
  const weeks = Math.floor(sinceMonday / 7);
  return weeks * 5 + Math.min(sinceMonday - weeks * 7 + 1, 5);
}
