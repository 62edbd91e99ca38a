import { endOfRomeDay, plusDays, romeDay } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import { quiet } from './path-steps';

/**
 * The inclusion pact (ADI, historical RdC) driven over HTTP: the 120-day first meeting from
 * the PAD, the summons that proves an unjustified absence, the preliminary analysis choosing
 * A/B/C/D (A and B end the case work), the pact within 20 working days (D.Lgs 147/2017 art. 6),
 * the 90-day checks from the pact's signature in a loop, the 18 months of the benefit with a
 * renewal step before they end, breaches reported to INPS after the coordinator approves.
 */
describe('patto-inclusione-adi', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const meeting = 'Primo incontro con il nucleo';
  const analysis = 'Analisi preliminare';
  const inps = 'Approvare e trasmettere la comunicazione a INPS';
  const pact = "Sottoscrivere il patto per l'inclusione sociale";
  const check = 'Verifica periodica del patto';
  const renewal = "Preparare il rinnovo o la chiusura dell'ADI";
  const pactForm = {
    generalObjectives: 'Autonomia economica del nucleo.',
    expectedResults: 'Iscrizione a un corso di formazione.',
  };
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
    // The 20 working days are D.Lgs 147/2017 art. 6 c. 1, not D.L. 4/2019.
    expect(
      (await d.deadlines(opened.caseId)).find((x) => x.kind === 'inclusion-pact'),
    ).toMatchObject({
      legalBasis:
        "D.Lgs 147/2017 art. 6 c. 1 (20 giorni lavorativi dall'analisi preliminare), standard del servizio per l'ADI",
    });
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
    await c.deadlineCount(opened.caseId, 4);
    // 90 days from Mon 4 May: Sun 2 Aug → Mon 3 Aug.
    await d.moveTo('2026-07-30T08:00:00.000Z');
    await c.doMine('anna.iii', opened.caseNumber, 'Verifica periodica del patto', {
      checkDate: '2026-07-30',
      progress: 'Corso avviato.',
      commitmentsMet: 'partly',
      checkOutcome: 'continue',
    });
    // A new round: 90 days from 30 Jul = Wed 28 Oct. No start date in the pact form: the
    // 18 months of the ADI run from the month after the PAD (1 Apr 2026), to 1 Oct 2027.
    await c.deadlinesAre(opened.caseId, [
      ['adi-benefit-end', '2027-10-01', 'running'],
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
    expect((await c.deadlineRows(opened.caseId))[3]).toEqual([
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
    // The path ended: its benefit deadline is no longer watched.
    expect((await c.deadlineRows(opened.caseId))[0]).toEqual([
      'adi-benefit-end',
      '2027-10-01',
      'cancelled',
    ]);
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
    // An unjustified absence costs the benefit: without the summons it cannot be recorded.
    const unproven = await d.server.request('POST', `/api/tasks/${again.id}/complete`, {
      ...d.as('bruno.iii'),
      body: { variables: { meetingDate: '2026-11-16', meetingOutcome: 'noShowUnjustified' } },
    });
    expect(unproven.status).toBe(400);
    expect(unproven.body.details.map((p: { field: string }) => p.field).sort()).toEqual([
      'summonsChannel',
      'summonsMeetingDate',
      'summonsSentOn',
    ]);
    await d.complete('bruno.iii', again, {
      meetingDate: '2026-11-16',
      meetingOutcome: 'noShowUnjustified',
      summonsSentOn: '2026-11-04',
      summonsChannel: 'registeredLetter',
      summonsMeetingDate: '2026-11-16',
      summonsReference: 'Prot. 4521/2026, ricevuta del 6/11',
    });
    // The meeting's job worker marks the deadline met after the completion answers.
    await c.until(
      async () => (await c.deadlineRows(opened.caseId))[0][2] !== 'running',
      'the first meeting deadline to close',
    );
    await c.deadlinesAre(opened.caseId, [['adi-first-meeting', '2026-12-09', 'met']]);
    // The coordinator's step opens with the summons that proves the absence.
    const report = await d.task('coord.iii', opened.caseNumber, inps);
    const opensWith = await d.server.request(
      'GET',
      `/api/tasks/${report.id}/variables`,
      d.as('coord.iii'),
    );
    expect(opensWith.body).toMatchObject({
      meetingOutcome: 'noShowUnjustified',
      summonsSentOn: '2026-11-04',
      summonsChannel: 'registeredLetter',
      summonsMeetingDate: '2026-11-16',
    });
    await d.complete('coord.iii', report, {
      inpsMeasure: 'forfeiture',
      inpsReason: 'Assenza al primo incontro senza giustificato motivo.',
      inpsDecision: 'rejected',
    });
    await c.completed(key);
    expect(await c.reached(key, 'notReported')).toBe(true);
    expect(await c.reached(key, 'preliminaryAnalysis')).toBe(false);
  });

  it('a held meeting needs no summons, and the summons fields are refused when hidden', async () => {
    const opened = await d.openCase('Ferrara', 'Rita');
    await d.startPath('patto-inclusione-adi', opened, { padDate: '2026-10-20' });
    await assign(opened.caseNumber, 'anna.iii');
    const first = await c.mine('anna.iii', opened.caseNumber, meeting);
    const hidden = await d.server.request('POST', `/api/tasks/${first.id}/complete`, {
      ...d.as('anna.iii'),
      body: {
        variables: {
          meetingDate: '2026-10-29',
          meetingOutcome: 'held',
          summonsSentOn: '2026-10-22',
        },
      },
    });
    expect(hidden.status).toBe(400);
    expect(hidden.body.details.map((p: { field: string }) => p.field)).toEqual(['summonsSentOn']);
    await d.complete('anna.iii', first, { meetingDate: '2026-10-29', meetingOutcome: 'held' });
    await c.mine('anna.iii', opened.caseNumber, analysis);
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
    // A ends the social service's case work: no pact, no 90-day checks, no benefit deadline.
    expect(await c.deadlineRows(a.caseId)).toEqual([
      ['adi-first-meeting', '2027-01-29', 'met'],
      ['adi-service-pact', '2026-12-17', 'met'],
    ]);
    expect(await c.reached(a.key, 'startCheck')).toBe(false);
    expect(await c.openTasks('anna.iii', a.caseNumber, 'mine')).toEqual([]);

    const b = await toAnalysis('Lombardo', 'B');
    await c.doMine(
      'anna.iii',
      b.caseNumber,
      'Raccordo con il servizio specialistico che segue il nucleo',
      { specialistService: 'mentalHealth' },
    );
    await c.completed(b.key);
    // B too: the specialist service follows the household, the path ends here.
    expect(await c.reached(b.key, 'followedBySpecialists')).toBe(true);
    expect(await c.reached(b.key, 'startCheck')).toBe(false);
    expect(await c.deadlineRows(b.caseId)).toEqual([['adi-first-meeting', '2027-01-29', 'met']]);
    expect(await c.openTasks('anna.iii', b.caseNumber, 'mine')).toEqual([]);

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

  it('the first 90-day check runs from the signature written in the pact, the 18 months from the start of the benefit, and a renewal step comes 30 days before they end', async () => {
    const opened = await d.openCase('Caruso', 'Ida');
    const key = await d.startPath('patto-inclusione-adi', opened, { padDate: '2027-03-02' });
    await assign(opened.caseNumber, 'anna.iii');
    await d.moveTo('2027-03-19T08:00:00.000Z');
    await c.doMine('anna.iii', opened.caseNumber, meeting, {
      meetingDate: '2027-03-19',
      meetingOutcome: 'held',
    });
    await c.doMine('anna.iii', opened.caseNumber, analysis, {
      analysisDate: '2027-03-22',
      needAreas: ['family'],
      preliminaryOutcome: 'C',
    });

    // Signed on Tue 6 Apr, recorded on Fri 9 Apr. The household has had the ADI since March
    // 2026 (moved here from another town): the 18 months end on 1 Sep 2027.
    await d.moveTo('2027-04-09T08:00:00.000Z');
    await c.doMine('anna.iii', opened.caseNumber, pact, {
      ...pactForm,
      pactSignedOn: '2027-04-06',
      benefitStartDate: '2026-03-01',
    });
    // 90 days from the signature (6 Apr): Mon 5 Jul; not from the first meeting (19 Mar →
    // 17 Jun) nor from the day the form was filled in (9 Apr → 8 Jul). The pact: 20 working
    // days from Mon 22 Mar, skipping Easter Monday (29 Mar): Tue 20 Apr.
    await c.deadlinesAre(opened.caseId, [
      ['adi-benefit-end', '2027-09-01', 'running'],
      ['adi-first-meeting', '2027-06-30', 'met'],
      ['adi-periodic-check', '2027-07-05', 'running'],
      ['inclusion-pact', '2027-04-20', 'met'],
    ]);
    const firstCheck = await c.mine('anna.iii', opened.caseNumber, check);
    expect(firstCheck.dueDate).toBe('2027-07-05T22:00:00.000Z');
    // The step before the end is armed on the check: 30 days before the end of 1 Sep.
    expect(await c.timers(key)).toMatchObject({
      checkOverdue: '2027-07-05T22:00:00.000Z',
      renewalDue: '2027-08-02T22:00:00.000Z',
    });

    await d.moveTo('2027-07-02T08:00:00.000Z');
    await d.complete('anna.iii', firstCheck, {
      checkDate: '2027-07-02',
      progress: 'Corso frequentato.',
      commitmentsMet: 'all',
      checkOutcome: 'continue',
    });
    // Next round from the check's date: Thu 30 Sep.
    await c.mine('anna.iii', opened.caseNumber, check, firstCheck.id);

    // 30 days before the end the check gives way to the renewal step, due on the last day.
    await d.moveTo('2027-08-03T08:00:00.000Z');
    const prepare = await c.mine('anna.iii', opened.caseNumber, renewal);
    expect(prepare.dueDate).toBe('2027-09-01T22:00:00.000Z');
    // The check's task leaves the case manager's list (the tasklist follows the engine).
    await c.until(
      async () => (await c.openTasks('anna.iii', opened.caseNumber, 'mine')).length === 1,
      'the check task to go',
    );
    expect(await c.openTasks('anna.iii', opened.caseNumber, 'mine')).toEqual([renewal]);
    await c.deadlinesAre(opened.caseId, [
      ['adi-benefit-end', '2027-09-01', 'running'],
      ['adi-first-meeting', '2027-06-30', 'met'],
      ['adi-periodic-check', '2027-07-05', 'met'],
      ['adi-periodic-check', '2027-09-30', 'cancelled'],
      ['inclusion-pact', '2027-04-20', 'met'],
    ]);

    // Renewed after the month's pause: 12 more months from 1 Oct (to Sun 1 Oct 2028, no
    // roll-forward); checks again 90 days from the interview (20 Aug → Thu 18 Nov).
    await d.complete('anna.iii', prepare, {
      renewalPreparedOn: '2027-08-20',
      renewalOutcome: 'renew',
      renewalStartDate: '2027-10-01',
    });
    await c.deadlinesAre(opened.caseId, [
      ['adi-benefit-end', '2027-09-01', 'met'],
      ['adi-benefit-end', '2028-10-01', 'running'],
      ['adi-first-meeting', '2027-06-30', 'met'],
      ['adi-periodic-check', '2027-07-05', 'met'],
      ['adi-periodic-check', '2027-09-30', 'cancelled'],
      ['adi-periodic-check', '2027-11-18', 'running'],
      ['inclusion-pact', '2027-04-20', 'met'],
    ]);
    const renewedCheck = await c.mine('anna.iii', opened.caseNumber, check);
    expect((await c.timers(key)).renewalDue).toBe('2028-09-01T22:00:00.000Z');

    // The benefit is closed at a check: the path ends and the end of the renewal is dropped.
    await d.moveTo('2027-11-16T08:00:00.000Z');
    await d.complete('anna.iii', renewedCheck, {
      checkDate: '2027-11-16',
      progress: 'Lavoro trovato.',
      commitmentsMet: 'all',
      checkOutcome: 'close',
    });
    await c.completed(key);
    expect(await c.reached(key, 'pathCompleted')).toBe(true);
    expect((await c.deadlineRows(opened.caseId))[1]).toEqual([
      'adi-benefit-end',
      '2028-10-01',
      'cancelled',
    ]);
  });

  it('a household that does not renew ends the path at the renewal step', async () => {
    await d.moveTo('2027-11-16T08:00:00.000Z');
    const opened = await d.openCase('Marino', 'Teresa');
    const key = await d.startPath('patto-inclusione-adi', opened, { padDate: '2027-11-10' });
    await assign(opened.caseNumber, 'anna.iii');
    await c.doMine('anna.iii', opened.caseNumber, meeting, {
      meetingDate: '2027-11-16',
      meetingOutcome: 'held',
    });
    await c.doMine('anna.iii', opened.caseNumber, analysis, {
      analysisDate: '2027-11-16',
      needAreas: ['economic'],
      preliminaryOutcome: 'C',
    });
    // Benefit since Jun 2026: the 18 months end on 1 Dec 2027, within 30 days: the step comes at once.
    await c.doMine('anna.iii', opened.caseNumber, pact, {
      ...pactForm,
      pactSignedOn: '2027-11-16',
      benefitStartDate: '2026-06-01',
    });
    const prepare = await c.mine('anna.iii', opened.caseNumber, renewal);
    expect(prepare.dueDate).toBe('2027-12-01T23:00:00.000Z');
    const refused = await d.server.request('POST', `/api/tasks/${prepare.id}/complete`, {
      ...d.as('anna.iii'),
      body: { variables: { renewalPreparedOn: '2027-11-22', renewalOutcome: 'renew' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((p: { field: string }) => p.field)).toEqual([
      'renewalStartDate',
    ]);
    await d.complete('anna.iii', prepare, {
      renewalPreparedOn: '2027-11-22',
      renewalOutcome: 'close',
      renewalNotes: 'Il nucleo non ha più i requisiti.',
    });
    await c.completed(key);
    expect(await c.reached(key, 'benefitEnded')).toBe(true);
    await c.deadlinesAre(opened.caseId, [
      ['adi-benefit-end', '2027-12-01', 'met'],
      ['adi-first-meeting', '2028-03-09', 'met'],
      ['adi-periodic-check', '2028-02-14', 'cancelled'],
      ['inclusion-pact', '2027-12-15', 'met'],
    ]);
  });

  it('a proroga of the pact and one of the check re-arm their terms on new tasks; a breach found at the check goes to INPS and drops the end of the benefit', async () => {
    const today = romeDay(d.clock.now());
    const opened = await d.openCase('Vella', 'Rosa');
    const key = await d.startPath('patto-inclusione-adi', opened, { padDate: today });
    await assign(opened.caseNumber, 'anna.iii');
    await c.doMine('anna.iii', opened.caseNumber, meeting, {
      meetingDate: today,
      meetingOutcome: 'held',
    });
    await c.doMine('anna.iii', opened.caseNumber, analysis, {
      analysisDate: today,
      needAreas: ['work', 'family'],
      preliminaryOutcome: 'C',
    });
    const termOf = async (kind: string) => {
      await c.until(
        async () => (await d.deadlines(opened.caseId)).some((x) => x.kind === kind),
        `the ${kind} term`,
      );
      return (await d.deadlines(opened.caseId)).find((x) => x.kind === kind)!;
    };

    // The pact: ten more days.
    const firstPact = await c.mine('anna.iii', opened.caseNumber, pact);
    const pactTerm = await termOf('inclusion-pact');
    expect(firstPact.dueDate).toBe(endOfRomeDay(pactTerm.dueDate));
    const pactDue = plusDays(pactTerm.dueDate, 10);
    await c.extend(opened.caseId, pactTerm.id, { newDueDate: pactDue });
    const rearmedPact = await c.mine('anna.iii', opened.caseNumber, pact, firstPact.id);
    expect(rearmedPact.dueDate).toBe(endOfRomeDay(pactDue));
    expect((await c.timers(key)).pactOverdue).toBe(endOfRomeDay(pactDue));
    await d.complete('anna.iii', rearmedPact, { ...pactForm, pactSignedOn: today });

    // The check: fifteen more days.
    const firstCheck = await c.mine('anna.iii', opened.caseNumber, check);
    const checkTerm = await termOf('adi-periodic-check');
    expect(firstCheck.dueDate).toBe(endOfRomeDay(checkTerm.dueDate));
    const checkDue = plusDays(checkTerm.dueDate, 15);
    await c.extend(opened.caseId, checkTerm.id, { newDueDate: checkDue });
    const rearmedCheck = await c.mine('anna.iii', opened.caseNumber, check, firstCheck.id);
    expect(rearmedCheck.dueDate).toBe(endOfRomeDay(checkDue));
    expect((await c.timers(key)).checkOverdue).toBe(endOfRomeDay(checkDue));

    // At the check the case manager finds the pact not kept: the coordinator decides on INPS.
    await d.complete('anna.iii', rearmedCheck, {
      checkDate: today,
      progress: 'Nessun impegno rispettato; il nucleo non risponde alle convocazioni.',
      commitmentsMet: 'none',
      checkOutcome: 'reportToInps',
    });
    const report = await d.task('coord.iii', opened.caseNumber, inps);
    expect(report.assignee).toBeNull();
    expect(await c.openTasks('anna.iii', opened.caseNumber, 'mine')).toEqual([]);
    await d.complete('coord.iii', report, {
      inpsMeasure: 'suspension',
      inpsReason: 'Impegni del patto non rispettati.',
      inpsDecision: 'approved',
      inpsSentOn: today,
    });
    await c.completed(key);
    expect(await c.reached(key, 'reportedToInps')).toBe(true);
    const status = async (kind: string) =>
      (await d.deadlines(opened.caseId))
        .filter((x) => x.kind === kind)
        .map((x) => [x.dueDate, x.status]);
    expect(await status('inclusion-pact')).toEqual([[pactDue, 'met']]);
    expect(await status('adi-periodic-check')).toEqual([[checkDue, 'met']]);
    // The path ended: the end of the benefit is no longer watched.
    expect((await status('adi-benefit-end')).map(([, s]) => s)).toEqual(['cancelled']);
  });

  it('a first meeting not held within the 120 days goes to the coordinator for the suspension; the path ends with no analysis', async () => {
    const opened = await d.openCase('Spinelli', 'Carmelo');
    const key = await d.startPath('patto-inclusione-adi', opened, {
      padDate: romeDay(d.clock.now()),
    });
    await assign(opened.caseNumber, 'bruno.iii');
    const first = await c.mine('bruno.iii', opened.caseNumber, meeting);
    await c.deadlineCount(opened.caseId, 1);
    const [term] = await d.deadlines(opened.caseId);
    expect(first.dueDate).toBe(endOfRomeDay(term.dueDate));

    // The last day still running: nothing for the coordinator.
    await d.moveTo(new Date(Date.parse(endOfRomeDay(term.dueDate)) - 60_000).toISOString());
    await quiet(d);
    expect(await c.openTasks('coord.iii', opened.caseNumber, 'unit')).toEqual([meeting]);
    await d.moveTo(new Date(Date.parse(endOfRomeDay(term.dueDate)) + 60_000).toISOString());
    const report = await d.task('coord.iii', opened.caseNumber, inps);
    // The meeting is taken out of the case manager's list.
    await c.until(
      async () => (await c.openTasks('bruno.iii', opened.caseNumber, 'mine')).length === 0,
      'the first meeting task to go',
    );
    await d.escalate();
    await c.deadlinesAre(opened.caseId, [['adi-first-meeting', term.dueDate, 'breached']]);
    await d.complete('coord.iii', report, {
      inpsMeasure: 'suspension',
      inpsReason: 'Primo incontro non svolto nei 120 giorni dal PAD.',
      inpsDecision: 'approved',
      inpsSentOn: romeDay(d.clock.now()),
    });
    await c.completed(key);
    expect(await c.reached(key, 'reportedToInps')).toBe(true);
    expect(await c.reached(key, 'preliminaryAnalysis')).toBe(false);
    // No benefit term was started, so none to cancel.
    expect(await c.reached(key, 'cancelBenefitOnInps')).toBe(false);
  });
});
