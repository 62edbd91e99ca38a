import { addCalendarDays } from './calendar';
import { workingDaysHorizon } from './deadline-risk';
import { palermoCalendar } from './deadline-time';

describe('workingDaysHorizon', () => {
  it('skips Santa Rosalia: from Wed 8 July 2026, 5 working days reach Thu 16 July, so the horizon is Fri 17', () => {
    expect(workingDaysHorizon('2026-07-08', 5)).toBe('2026-07-17');
    expect(workingDaysHorizon('2026-07-08', 0)).toBe('2026-07-09');
  });

  it('a day is before the horizon exactly when it is at most that many working days away', () => {
    for (let start = 0; start < 400; start += 3) {
      const today = addCalendarDays('2026-01-01', start);
      for (const days of [0, 1, 5, 20]) {
        const horizon = workingDaysHorizon(today, days);
        for (let offset = -10; offset < 40; offset++) {
          const due = addCalendarDays(today, offset);
          expect([today, days, due, due < horizon]).toEqual([
            today,
            days,
            due,
            palermoCalendar.workingDaysBetween(today, due) <= days,
          ]);
        }
      }
    }
  });
});
