import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';

/**
 * Urgent requests driven over HTTP: the same-day triage deadline starts before the take in
 * charge; a child placed in urgency goes on to the minors path with the art. 403 timers; a
 * triage not done on the day goes to the coordinator.
 */
describe('richiesta-urgente', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const triage = 'Triage della richiesta urgente';
  const begin = async (surname: string) => {
    const opened = await d.openCase(surname, 'Luca');
    const key = await d.startPath('richiesta-urgente', opened);
    await d.do('coord.iii', opened.caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['anna.iii'],
    });
    return { ...opened, key };
  };

  beforeAll(() => d.start(), 60_000);
  afterAll(() => d.stop());

  it('a child placed at night: triage the same day, then the minors path runs the 24-hour PM report from the placement', async () => {
    const u = await begin('Marino');
    const task = await c.mine('anna.iii', u.caseNumber, triage);
    // Due by the end of today (Monday 2 March) in Rome.
    expect(task.dueDate).toBe('2026-03-02T23:00:00.000Z');
    await c.deadlinesAre(u.caseId, [['urgent-triage', '2026-03-02', 'running']]);
    expect(await c.openTasks('carla.v', u.caseNumber, 'unit-unassigned')).toEqual([]);
    await d.complete('anna.iii', task, {
      requestSource: 'line114',
      concernsMinor: true,
      situation: 'Bambino di 6 anni trovato solo in casa dalle forze dell’ordine.',
      urgentOutcome: 'art403Placement',
      placementTime: '2026-03-02T02:15+01:00',
      placementPlace: 'Comunità di pronta accoglienza',
    });
    // The minors path goes on with the same case manager and the art. 403 track: no second
    // assignment, no track to choose.
    const pm = await c.mine(
      'anna.iii',
      u.caseNumber,
      'Trasmettere al PM provvedimento e relazione (art. 403)',
    );
    expect(pm.dueDate).toBe('2026-03-03T01:15:00.000Z');
    expect(await c.openTasks('coord.iii', u.caseNumber, 'unit')).toEqual([
      'Trasmettere al PM provvedimento e relazione (art. 403)',
    ]);
    await c.deadlinesAre(u.caseId, [
      ['art403-pm-report', '2026-03-03', 'running'],
      ['urgent-triage', '2026-03-02', 'met'],
    ]);
    await d.complete('anna.iii', pm, {
      pmReportSentAt: '2026-03-02T18:00+01:00',
      pmReportSummary: 'Minore collocato in comunità; genitori irreperibili.',
    });
    await c.publishWhenAwaited('decisione-tm-403', u.caseNumber, { decreeOutcome: 'revoked' });
    await c.completed(u.key);
    expect(await c.reached(u.key, 'toMinors')).toBe(true);
  });

  it('a child to follow without placement: the minors path asks for the track; a triage missed on the day goes to the coordinator', async () => {
    const m = await begin('Costa');
    await c.doMine('anna.iii', m.caseNumber, triage, {
      requestSource: 'hospital',
      concernsMinor: true,
      situation: 'Neonato dimesso, madre senza rete familiare.',
      urgentOutcome: 'minorsFollowUp',
    });
    await c.mine('anna.iii', m.caseNumber, 'Scegliere la traccia di tutela');
    expect(await c.openTasks('coord.iii', m.caseNumber, 'unit')).toEqual([
      'Scegliere la traccia di tutela',
    ]);

    const late = await begin('Ricci');
    await c.mine('anna.iii', late.caseNumber, triage);
    await d.moveTo('2026-03-03T07:00:00.000Z');
    await d.do('coord.iii', late.caseNumber, 'Svolgere subito il triage non svolto in giornata', {
      requestSource: 'police',
      situation: 'Adulto senza dimora in ipotermia.',
      urgentOutcome: 'handled',
    });
    await c.completed(late.key);
    expect(await c.reached(late.key, 'handled')).toBe(true);
    expect(await c.reached(late.key, 'closeTriage')).toBe(false);
  });
});
