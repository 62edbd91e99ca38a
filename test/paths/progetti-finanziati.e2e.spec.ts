import { TaskReconciler } from '../../src/tasks/task-reconciler';
import { endOfRomeDay, plusDays, read, romeDay } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import { act, activeTimers, eventually, openTaskNames, quiet, stepDone } from './path-steps';

const DUTY = 'ATT-III-2026-000001';

/** The registration as the coordinator fills it in (form funded-project-registration). */
const registration = (dates: { projectStartDate: string; projectEndDate: string }) => ({
  fundSource: 'l285',
  fundLine: 'Annualità 2025, quota città riservatarie',
  fundingAct: 'Decreto direttoriale n. 412 del 20/02/2026',
  fundingActDate: '2026-02-20',
  fundedAmount: 85000,
  managingBody: 'Cooperativa sociale Il Girasole',
  managingBodyContact: 'Dott. Lo Cascio, 091 0000002',
  ...dates,
  reportingInterval: 'quarterly',
  reportDaysAfterPeriod: 30,
  finalReportDays: 60,
  referent: 'anna.iii',
  milestones: [
    { title: 'Avvio dei laboratori nelle scuole', dueDate: '2026-05-15', target: '4 scuole' },
    { title: 'Festa di quartiere con le famiglie', dueDate: '2026-10-15' },
  ],
  projectNotes: 'Laboratori educativi pomeridiani per ragazzi 11-17 anni, Oreto-Stazione.',
});

const report = (reportDate: string) => ({
  periodReport: {
    reportDate,
    activitiesDone: 'Laboratori due pomeriggi a settimana in tre scuole; incontri con le famiglie.',
    beneficiariesReached: 42,
    progressPercent: 30,
  },
});
const expenses = (declaredAmount: number, admittedAmount: number, checkDate: string) => ({
  expenseCheck: {
    checkDate,
    declaredAmount,
    documentsChecked: ['invoices', 'payments', 'timesheets'],
    admittedAmount,
    ...(admittedAmount < declaredAmount
      ? { notAdmittedReasons: 'Fatture di materiale non previsto dal piano finanziario.' }
      : {}),
  },
});
const approve = (sentToFunderOn: string) => ({ approval: { outcome: 'approve', sentToFunderOn } });

/**
 * Monitoraggio dei progetti finanziati (issue 14, a duty of the unit, not a case path): the
 * coordinator registers a L. 285/1997 project; a report and an expenditure check are due 30
 * days after each quarter, the referent is sent to check each milestone on its date, the
 * final report and statement are due 60 days after the end; the coordinator approves, is
 * called in when a term passes, decides on expenditure not admitted, and closes the project.
 * Started as the unit-duties API will start it, over the engine; everything else over HTTP
 * with the clock moved.
 */
