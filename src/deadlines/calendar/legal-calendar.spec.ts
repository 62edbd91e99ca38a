import { LegalCalendar, PALERMO_CALENDAR } from './legal-calendar';
import { romeDateOf } from './rome-date.util';

const palermo = new LegalCalendar(PALERMO_CALENDAR);
// Milan's patron is Sant'Ambrogio, 7 December: 15 July is an ordinary day there.
const milan = new LegalCalendar({
  patronDays: [{ monthDay: '12-07', name: "Sant'Ambrogio (patrono)" }],
});

describe('LegalCalendar', () => {
  describe('working days and holiday names', () => {
    it('skips Easter Monday: 6 April 2026 and 29 March 2027', () => {
      expect(palermo.isWorkingDay('2026-04-06')).toBe(false);
      expect(palermo.holidayName('2026-04-06')).toBe("Lunedì dell'Angelo");
      expect(palermo.isWorkingDay('2026-04-07')).toBe(true);
      expect(palermo.isWorkingDay('2027-03-29')).toBe(false);
      expect(palermo.holidayName('2027-03-29')).toBe("Lunedì dell'Angelo");
      expect(palermo.isWorkingDay('2027-04-05')).toBe(true); // not Easter Monday in 2027
    });

    it('skips 15 July in Palermo only', () => {
      expect(palermo.isWorkingDay('2026-07-15')).toBe(false);
      expect(palermo.holidayName('2026-07-15')).toBe('Santa Rosalia (patrona)');
      expect(milan.isWorkingDay('2026-07-15')).toBe(true);
      expect(milan.holidayName('2026-07-15')).toBeNull();
      expect(milan.holidayName('2026-12-07')).toBe("Sant'Ambrogio (patrono)");
      expect(new LegalCalendar().isWorkingDay('2026-07-15')).toBe(true);
    });

    it('takes patron days and extra closures as plain strings', () => {
      const calendar = new LegalCalendar({ patronDays: ['07-15'], extraHolidays: ['2026-12-24'] });
      expect(calendar.holidayName('2026-07-15')).toBe('Santo patrono');
      expect(calendar.holidayName('2027-07-15')).toBe('Santo patrono');
      expect(calendar.holidayName('2026-12-24')).toBe('Chiusura straordinaria degli uffici');
      expect(calendar.isWorkingDay('2026-12-24')).toBe(false);
      expect(calendar.isWorkingDay('2027-12-24')).toBe(true); // a one-off, not every year
    });

    it('names every national holiday and is open on ordinary weekdays', () => {
      expect(palermo.holidayName('2026-01-01')).toBe('Capodanno');
      expect(palermo.holidayName('2026-12-26')).toBe('Santo Stefano');
      expect(palermo.holidayName('2027-10-04')).toBe("San Francesco d'Assisi, patrono d'Italia");
      expect(palermo.holidayName('2026-04-08')).toBeNull();
      expect(palermo.isWorkingDay('2026-04-08')).toBe(true);
    });

    it('joins names when holidays coincide', () => {
      // 2011: Easter Sunday 24 April, so Easter Monday was 25 April.
      expect(palermo.holidayName('2011-04-25')).toBe(
        "Festa della Liberazione e Lunedì dell'Angelo",
      );
      expect(palermo.holidayName('2038-04-25')).toBe('Festa della Liberazione e Pasqua');
      const christmasEve = new LegalCalendar({
        extraHolidays: [{ date: '2026-12-25', name: 'Chiusura natalizia' }],
      });
      expect(christmasEve.holidayName('2026-12-25')).toBe('Natale e Chiusura natalizia');
    });

    it('treats Saturday and Sunday as non-working and says why', () => {
      expect(palermo.isWorkingDay('2026-03-21')).toBe(false); // Saturday
      expect(palermo.isWorkingDay('2026-03-22')).toBe(false); // Sunday
      expect(palermo.holidayName('2026-03-21')).toBeNull();
      expect(palermo.nonWorkingReason('2026-03-21')).toBe('Sabato');
      expect(palermo.nonWorkingReason('2026-03-22')).toBe('Domenica');
      expect(palermo.nonWorkingReason('2026-08-15')).toBe('Ferragosto'); // a Saturday too
      expect(palermo.nonWorkingReason('2026-03-23')).toBeNull();
    });

    it('lists the holidays of a year, city days included', () => {
      const calendar = new LegalCalendar({ ...PALERMO_CALENDAR, extraHolidays: ['2026-12-24'] });
      const holidays = calendar.holidays(2026);
      expect(holidays).toHaveLength(15);
      expect(holidays.slice(7, 9)).toEqual([
        { date: '2026-07-15', name: 'Santa Rosalia (patrona)' },
        { date: '2026-08-15', name: 'Ferragosto' },
      ]);
      expect(holidays.map((h) => h.date)).toEqual([...holidays.map((h) => h.date)].sort());
    });

    it('applies a 29 February patron day in leap years only', () => {
      const calendar = new LegalCalendar({ patronDays: ['02-29'] });
      expect(calendar.isWorkingDay('2028-02-29')).toBe(false); // a Tuesday
      expect(calendar.holidays(2027).filter((h) => h.date.startsWith('2027-02'))).toEqual([]);
    });

    it('refuses malformed options', () => {
      expect(() => new LegalCalendar({ patronDays: ['7-15'] })).toThrow(RangeError);
      expect(() => new LegalCalendar({ patronDays: ['02-30'] })).toThrow(RangeError);
      expect(() => new LegalCalendar({ extraHolidays: ['2026-12-32'] })).toThrow(RangeError);
    });
  });

  describe('addWorkingDays: "entro N giorni lavorativi"', () => {
    it('20 working days from 15 December 2026 across Christmas is 15 January 2027', () => {
      // Start Tue 15 Dec (not counted). Dec: 16 W(1) 17 T(2) 18 F(3) | 19-20 weekend |
      // 21 M(4) 22 T(5) 23 W(6) 24 T(7) | 25 Natale, 26 Santo Stefano, 27 Sun |
      // 28 M(8) 29 T(9) 30 W(10) 31 T(11) | 1 Jan Capodanno, 2-3 weekend |
      // 4 M(12) 5 T(13) | 6 Epifania | 7 T(14) 8 F(15) | 9-10 weekend |
      // 11 M(16) 12 T(17) 13 W(18) 14 T(19) 15 F(20).
      expect(palermo.addWorkingDays('2026-12-15', 20)).toBe('2027-01-15');
      expect(palermo.workingDaysBetween('2026-12-15', '2027-01-15')).toBe(20);
    });

    it('an extra closure on 24 December pushes it to Monday 18 January 2027', () => {
      const calendar = new LegalCalendar({ ...PALERMO_CALENDAR, extraHolidays: ['2026-12-24'] });
      expect(calendar.addWorkingDays('2026-12-15', 20)).toBe('2027-01-18');
    });

    it('does not count the start day, whatever it is', () => {
      expect(palermo.addWorkingDays('2026-03-20', 1)).toBe('2026-03-23'); // Fri -> Mon
      expect(palermo.addWorkingDays('2026-03-21', 1)).toBe('2026-03-23'); // Sat -> Mon
      expect(palermo.addWorkingDays('2026-03-22', 1)).toBe('2026-03-23'); // Sun -> Mon
      expect(palermo.addWorkingDays('2026-03-23', 1)).toBe('2026-03-24'); // Mon -> Tue
      expect(palermo.addWorkingDays('2026-03-23', 5)).toBe('2026-03-30'); // one week
    });

    it('skips Easter Monday and the patron day', () => {
      // Thu 2 Apr 2026: Fri 3 (1), weekend, Easter Monday 6 skipped, Tue 7 (2).
      expect(palermo.addWorkingDays('2026-04-02', 2)).toBe('2026-04-07');
      // Tue 14 Jul 2026: Wed 15 Santa Rosalia skipped, Thu 16 (1).
      expect(palermo.addWorkingDays('2026-07-14', 1)).toBe('2026-07-16');
      expect(milan.addWorkingDays('2026-07-14', 1)).toBe('2026-07-15');
    });

    it('returns the start unchanged for 0, even on a holiday', () => {
      expect(palermo.addWorkingDays('2026-03-23', 0)).toBe('2026-03-23');
      expect(palermo.addWorkingDays('2026-04-06', 0)).toBe('2026-04-06');
    });

    it('refuses negative or fractional amounts', () => {
      expect(() => palermo.addWorkingDays('2026-03-23', -1)).toThrow(RangeError);
      expect(() => palermo.addWorkingDays('2026-03-23', 1.5)).toThrow(RangeError);
    });
  });

  describe('subtractWorkingDays and workingDaysBetween: reminders and time left', () => {
    it('5 working days before Tue 7 April 2026 is Tue 31 March', () => {
      // Back from 7 Apr (not counted): Easter Monday 6, Sun 5, Sat 4 skipped;
      // Fri 3 (1), Thu 2 (2), Wed 1 (3), Tue 31 Mar (4), Mon 30 Mar (5).
      expect(palermo.subtractWorkingDays('2026-04-07', 5)).toBe('2026-03-30');
      expect(palermo.workingDaysBetween('2026-03-30', '2026-04-07')).toBe(5);
      expect(palermo.addWorkingDays('2026-03-30', 5)).toBe('2026-04-07');
    });

    it('counts (a, b]: 0 on the same day, 1 to the next working day', () => {
      expect(palermo.workingDaysBetween('2026-03-23', '2026-03-23')).toBe(0);
      expect(palermo.workingDaysBetween('2026-03-20', '2026-03-23')).toBe(1); // Fri -> Mon
      expect(palermo.workingDaysBetween('2026-03-20', '2026-03-22')).toBe(0); // only weekend
    });

    it('is negative when the deadline has passed', () => {
      expect(palermo.workingDaysBetween('2026-03-24', '2026-03-23')).toBe(-1);
      expect(palermo.workingDaysBetween('2027-01-15', '2026-12-15')).toBe(-20);
    });

    it('counts across years without a loop over days', () => {
      // 2026 has 261 weekdays (52 weeks and a Thursday). On a weekday fall 1 and 6 Jan,
      // Easter Monday, 1 May, 2 Jun, 8 and 25 Dec (7 of the 13 national holidays) and 15 Jul.
      expect(palermo.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(253);
      expect(milan.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(253); // 7 Dec is a Monday
      expect(palermo.workingDaysBetween('2000-01-01', '2099-12-31')).toBeGreaterThan(24_000);
    });

    it('nextWorkingDay is strictly after; workingDayOnOrAfter may be the day itself', () => {
      expect(palermo.nextWorkingDay('2026-04-03')).toBe('2026-04-07'); // Fri -> after Easter Monday
      expect(palermo.nextWorkingDay('2026-04-07')).toBe('2026-04-08');
      expect(palermo.workingDayOnOrAfter('2026-04-07')).toBe('2026-04-07');
      expect(palermo.workingDayOnOrAfter('2026-04-04')).toBe('2026-04-07');
    });
  });

  describe('computeDeadline', () => {
    it('rolls a calendar-day deadline from Sunday to Monday', () => {
      // 2 March 2026 + 20 days = Sunday 22 March.
      expect(
        palermo.computeDeadline({ from: '2026-03-02', amount: 20, unit: 'calendarDays' }),
      ).toEqual({
        date: '2026-03-23',
        nominalDate: '2026-03-22',
      });
    });

    it('rolls a deadline on Easter Monday to Tuesday', () => {
      // 7 March 2026 + 30 days = Monday 6 April, Lunedì dell'Angelo.
      const deadline = palermo.computeDeadline({
        from: '2026-03-07',
        amount: 30,
        unit: 'calendarDays',
      });
      expect(deadline).toEqual({ date: '2026-04-07', nominalDate: '2026-04-06' });
      expect(palermo.holidayName(deadline.nominalDate)).toBe("Lunedì dell'Angelo");
      // 5 March + 30 = Saturday 4 April: Saturday, Easter, Easter Monday, then Tuesday.
      expect(
        palermo.computeDeadline({ from: '2026-03-05', amount: 30, unit: 'calendarDays' }).date,
      ).toBe('2026-04-07');
    });

    it('keeps the nominal day when the rule says the term does not roll', () => {
      expect(
        palermo.computeDeadline({
          from: '2026-03-02',
          amount: 20,
          unit: 'calendarDays',
          rollForwardIfHoliday: false,
        }),
      ).toEqual({ date: '2026-03-22', nominalDate: '2026-03-22' });
    });

    it('ADI first meeting: 120 days after a PAD of 17 March 2026 (DM 13/12/2023 art. 7)', () => {
      // Mar 18–31: 14, Apr: 30 (44), May: 31 (75), Jun: 30 (105), Jul 1–15: 15 (120).
      // 15 July is Santa Rosalia in Palermo, so the deadline rolls to Thursday 16 July.
      const rule = { from: '2026-03-17', amount: 120, unit: 'calendarDays' } as const;
      expect(palermo.computeDeadline(rule)).toEqual({
        date: '2026-07-16',
        nominalDate: '2026-07-15',
      });
      expect(milan.computeDeadline(rule).date).toBe('2026-07-15');
    });

    it('15 days from a notification of 31 July 2026 land on Ferragosto, a Saturday', () => {
      expect(
        palermo.computeDeadline({ from: '2026-07-31', amount: 15, unit: 'calendarDays' }).date,
      ).toBe('2026-08-17');
    });

    it('months clamp to the end of the month, then roll', () => {
      const oneMonth = (from: string) =>
        palermo.computeDeadline({ from, amount: 1, unit: 'months', rollForwardIfHoliday: false })
          .date;
      expect(oneMonth('2026-01-31')).toBe('2026-02-28');
      expect(oneMonth('2028-01-31')).toBe('2028-02-29');
      expect(oneMonth('2026-03-31')).toBe('2026-04-30');
      // 28 Feb 2026 is a Saturday.
      expect(palermo.computeDeadline({ from: '2026-01-31', amount: 1, unit: 'months' })).toEqual({
        date: '2026-03-02',
        nominalDate: '2026-02-28',
      });
      // Six-monthly report to the judge from 31 Aug 2026: Sun 28 Feb 2027 -> Mon 1 Mar.
      expect(palermo.computeDeadline({ from: '2026-08-31', amount: 6, unit: 'months' }).date).toBe(
        '2027-03-01',
      );
    });

    it('working days: RdC pact within 20 working days of the preliminary analysis', () => {
      expect(
        palermo.computeDeadline({ from: '2026-12-15', amount: 20, unit: 'workingDays' }),
      ).toEqual({
        date: '2027-01-15',
        nominalDate: '2027-01-15',
      });
    });

    it('starts from the Rome date of an instant: 23:30 UTC on 31 Dec is 1 January', () => {
      const from = romeDateOf(new Date('2025-12-31T23:30:00Z'));
      expect(from).toBe('2026-01-01');
      // 1 Jan + 30 = Sat 31 Jan 2026 -> Mon 2 Feb. The UTC date would give Fri 30 Jan.
      expect(palermo.computeDeadline({ from, amount: 30, unit: 'calendarDays' }).date).toBe(
        '2026-02-02',
      );
      expect(
        palermo.computeDeadline({ from: '2025-12-31', amount: 30, unit: 'calendarDays' }).date,
      ).toBe('2026-01-30');
    });

    it('refuses bad rules', () => {
      expect(() =>
        palermo.computeDeadline({ from: '2026-03-02', amount: -1, unit: 'calendarDays' }),
      ).toThrow(RangeError);
      expect(() =>
        palermo.computeDeadline({ from: '2026-03-02', amount: 1, unit: 'weeks' as 'months' }),
      ).toThrow('Unknown deadline unit: weeks');
      expect(() =>
        palermo.computeDeadline({ from: '02/03/2026', amount: 1, unit: 'months' }),
      ).toThrow(RangeError);
    });
  });
});
