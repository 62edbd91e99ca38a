import { fromEpochDay, toEpochDay } from './iso-date';
import { LegalCalendar, PALERMO_CALENDAR } from './legal-calendar';

// A fixed seed keeps failures reproducible; change it locally to explore other samples.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const calendar = new LegalCalendar({ ...PALERMO_CALENDAR, extraHolidays: ['2026-12-24'] });
const FIRST = toEpochDay('2000-01-01');
const LAST = toEpochDay('2099-12-31');

function randomSamples(seed: number, count: number): Array<{ start: string; amount: number }> {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => ({
    start: fromEpochDay(FIRST + Math.floor(random() * (LAST - FIRST + 1))),
    amount: Math.floor(random() * 61),
  }));
}

// The slow, obvious count the arithmetic in workingDaysBetween must agree with.
function countDayByDay(a: string, b: string): number {
  const [from, to, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = toEpochDay(from) + 1; day <= toEpochDay(to); day += 1) {
    if (calendar.isWorkingDay(fromEpochDay(day))) count += 1;
  }
  return sign * count;
}

describe('LegalCalendar properties (2000 random starts 2000–2099, amounts 0–60)', () => {
  const samples = randomSamples(20_260_406, 2000);

  it('addWorkingDays lands on a working day, exactly `amount` working days later', () => {
    for (const { start, amount } of samples) {
      const result = calendar.addWorkingDays(start, amount);
      const landsOnWorkingDay = amount === 0 ? result === start : calendar.isWorkingDay(result);
      if (!landsOnWorkingDay || calendar.workingDaysBetween(start, result) !== amount) {
        throw new Error(`addWorkingDays(${start}, ${amount}) = ${result}`);
      }
    }
  });

  it('subtractWorkingDays undoes addWorkingDays back to the last working day on or before the start', () => {
    for (const { start, amount } of samples) {
      const end = calendar.addWorkingDays(start, amount);
      const back = calendar.subtractWorkingDays(end, amount);
      const expected =
        amount === 0 || calendar.isWorkingDay(start)
          ? start
          : calendar.subtractWorkingDays(start, 1);
      if (back !== expected || (amount > 0 && calendar.workingDaysBetween(back, end) !== amount)) {
        throw new Error(`subtractWorkingDays(${end}, ${amount}) = ${back}, expected ${expected}`);
      }
    }
  });

  it('workingDaysBetween agrees with a day-by-day count, both directions', () => {
    const random = mulberry32(1_583);
    for (const { start } of samples.slice(0, 500)) {
      const other = fromEpochDay(toEpochDay(start) + Math.floor(random() * 801) - 400);
      const [forward, backward] = [
        calendar.workingDaysBetween(start, other),
        calendar.workingDaysBetween(other, start),
      ];
      if (forward !== countDayByDay(start, other) || backward !== -forward) {
        throw new Error(`workingDaysBetween(${start}, ${other}) = ${forward}, back ${backward}`);
      }
    }
  });

  it('a rolled deadline is the first working day on or after the nominal one', () => {
    for (const { start, amount } of samples) {
      for (const unit of ['calendarDays', 'months'] as const) {
        const { date, nominalDate } = calendar.computeDeadline({ from: start, amount, unit });
        const skipped = calendar.workingDaysBetween(nominalDate, date);
        const ok =
          calendar.isWorkingDay(date) &&
          date >= nominalDate &&
          (date === nominalDate || skipped === 1);
        if (!ok) throw new Error(`computeDeadline(${start}, ${amount} ${unit}) = ${date}`);
      }
    }
  });
});
