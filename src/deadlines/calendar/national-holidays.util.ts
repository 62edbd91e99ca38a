import { addCalendarDays } from './add-calendar-days.util';
import { easterSunday } from './easter-sunday.util';
import { IsoDate } from './iso-date';

/** A non-working day with the Italian name the tasklist shows when a deadline skips it. */
export interface Holiday {
  date: IsoDate;
  name: string;
}

// L. 27 maggio 1949 n. 260 art. 2 as amended; 4 October was added by L. 8 ottobre 2025 n. 151
// from 2026. The list is the one in force since 2001 (2 June restored): earlier years differ.
const FIXED: ReadonlyArray<{ monthDay: string; name: string; since?: number }> = [
  { monthDay: '01-01', name: 'Capodanno' },
  { monthDay: '01-06', name: 'Epifania' },
  { monthDay: '04-25', name: 'Festa della Liberazione' },
  { monthDay: '05-01', name: 'Festa del Lavoro' },
  { monthDay: '06-02', name: 'Festa della Repubblica' },
  { monthDay: '08-15', name: 'Ferragosto' },
  { monthDay: '10-04', name: "San Francesco d'Assisi, patrono d'Italia", since: 2026 },
  { monthDay: '11-01', name: 'Ognissanti' },
  { monthDay: '12-08', name: 'Immacolata Concezione' },
  { monthDay: '12-25', name: 'Natale' },
  { monthDay: '12-26', name: 'Santo Stefano' },
];

/** Italy's national holidays of `year`, Easter Sunday and Monday included, in date order. */
export function nationalHolidays(year: number): Holiday[] {
  const easter = easterSunday(year); // also validates the year
  const holidays: Holiday[] = FIXED.filter((h) => h.since === undefined || year >= h.since).map(
    (h) => ({ date: `${year}-${h.monthDay}`, name: h.name }),
  );
  holidays.push({ date: easter, name: 'Pasqua' });
  holidays.push({ date: addCalendarDays(easter, 1), name: "Lunedì dell'Angelo" });
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}
