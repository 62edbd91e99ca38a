import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';

/**
 * The inclusion pact (ADI, historical RdC) driven over HTTP: the 120-day first meeting from
 * the PAD, the preliminary analysis choosing A/B/C/D, the pact within 20 working days, the
 * 90-day checks in a loop, breaches reported to INPS after the coordinator approves.
 */
describe('patto-inclusione-adi', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const meeting = 'Primo incontro con il nucleo';
  const analysis = 'Analisi preliminare';
  const inps = 'Approvare e trasmettere la comunicazione a INPS';
  const assign = (caseNumber: string, who: string) =>
    d.do('coord.iii', caseNumber, 'Assegnare il case manager', { caseManagerId: d.ids[who] });
  /** The case's deadlines by kind, then due date. */

  beforeAll(() => d.start(), 60_000);
  afterAll(() => d.stop());

  it('C: first meeting within 120 days of the PAD (Santa Rosalia), a proroga re-arms it, pact within 20 working days, a missed 90-day check is reported to INPS', async () => {
    const opened = await d.openCase('Rossi', 'Maria');
    const key = await d.startPath('patto-inclusione-adi', opened, { padDate: '2026-03-17' });
    await assign(opened.caseNumber, 'anna.iii');

    // PAD date known at start: no PAD step. 17 Mar + 120 days = 15 Jul, Santa Rosalia → 16 Jul.
    const first = await c.mine('anna.iii', opened.caseNumber, meeting);
    expect(first.dueDate).toBe('2026-07-16T22:00:00.000Z');
    expect(await c.openTasks('carla.v', opened.caseNumber, 'mine')).toEqual([]);
    expect(await c.openTasks('carla.v', opened.caseNumber, 'unit-unassigned')).toEqual([]);
    expect(await c.openTasks('bruno.iii', opened.caseNumber, 'mine')).toEqual([]);
    const [firstMeeting] = await d.deadlines(opened.caseId);
    expect(firstMeeting).toMatchObject({
      kind: 'adi-first-meeting',
      dueDate: '2026-07-16',
      status: 'running',
      legalBasis: 'DM 13/12/2023 art. 7 (ADI, D.L. 48/2023)',
    });
    expect((await c.timers(key)).firstMeetingOverdue).toBe('2026-07-16T22:00:00.000Z');

    // A proroga moves the deadline and the model re-arms its timer on a new task.
    await c.extend(opened.caseId, firstMeeting.id, { newDueDate: '2026-07-31' });
    const rearmed = await c.mine('anna.iii', opened.caseNumber, meeting, first.id);
    expect(rearmed.dueDate).toBe('2026-07-31T22:00:00.000Z');
    expect((await c.timers(key)).firstMeetingOverdue).toBe('2026-07-31T22:00:00.000Z');

    await d.complete('anna.iii', rearmed, { meetingDate: '2026-04-14', meetingOutcome: 'held' });
    await c.doMine('anna.iii', opened.caseNumber, analysis, {
      analysisDate: '2026-04-20',
      needAreas: ['work', 'housing'],
      members: [{ name: 'Maria Rossi', workCondition: 'activatable' }],
      preliminaryOutcome: 'C',
    });
    // 20 working days from Mon 20 Apr, skipping 25 Apr and 1 May: Tue 19 May.
    await c.deadlinesAre(opened.caseId, [
      ['adi-first-meeting', '2026-07-31', 'met'],
      ['inclusion-pact', '2026-05-19', 'running'],
    ]);
    // C: no multidisciplinary team.
    await c.mine('anna.iii', opened.caseNumber, "Sottoscrivere il patto per l'inclusione sociale");
    expect(await c.openTasks('anna.iii', opened.caseNumber, 'mine')).toEqual([
      "Sottoscrivere il patto per l'inclusione sociale",
    ]);

    await d.moveTo('2026-05-04T08:00:00.000Z');
    await c.doMine(
      'anna.iii',
      opened.caseNumber,
      "Sottoscrivere il patto per l'inclusione sociale",
      {
        pactSignedOn: '2026-05-04',
        generalObjectives: 'Autonomia economica del nucleo.',
        expectedResults: 'Iscrizione a un corso di formazione entro giugno.',
        supports: ['socioEducational'],
        commitments: [{ action: 'Iscrizione al corso', member: 'Maria', dueDate: '2026-06-30' }],
      },
    );
    await c.deadlineCount(opened.caseId, 3);
    // 90 days from Mon 4 May: Sun 2 Aug → Mon 3 Aug.
    await d.moveTo('2026-07-30T08:00:00.000Z');
    await c.doMine('anna.iii', opened.caseNumber, 'Verifica periodica del patto', {
      checkDate: '2026-07-30',
      progress: 'Corso avviato.',
      commitmentsMet: 'partly',
      checkOutcome: 'continue',
    });
    // A new round: 90 days from 30 Jul = Wed 28 Oct.
    await c.deadlinesAre(opened.caseId, [
      ['adi-first-meeting', '2026-07-31', 'met'],
      ['adi-periodic-check', '2026-08-03', 'met'],
      ['adi-periodic-check', '2026-10-28', 'running'],
      ['inclusion-pact', '2026-05-19', 'met'],
    ]);
    await c.mine('anna.iii', opened.caseNumber, 'Verifica periodica del patto');

    // The check is missed: the model's breach branch asks the coordinator to report to INPS.
    await d.moveTo('2026-10-29T08:00:00.000Z');
    const report = await d.task('coord.iii', opened.caseNumber, inps);
    // The check task is taken out of the case manager's list; the coordinator's is not hers.
    await c.until(
      async () => (await c.openTasks('anna.iii', opened.caseNumber, 'mine')).length === 0,
    );
    expect(await c.openTasks('anna.iii', opened.caseNumber, 'unit-unassigned')).toEqual([]);
    await d.escalate();
    expect((await c.deadlineRows(opened.caseId))[2]).toEqual([
      'adi-periodic-check',
      '2026-10-28',
      'breached',
    ]);
    await d.complete('coord.iii', report, {
      inpsMeasure: 'suspension',
      inpsReason: 'Verifica periodica non svolta nei 90 giorni.',
      inpsDecision: 'approved',
      inpsSentOn: '2026-10-29',
    });
    await c.completed(key);
    expect(await c.reached(key, 'reportedToInps')).toBe(true);
  });

  it('RdC, PAD date from the first form (Immacolata): a justified absence reconvenes, an unjustified one goes to the coordinator, who may not approve', async () => {
    const opened = await d.openCase('Bianchi', 'Luca');
    const key = await d.startPath('patto-inclusione-adi', opened);
    await assign(opened.caseNumber, 'bruno.iii');
    await c.doMine('bruno.iii', opened.caseNumber, 'Registrare i dati del PAD', {
      benefit: 'RdC',
      padDate: '2026-08-10',
      householdSize: 3,
    });
    // 10 Aug + 120 days = Tue 8 Dec (Immacolata) → Wed 9 Dec.
    await c.deadlinesAre(opened.caseId, [['adi-first-meeting', '2026-12-09', 'running']]);

    const first = await c.mine('bruno.iii', opened.caseNumber, meeting);
    const refused = await d.server.request('POST', `/api/tasks/${first.id}/complete`, {
      ...d.as('bruno.iii'),
      body: { variables: { meetingDate: '2026-11-02', meetingOutcome: 'noShowJustified' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((p: { field: string }) => p.field)).toEqual(['justification']);
    await d.complete('bruno.iii', first, {
      meetingDate: '2026-11-02',
      meetingOutcome: 'noShowJustified',
      justification: 'Ricovero ospedaliero.',
    });
    const again = await c.mine('bruno.iii', opened.caseNumber, meeting, first.id);
    await d.complete('bruno.iii', again, {
      meetingDate: '2026-11-16',
      meetingOutcome: 'noShowUnjustified',
    });
    // The meeting's job worker marks the deadline met after the completion answers.
    await c.until(
      async () => (await c.deadlineRows(opened.caseId))[0][2] !== 'running',
      'the first meeting deadline to close',
    );
    await c.deadlinesAre(opened.caseId, [['adi-first-meeting', '2026-12-09', 'met']]);
    await d.do('coord.iii', opened.caseNumber, inps, {
      inpsMeasure: 'forfeiture',
      inpsReason: 'Assenza al primo incontro senza giustificato motivo.',
      inpsDecision: 'rejected',
    });
    await c.completed(key);
    expect(await c.reached(key, 'notReported')).toBe(true);
    expect(await c.reached(key, 'preliminaryAnalysis')).toBe(false);
  });

  it('A goes to the job centre with a configured service-pact term, B to the specialist services, D to the multidisciplinary team and a pact breach to INPS', async () => {
    const toAnalysis = async (surname: string, outcome: string) => {
      const opened = await d.openCase(surname, 'Anna');
      const key = await d.startPath('patto-inclusione-adi', opened, { padDate: '2026-10-01' });
      await assign(opened.caseNumber, 'anna.iii');
      await c.doMine('anna.iii', opened.caseNumber, meeting, {
        meetingDate: '2026-10-20',
        meetingOutcome: 'held',
      });
      await c.doMine('anna.iii', opened.caseNumber, analysis, {
        analysisDate: '2026-11-02',
        needAreas: ['work'],
        preliminaryOutcome: outcome,
      });
      return { ...opened, key };
    };

    const a = await toAnalysis('Greco', 'A');
    await c.doMine('anna.iii', a.caseNumber, "Inviare al Centro per l'impiego", {
      jobCentreReferralDate: '2026-11-02',
      jobCentre: "Centro per l'impiego di Palermo",
      servicePactDays: 45,
    });
    await c.deadlinesAre(a.caseId, [
      ['adi-first-meeting', '2027-01-29', 'met'],
      ['adi-service-pact', '2026-12-17', 'running'],
    ]);
    await c.doMine(
      'anna.iii',
      a.caseNumber,
      "Registrare il patto di servizio del Centro per l'impiego",
      { servicePactSignedOn: '2026-12-01' },
    );
    await c.completed(a.key);
    expect(await c.reached(a.key, 'sentToJobCentre')).toBe(true);
    expect((await c.deadlineRows(a.caseId)).map(([kind]) => kind)).not.toContain('inclusion-pact');

    const b = await toAnalysis('Lombardo', 'B');
    await c.doMine(
      'anna.iii',
      b.caseNumber,
      'Raccordo con il servizio specialistico che segue il nucleo',
      { specialistService: 'mentalHealth' },
    );
    await c.completed(b.key);

    const dd = await toAnalysis('Messina', 'D');
    // 20 working days from Mon 2 Nov 2026: Mon 30 Nov.
    await c.deadlineCount(dd.caseId, 2);
    expect((await c.deadlineRows(dd.caseId))[1]).toEqual([
      'inclusion-pact',
      '2026-11-30',
      'running',
    ]);
    await c.doMine('anna.iii', dd.caseNumber, "Quadro di analisi con l'équipe multidisciplinare", {
      teamMembers: 'Assistente sociale, CPI, ASP',
      housingCondition: 'Sovraffollamento.',
    });
    await c.mine('anna.iii', dd.caseNumber, "Sottoscrivere il patto per l'inclusione sociale");
    await d.moveTo('2026-12-01T08:00:00.000Z');
    await d.do('coord.iii', dd.caseNumber, inps, {
      inpsMeasure: 'suspension',
      inpsReason: 'Patto non sottoscritto nei termini.',
      inpsDecision: 'approved',
      inpsSentOn: '2026-12-01',
    });
    await c.completed(dd.key);
    expect(await c.reached(dd.key, 'pactOverdue')).toBe(true);
  });
});
