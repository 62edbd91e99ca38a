import { dueDateTime, dueIn } from '../../client/src/ui/format';

/** How a task's due date reads in the tasklist, the task and the case file. */
describe('due dates as the caseworker reads them', () => {
  // A task due on its legal deadline's day: due at 00:00 of 1 May in Rome (22:00 UTC, summer).
  const legal = '2026-04-30T22:00:00.000Z';

  it('names the day a midnight due date closes, at 24:00', () => {
    expect(dueDateTime(legal)).toBe('30/04/26, 24:00');
    // Winter time: 00:00 of 1 March in Rome.
    expect(dueDateTime('2026-02-28T23:00:00.000Z')).toBe('28/02/26, 24:00');
  });

  it('shows any other due date as it is, in Rome', () => {
    expect(dueDateTime('2026-03-20T17:00:00.000Z')).toBe('20/03/26, 18:00');
    expect(dueDateTime(null)).toBe('—');
  });

  it('counts the days to the day a midnight due date closes', () => {
    // On 30 April at 10:00 it is due today, not tomorrow.
    expect(dueIn(legal, Date.parse('2026-04-30T08:00:00Z'))).toBe('scade oggi');
    expect(dueIn(legal, Date.parse('2026-04-29T08:00:00Z'))).toBe('scade domani');
    // From 00:00 of 1 May it was due yesterday.
    expect(dueIn(legal, Date.parse('2026-04-30T22:30:00Z'))).toBe('scaduta da 1 giorno');
    expect(dueIn(legal, Date.parse('2026-05-02T08:00:00Z'))).toBe('scaduta da 2 giorni');
    expect(dueIn('2026-03-20T17:00:00.000Z', Date.parse('2026-03-20T18:00:00Z'))).toBe(
      'scaduta oggi',
    );
    expect(dueIn('2026-03-20T17:00:00.000Z', Date.parse('2026-03-18T08:00:00Z'))).toBe(
      'scade tra 2 giorni',
    );
  });
});
