import { nationalHolidays } from './national-holidays.util';

describe('nationalHolidays', () => {
  it('lists 2026 in date order with Italian names', () => {
    expect(nationalHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Capodanno' },
      { date: '2026-01-06', name: 'Epifania' },
      { date: '2026-04-05', name: 'Pasqua' },
      { date: '2026-04-06', name: "Lunedì dell'Angelo" },
      { date: '2026-04-25', name: 'Festa della Liberazione' },
      { date: '2026-05-01', name: 'Festa del Lavoro' },
      { date: '2026-06-02', name: 'Festa della Repubblica' },
      { date: '2026-08-15', name: 'Ferragosto' },
      { date: '2026-10-04', name: "San Francesco d'Assisi, patrono d'Italia" },
      { date: '2026-11-01', name: 'Ognissanti' },
      { date: '2026-12-08', name: 'Immacolata Concezione' },
      { date: '2026-12-25', name: 'Natale' },
      { date: '2026-12-26', name: 'Santo Stefano' },
    ]);
  });

  it('moves Easter Monday with Easter', () => {
    expect(nationalHolidays(2027)).toContainEqual({
      date: '2027-03-29',
      name: "Lunedì dell'Angelo",
    });
  });

  it('has 4 October only from 2026 (L. 151/2025)', () => {
    expect(nationalHolidays(2025).map((h) => h.date)).not.toContain('2025-10-04');
    expect(nationalHolidays(2025)).toHaveLength(12);
    expect(nationalHolidays(2027).map((h) => h.date)).toContain('2027-10-04');
  });

  it('keeps both entries when Easter falls on 25 April (2038)', () => {
    const names = nationalHolidays(2038)
      .filter((h) => h.date === '2038-04-25')
      .map((h) => h.name);
    expect(names.sort()).toEqual(['Festa della Liberazione', 'Pasqua']);
  });
});