describe('progetti-finanziati', () => {
  // Monday 2 March 2026, 10:00 in Rome.
  const d = new PathDriver();
  const c = new PathChecks(d);
  let key: string;

  const names = (who: string, view?: string) => openTaskNames(d, who, DUTY, view);
  const inbox = async (who: string) =>
    (
      (await d.server.request('GET', '/api/notifications', d.as(who))).body.items as Array<{
        kind: string;
        subject: string;
      }>
    ).map((n) => `${n.kind}: ${n.subject}`);
  const timersOf = async (elementId: string) =>
    (await activeTimers(d, key)).filter((t) => t.elementId === elementId).map((t) => t.dueAt);

  beforeAll(async () => {
    await d.start();
  }, 60_000);
  afterAll(() => d.stop());

  it('the model documents its funds, terms and doubts, and has no case deadline or case manager', () => {
    const xml = read('paths/progetti-finanziati.bpmn');
    expect(xml).toMatch(/<bpmn:documentation>[^<]*L\. 285\/1997 art\. 1 c\. 2[^<]*Termini/);
    expect(xml).toMatch(/<bpmn:documentation>[^<]*incerto/);
    // No case here: the case deadlines' workers would have no caseId.
    expect(xml).not.toContain('percorsi:start-deadline');
    expect(xml).not.toContain('caseManager');
  });

  it('started for unit III, the registration goes to the coordinator who started it; dates out of order are sent back', async () => {
    ({ processInstanceKey: key } = await d.engine.createInstance({
      bpmnProcessId: 'progetti-finanziati',
      businessKey: DUTY,
      variables: {
        unitCode: 'III',
        dutyNumber: DUTY,
        dutyTitle: 'Progetto L. 285 «Oreto in gioco»',
        coordinator: 'coord.iii',
        staffOptions: ['anna.iii', 'bruno.iii', 'coord.iii'].map((u) => ({ value: u, label: u })),
      },
    }));
    await d.engine.settle();
    const task = await d.task('coord.iii', DUTY, 'Registrare il progetto finanziato', 'mine');
    expect(task.assignee).toBe('coord.iii');
    expect(task.dueDate).toBe('2026-03-12T09:00:00.000Z');
    expect(await names('carla.v', 'mine')).toEqual([]);

    // A referent outside the unit's staff is refused by the form.
    const wrongReferent = await d.server.request('POST', `/api/tasks/${task.id}/complete`, {
      ...d.as('coord.iii'),
      body: {
        variables: {
          ...registration({ projectStartDate: '2026-04-01', projectEndDate: '2026-12-31' }),
          referent: 'carla.v',
        },
      },
    });
    expect(wrongReferent.status).toBe(400);
    expect(JSON.stringify(wrongReferent.body)).toContain('referent');

    await act(
      d,
      'coord.iii',
      DUTY,
      'Registrare il progetto finanziato',
      registration({ projectStartDate: '2026-12-31', projectEndDate: '2026-04-01' }),
    );
    // Back to the coordinator; nothing of the monitoring started.
    expect(await names('coord.iii')).toEqual(['Registrare il progetto finanziato']);
    expect(await activeTimers(d, key)).toEqual([]);
  });

  it('registered: a report 30 days after each quarter that ends before the project, the milestones on their dates, the final statement 60 days after the end', async () => {
    await act(
      d,
      'coord.iii',
      DUTY,
      'Registrare il progetto finanziato',
      registration({ projectStartDate: '2026-04-01', projectEndDate: '2026-12-31' }),
    );
    // Quarters end on 30 June and 30 September (the third ends with the project: the final
    // report covers it); each timer fires when the day is over in Rome. On a PostgreSQL server
    // the engine opens them a moment after the task's completion returns.
    await eventually(async () => (await timersOf('periodEnded')).length === 2);
    expect((await timersOf('periodEnded')).sort()).toEqual([
      '2026-06-30T22:00:00.000Z',
      '2026-09-30T22:00:00.000Z',
    ]);
    // Milestones: 00:00 in Rome on their dates.
    await eventually(async () => (await timersOf('milestoneDate')).length === 2);
    expect((await timersOf('milestoneDate')).sort()).toEqual([
      '2026-05-14T22:00:00.000Z',
      '2026-10-14T22:00:00.000Z',
    ]);
    // End of 31 December (winter time).
    await eventually(async () => (await timersOf('projectEnded')).length === 1);
    expect(await timersOf('projectEnded')).toEqual(['2026-12-31T23:00:00.000Z']);
    expect(await names('coord.iii')).toEqual([]);
  });

  it('on the milestone’s date the referent is sent to check it, within 15 days', async () => {
    await d.moveTo('2026-05-14T21:59:00.000Z');
    await quiet(d);
    expect(await names('anna.iii')).toEqual([]);
    await d.moveTo('2026-05-14T22:00:01.000Z');
    await quiet(d);
    const check = await d.task('anna.iii', DUTY, 'Verificare la milestone', 'mine');
    expect(check.assignee).toBe('anna.iii');
    // End of 30 May in Rome.
    expect(check.dueDate).toBe('2026-05-30T22:00:00.000Z');
    const variables = await d.server.request(
      'GET',
      `/api/tasks/${check.id}/variables`,
      d.as('anna.iii'),
    );
    expect(variables.status).toBe(200);
    expect(variables.body.milestone.title).toBe('Avvio dei laboratori nelle scuole');
    await act(d, 'anna.iii', DUTY, 'Verificare la milestone', {
      milestoneCheck: { checkedOn: '2026-05-18', outcome: 'met', metOn: '2026-05-12' },
    });
    expect(await names('coord.iii')).toEqual([]);
  });

  it('after the first quarter the referent prepares report and expenditure check, due 30 July; the coordinator sends them back once, then approves', async () => {
    await d.moveTo('2026-06-30T21:59:00.000Z');
    await quiet(d);
    expect(await names('anna.iii')).toEqual([]);
    await d.moveTo('2026-06-30T22:00:01.000Z');
    await quiet(d);
    const first = await d.task(
      'anna.iii',
      DUTY,
      'Preparare la relazione di monitoraggio del periodo',
      'mine',
    );
    expect(first.dueDate).toBe('2026-07-30T22:00:00.000Z');
    expect(await timersOf('periodLate')).toEqual(['2026-07-30T22:00:00.000Z']);

    // The tasklist reminds the referent a few working days before the date.
    await d.moveTo('2026-07-27T07:00:00.000Z');
    await d.escalate();
    await quiet(d);
    expect(await inbox('anna.iii')).toContain(
      `task-due-soon: Attività in scadenza: Preparare la relazione di monitoraggio del periodo (${DUTY})`,
    );

    await act(
      d,
      'anna.iii',
      DUTY,
      'Preparare la relazione di monitoraggio del periodo',
      report('2026-07-27'),
    );
    const check = await d.task(
      'anna.iii',
      DUTY,
      'Verificare la spesa del periodo (rendicontazione)',
      'mine',
    );
    expect(check.dueDate).toBe('2026-07-30T22:00:00.000Z');
    // The admitted amount cannot exceed the declared one.
    const tooMuch = await d.server.request('POST', `/api/tasks/${check.id}/complete`, {
      ...d.as('anna.iii'),
      body: { variables: expenses(20000, 21000, '2026-07-27') },
    });
    expect(tooMuch.status).toBe(400);
    expect(JSON.stringify(tooMuch.body)).toContain('expenseCheck.admittedAmount');
    await act(
      d,
      'anna.iii',
      DUTY,
      'Verificare la spesa del periodo (rendicontazione)',
      expenses(20000, 20000, '2026-07-27'),
    );
    const approval = await d.task(
      'coord.iii',
      DUTY,
      'Approvare relazione e rendiconto del periodo',
      'mine',
    );
    expect(approval.assignee).toBe('coord.iii');
    await act(d, 'coord.iii', DUTY, 'Approvare relazione e rendiconto del periodo', {
      approval: { outcome: 'return', returnReasons: 'Mancano i dati sui destinatari per scuola.' },
    });
    await act(
      d,
      'anna.iii',
      DUTY,
      'Preparare la relazione di monitoraggio del periodo',
      report('2026-07-28'),
    );
    await act(
      d,
      'anna.iii',
      DUTY,
      'Verificare la spesa del periodo (rendicontazione)',
      expenses(20000, 20000, '2026-07-28'),
    );
    await act(
      d,
      'coord.iii',
      DUTY,
      'Approvare relazione e rendiconto del periodo',
      approve('2026-07-29'),
    );
    // All admitted: no decision, no late notice, the period is over.
    expect(await names('coord.iii')).toEqual([]);
    expect(await timersOf('periodLate')).toEqual([]);
  });

  it('the second quarter’s report is late: when 30 October is over the coordinator is called in, the report still open', async () => {
    await d.moveTo('2026-09-30T22:00:01.000Z');
    await quiet(d);
    const second = await d.task(
      'anna.iii',
      DUTY,
      'Preparare la relazione di monitoraggio del periodo',
      'mine',
    );
    // 31 October starts at 23:00 UTC: summer time ended on 25 October.
    expect(second.dueDate).toBe('2026-10-30T23:00:00.000Z');
    // Each period keeps its own answers: the form opens on this quarter, not the last one's.
    const variables = (
      await d.server.request('GET', `/api/tasks/${second.id}/variables`, d.as('anna.iii'))
    ).body;
    expect(variables.period).toEqual({
      number: 2,
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      reportDueDate: '2026-10-30',
    });
    expect(variables.periodReport ?? null).toBeNull();
    expect(variables.approval ?? null).toBeNull();
    await d.moveTo('2026-10-30T22:59:00.000Z');
    await quiet(d);
    expect(await names('coord.iii')).not.toContain('Relazione del periodo in ritardo: sollecitare');
    await d.moveTo('2026-10-30T23:00:01.000Z');
    await quiet(d);
    await eventually(async () =>
      (await names('coord.iii')).includes('Relazione del periodo in ritardo: sollecitare'),
    );
    const late = await d.task('coord.iii', DUTY, 'Relazione del periodo in ritardo: sollecitare');
    expect(late.assignee).toBeNull();
    expect(await names('anna.iii')).toContain('Preparare la relazione di monitoraggio del periodo');
    await act(d, 'coord.iii', DUTY, 'Relazione del periodo in ritardo: sollecitare', {
      lateNotice: {
        actedOn: '2026-11-02',
        actions: ['remindedReferent'],
        expectedBy: '2026-11-06',
      },
    });
  });

  it('a milestone not reached goes to the coordinator', async () => {
    // The second milestone's date (15 October) passed while the report was late.
    await act(d, 'anna.iii', DUTY, 'Verificare la milestone', {
      milestoneCheck: {
        checkedOn: '2026-11-03',
        outcome: 'notMet',
        reasons: 'Rinviata per maltempo.',
        expectedOn: '2026-12-12',
      },
    });
    await act(
      d,
      'coord.iii',
      DUTY,
      "Milestone non raggiunta: valutare con l'ente attuatore",
      stepDone('2026-11-04', 'Nuova data concordata con la cooperativa.'),
    );
  });

  it('expenditure not admitted goes to the coordinator, who decides to recover it', async () => {
    await act(
      d,
      'anna.iii',
      DUTY,
      'Preparare la relazione di monitoraggio del periodo',
      report('2026-11-05'),
    );
    await act(
      d,
      'anna.iii',
      DUTY,
      'Verificare la spesa del periodo (rendicontazione)',
      expenses(24000, 22500, '2026-11-05'),
    );
    await act(
      d,
      'coord.iii',
      DUTY,
      'Approvare relazione e rendiconto del periodo',
      approve('2026-11-06'),
    );
    const decision = await d.task(
      'coord.iii',
      DUTY,
      'Decidere sulla spesa non ammessa del periodo',
      'mine',
    );
    // 15 days from when the decision was asked (the clock still stands at 30 October).
    expect(decision.dueDate).toBe('2026-11-14T23:00:01.000Z');
    await act(d, 'coord.iii', DUTY, 'Decidere sulla spesa non ammessa del periodo', {
      shortfall: { decisionDate: '2026-11-09', decision: 'recover', recoveryAmount: 1500 },
    });
    expect(await names('coord.iii')).toEqual([]);
  });

  it('when the project ends the final report and statement are due in 60 days; late, the coordinator is called in; approved, the project is closed', async () => {
    await d.moveTo('2026-12-31T22:59:00.000Z');
    await quiet(d);
    expect(await names('anna.iii')).toEqual([]);
    await d.moveTo('2026-12-31T23:00:01.000Z');
    await quiet(d);
    const final = await d.task('anna.iii', DUTY, 'Preparare la relazione finale', 'mine');
    // 31 December + 60 days = 1 March 2027, over at 23:00 UTC.
    expect(final.dueDate).toBe('2027-03-01T23:00:00.000Z');
    expect(await timersOf('finalLate')).toEqual(['2027-03-01T23:00:00.000Z']);
    await d.moveTo('2027-03-01T23:00:01.000Z');
    await quiet(d);
    await eventually(async () =>
      (await names('coord.iii')).includes('Rendiconto finale in ritardo: sollecitare'),
    );
    await act(d, 'coord.iii', DUTY, 'Rendiconto finale in ritardo: sollecitare', {
      lateNotice: { actedOn: '2027-03-02', actions: ['remindedReferent', 'chasedManagingBody'] },
    });
    await act(d, 'anna.iii', DUTY, 'Preparare la relazione finale', {
      finalReport: {
        reportDate: '2027-03-04',
        activitiesSummary: 'Laboratori in quattro scuole; due feste di quartiere.',
        beneficiariesTotal: 118,
        objectivesOutcome: 'achieved',
      },
    });
    await act(
      d,
      'anna.iii',
      DUTY,
      'Verificare il rendiconto finale delle spese',
      expenses(41000, 41000, '2027-03-04'),
    );
    await act(
      d,
      'coord.iii',
      DUTY,
      'Approvare relazione finale e rendiconto finale',
      approve('2027-03-05'),
    );
    const close = await d.task('coord.iii', DUTY, 'Chiudere il progetto', 'mine');
    expect(close.assignee).toBe('coord.iii');
    await act(d, 'coord.iii', DUTY, 'Chiudere il progetto', {
      closedOn: '2027-03-10',
      closureOutcome: 'completedWithRecovery',
      totalAdmittedAmount: 83500,
    });
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    await d.server.app.get(TaskReconciler).reconcileNow();
    expect(await names('anna.iii')).toEqual([]);
  });

  it('a short project: the final statement sent back is corrected, and the final expenditure not admitted goes to the coordinator before the closure', async () => {
    const SHORT = 'ATT-III-2026-000002';
    const today = romeDay(d.clock.now());
    const projectEndDate = plusDays(today, 59);
    const { processInstanceKey: shortKey } = await d.engine.createInstance({
      bpmnProcessId: 'progetti-finanziati',
      businessKey: SHORT,
      variables: {
        unitCode: 'III',
        dutyNumber: SHORT,
        dutyTitle: 'Progetto L. 285 «Estate in cortile»',
        coordinator: 'coord.iii',
        staffOptions: ['anna.iii', 'bruno.iii', 'coord.iii'].map((u) => ({ value: u, label: u })),
      },
    });
    await d.engine.settle();
    // Shorter than a quarter, no milestones: only the final statement is due.
    await act(d, 'coord.iii', SHORT, 'Registrare il progetto finanziato', {
      ...registration({ projectStartDate: today, projectEndDate }),
      milestones: [],
    });
    await eventually(async () => (await activeTimers(d, shortKey)).length === 1);
    expect(await activeTimers(d, shortKey)).toEqual([
      { elementId: 'projectEnded', dueAt: endOfRomeDay(projectEndDate) },
    ]);

    await d.moveTo(new Date(Date.parse(endOfRomeDay(projectEndDate)) + 1000).toISOString());
    await quiet(d);
    const finalDue = endOfRomeDay(plusDays(projectEndDate, 60));
    const first = await d.task('anna.iii', SHORT, 'Preparare la relazione finale', 'mine');
    expect(first.dueDate).toBe(finalDue);
    const finalReport = (reportDate: string) => ({
      finalReport: {
        reportDate,
        activitiesSummary: 'Animazione estiva in due cortili.',
        beneficiariesTotal: 36,
        objectivesOutcome: 'partly',
      },
    });
    await act(d, 'anna.iii', SHORT, 'Preparare la relazione finale', finalReport(projectEndDate));
    await act(
      d,
      'anna.iii',
      SHORT,
      'Verificare il rendiconto finale delle spese',
      expenses(30000, 30000, projectEndDate),
    );
    await act(d, 'coord.iii', SHORT, 'Approvare relazione finale e rendiconto finale', {
      approval: { outcome: 'return', returnReasons: 'Manca il registro delle presenze.' },
    });
    // Back to the referent, by the same date, with what to correct.
    const again = await d.task('anna.iii', SHORT, 'Preparare la relazione finale', 'mine');
    expect(again.id).not.toBe(first.id);
    expect(again.dueDate).toBe(finalDue);
    const opensWith = await d.server.request(
      'GET',
      `/api/tasks/${again.id}/variables`,
      d.as('anna.iii'),
    );
    expect(opensWith.body.approval).toMatchObject({
      outcome: 'return',
      returnReasons: 'Manca il registro delle presenze.',
    });
    expect(await openTaskNames(d, 'coord.iii', SHORT, 'mine')).toEqual([]);

    const corrected = plusDays(projectEndDate, 5);
    await act(d, 'anna.iii', SHORT, 'Preparare la relazione finale', finalReport(corrected));
    await act(
      d,
      'anna.iii',
      SHORT,
      'Verificare il rendiconto finale delle spese',
      expenses(30000, 27500, corrected),
    );
    await act(
      d,
      'coord.iii',
      SHORT,
      'Approvare relazione finale e rendiconto finale',
      approve(corrected),
    );
    // 2,500 € not admitted: the coordinator decides before the project can be closed.
    const decision = await d.task(
      'coord.iii',
      SHORT,
      'Decidere sulla spesa finale non ammessa',
      'mine',
    );
    expect(decision.assignee).toBe('coord.iii');
    expect(await openTaskNames(d, 'coord.iii', SHORT, 'mine')).toEqual([
      'Decidere sulla spesa finale non ammessa',
    ]);
    await act(d, 'coord.iii', SHORT, 'Decidere sulla spesa finale non ammessa', {
      shortfall: {
        decisionDate: corrected,
        decision: 'reschedule',
        rescheduleNotes: 'Spesa spostata su materiali previsti dal piano finanziario.',
      },
    });
    await act(d, 'coord.iii', SHORT, 'Chiudere il progetto', {
      closedOn: corrected,
      closureOutcome: 'completed',
      totalAdmittedAmount: 30000,
    });
    await eventually(async () => (await d.state(shortKey)) === 'COMPLETED');
    expect(await c.reached(shortKey, 'finalStageDecided')).toBe(true);
  });
});
