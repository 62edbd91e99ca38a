import { TaskReconciler } from '../../src/tasks/task-reconciler';
import { read } from './model-checks';
import { PathDriver, Task } from './path-driver';
import { act, activeTimers, eventually, openTaskNames, quiet, stepDone } from './path-steps';

const BPMN_ID = 'tirocinio-universitario';
const DUTY = 'ATT-III-2026-000001';

const REGISTER = "Registrare il tirocinio e la convenzione con l'università";
const FIX_DATES = 'Date del tirocinio non coerenti con la convenzione: correggere';
const PLAN = 'Progetto formativo con il tutor universitario';
const PLAN_REMINDER =
  "Promemoria: concordare il progetto formativo prima dell'inizio del tirocinio";
const PLAN_LATE = "Progetto formativo non pronto all'inizio del tirocinio: disporre";
const HOURS = 'Registrare le ore e le attività del periodo';
const HOURS_REMINDER = 'Ore del periodo non registrate: promemoria';
const MIDTERM = 'Valutazione intermedia con lo studente e il tutor universitario';
const MIDTERM_REMINDER = 'Promemoria: valutazione intermedia in scadenza';
const MIDTERM_LATE = 'Valutazione intermedia in ritardo: sollecitare il supervisore';
const FINAL = 'Valutazione finale e attestato delle ore';
const FINAL_REMINDER = 'Promemoria: valutazione finale e attestato delle ore in scadenza';
const FINAL_LATE = 'Valutazione finale o attestato delle ore in ritardo: sollecitare';
const HOURS_SHORT = "Ore inferiori a quelle richieste: concordare con l'università";
const CLOSURE = 'Chiudere il tirocinio e archiviare la documentazione';

/** The registration as the coordinator types it: a four-month L-39 placement from 1 April. */
const registration = (
  dates: { agreementExpiry: string; startDate: string; endDate: string },
  more: Record<string, unknown> = {},
) => ({
  university: 'Università degli Studi di Palermo',
  degreeClass: 'l39',
  studentLastName: 'Greco',
  studentFirstName: 'Sara',
  studentNumber: '0712345',
  agreementReference: 'Convenzione di tirocinio n. 45/2024, prot. 8812',
  ...dates,
  hoursRequired: 250,
  cfu: 10,
  certificateDays: 30,
  universityTutor: 'Prof.ssa Lo Cascio',
  supervisor: 'anna.iii',
  supervisorAlboRegistration: 'Sezione B, n. 2345, Ordine della Sicilia',
  supervisorRequirementsConfirmed: true,
  ...more,
});

/**
 * Tirocinio universitario (issue 14, a unit duty): the coordinator registers a social-work
 * student's placement under the university's agreement, the supervisor chosen among the unit's
 * staff draws up the learning plan before the start, logs the hours month by month (running
 * total), evaluates at half of the period and at the end with the certificate of hours; the
 * supervisor is reminded of each step, the coordinator steps in when the plan or an evaluation
 * is late. An end date after the agreement's expiry is never accepted: the coordinator corrects
 * it first. Started as the duties API will start it, on the real app with a moved clock.
 */
describe('tirocinio-universitario', () => {
  // Monday 2 March 2026, 10:00 in Rome (winter time until 29 March).
  const d = new PathDriver();
  let key: string;

  const open = (who: string, duty = DUTY) => openTaskNames(d, who, duty);
  const staffOptions = ['anna.iii', 'bruno.iii', 'coord.iii'].map((u) => ({ value: u, label: u }));
  const variables = async (who: string, task: Task) => {
    const response = await d.server.request('GET', `/api/tasks/${task.id}/variables`, d.as(who));
    expect(response.status).toBe(200);
    return response.body as Record<string, unknown>;
  };
  /** The tasklist takes out at once the tasks the engine ended. */
  const reconciled = async () => {
    await quiet(d);
    await d.server.app.get(TaskReconciler).reconcileNow();
  };
  const openAt = async (who: string, name: string, view: string) =>
    (await openTaskNames(d, who, DUTY, view)).includes(name);

  beforeAll(async () => {
    await d.start();
    ({ processInstanceKey: key } = await d.engine.createInstance({
      bpmnProcessId: BPMN_ID,
      businessKey: DUTY,
      variables: {
        unitCode: 'III',
        dutyNumber: DUTY,
        dutyTitle: 'Tirocinio di Sara Greco (L-39, UniPa)',
        coordinator: 'coord.iii',
        staffOptions,
      },
    }));
    await d.engine.settle();
  }, 60_000);
  afterAll(() => d.stop());

  it('the model documents its basis and terms, and has no case deadline or case manager', () => {
    const xml = read(`paths/${BPMN_ID}.bpmn`);
    expect(xml).toMatch(/<bpmn:documentation>[^<]*D\.M\. 142\/1998[^<]*Albo[^<]*Termini/);
    // A unit's duty has no case: no case deadlines, no case manager.
    expect(xml).not.toContain('percorsi:start-deadline');
    expect(xml).not.toContain('=caseManager');
  });

  it('the coordinator registers it; an end after the agreement expires is sent back for correction and nothing starts', async () => {
    const register = await d.task('coord.iii', DUTY, REGISTER, 'unit');
    expect(register.assignee).toBe('coord.iii');
    expect(register.dueDate).toBe('2026-03-09T09:00:00.000Z');
    expect(await open('carla.v')).toEqual([]);

    // The agreement expires on 30 June, the placement would end on 31 July.
    await act(
      d,
      'coord.iii',
      DUTY,
      REGISTER,
      registration({
        agreementExpiry: '2026-06-30',
        startDate: '2026-04-01',
        endDate: '2026-07-31',
      }),
    );
    const fix = await d.task('coord.iii', DUTY, FIX_DATES, 'unit');
    expect(fix.assignee).toBe('coord.iii');
    expect(await variables('coord.iii', fix)).toMatchObject({
      datesProblem: 'agreementExpiresBeforeEnd',
      agreementExpiry: '2026-06-30',
      endDate: '2026-07-31',
    });
    expect(await open('anna.iii')).toEqual([]);
    expect(await activeTimers(d, key)).toEqual([]);

    // A slip the other way: an end before the start is not taken either.
    await act(d, 'coord.iii', DUTY, FIX_DATES, {
      agreementReference: 'Convenzione di tirocinio n. 45/2024, prot. 8812',
      agreementExpiry: '2026-06-30',
      startDate: '2026-04-01',
      endDate: '2026-03-31',
    });
    await reconciled();
    const again = await d.task('coord.iii', DUTY, FIX_DATES, 'unit');
    expect(again.id).not.toBe(fix.id);
    expect(await variables('coord.iii', again)).toMatchObject({ datesProblem: 'endBeforeStart' });
    expect(await open('anna.iii')).toEqual([]);

    // The renewed agreement covers the whole placement.
    await act(d, 'coord.iii', DUTY, FIX_DATES, {
      agreementReference: 'Convenzione di tirocinio n. 12/2026 (rinnovo), prot. 1450',
      agreementExpiry: '2027-06-30',
      startDate: '2026-04-01',
      endDate: '2026-07-31',
      correctionNotes: 'Convenzione rinnovata fino al 30 giugno 2027',
    });
    await reconciled();
    expect(await openTaskNames(d, 'coord.iii', DUTY, 'unit')).toEqual([PLAN]);
  });

  it('the supervisor has the learning plan, due when the placement starts; reminded 7 days before, the coordinator steps in at the start', async () => {
    const plan = await d.task('anna.iii', DUTY, PLAN, 'mine');
    expect(plan.assignee).toBe('anna.iii');
    // Due when 1 April begins in Rome (summer time).
    expect(plan.dueDate).toBe('2026-03-31T22:00:00.000Z');
    expect(await activeTimers(d, key)).toEqual([
      // 25 March, 0:00 in Rome (winter time).
      { elementId: 'planSoon', dueAt: '2026-03-24T23:00:00.000Z' },
      { elementId: 'planOverdue', dueAt: '2026-03-31T22:00:00.000Z' },
    ]);
    expect(await open('bruno.iii')).toEqual([]);

    await d.moveTo('2026-03-24T22:59:00.000Z');
    await quiet(d);
    expect(await open('anna.iii')).toEqual([PLAN]);
    await d.moveTo('2026-03-24T23:00:01.000Z');
    const reminder = await d.task('anna.iii', DUTY, PLAN_REMINDER, 'mine');
    expect(reminder.assignee).toBe('anna.iii');
    expect(reminder.dueDate).toBe('2026-03-31T22:00:00.000Z');

    await d.moveTo('2026-03-31T21:59:00.000Z');
    await quiet(d);
    expect(await openAt('coord.iii', PLAN_LATE, 'unit')).toBe(false);
    await d.moveTo('2026-03-31T22:00:01.000Z');
    const late = await d.task('coord.iii', DUTY, PLAN_LATE, 'unit');
    expect(late.assignee).toBeNull();
    // An escalation for the coordinators, not for the supervisor.
    expect(await open('anna.iii')).toEqual([PLAN, PLAN_REMINDER]);

    await act(d, 'coord.iii', DUTY, PLAN_LATE, stepDone('2026-04-01', 'Sentita la supervisora'));
    await act(d, 'anna.iii', DUTY, PLAN_REMINDER, stepDone('2026-04-01'));
    await act(d, 'anna.iii', DUTY, PLAN, {
      learningPlanAgreedOn: '2026-04-01',
      learningObjectives: 'Conoscere il servizio sociale di comunità e la presa in carico',
      plannedActivities: 'Colloqui in affiancamento, visite domiciliari, équipe, cartella sociale',
      attendanceSchedule: 'Lunedì, mercoledì e giovedì 9-14',
      confidentialityBriefing: true,
      learningPlanSigned: true,
    });
    await reconciled();
    expect(await open('anna.iii')).toEqual([]);
    // The first month ends on 30 April; the mid-term step opens two weeks before 31 May.
    expect(await activeTimers(d, key)).toEqual([
      { elementId: 'periodEnded', dueAt: '2026-04-30T22:00:00.000Z' },
      { elementId: 'midtermOpens', dueAt: '2026-05-16T22:00:00.000Z' },
    ]);
  });

  it('the hours are logged month by month with a running total; the mid-term evaluation is due at half of the period, with a reminder', async () => {
    await d.moveTo('2026-04-30T21:59:00.000Z');
    await quiet(d);
    expect(await open('anna.iii')).toEqual([]);
    await d.moveTo('2026-04-30T22:00:01.000Z');
    const april = await d.task('anna.iii', DUTY, HOURS, 'mine');
    expect(april.assignee).toBe('anna.iii');
    // Within 7 days of the period's end: when 7 May ends in Rome.
    expect(april.dueDate).toBe('2026-05-07T22:00:00.000Z');
    expect(await variables('anna.iii', april)).toMatchObject({
      logPeriodStart: '2026-04-01',
      logPeriodEnd: '2026-04-30',
      hoursTotal: 0,
    });
    await act(d, 'anna.iii', DUTY, HOURS, {
      hoursDone: 62.5,
      activitiesDone: 'Affiancamento ai colloqui di segretariato sociale',
      supervisionMeetings: 2,
    });

    await d.moveTo('2026-05-16T22:00:01.000Z');
    const midterm = await d.task('anna.iii', DUTY, MIDTERM, 'mine');
    expect(midterm.assignee).toBe('anna.iii');
    // Half of 1 April – 31 July (121 days): 31 May, over when the day ends in Rome.
    expect(midterm.dueDate).toBe('2026-05-31T22:00:00.000Z');
    expect(await open('anna.iii')).toEqual([MIDTERM]);
    await d.moveTo('2026-05-27T21:59:00.000Z');
    await quiet(d);
    expect(await open('anna.iii')).toEqual([MIDTERM]);
    await d.moveTo('2026-05-27T22:00:01.000Z');
    const reminder = await d.task('anna.iii', DUTY, MIDTERM_REMINDER, 'mine');
    expect(reminder.dueDate).toBe('2026-05-31T22:00:00.000Z');
    await d.moveTo('2026-05-29T08:00:00.000Z');
    await act(d, 'anna.iii', DUTY, MIDTERM, {
      midtermEvaluationDate: '2026-05-29',
      midtermProgress: 'onTrack',
      strengths: 'Buona capacità di ascolto nei colloqui',
      sharedWithTutor: true,
    });
    await act(d, 'anna.iii', DUTY, MIDTERM_REMINDER, stepDone('2026-05-29'));

    await d.moveTo('2026-05-31T22:00:01.000Z');
    const may = await d.task('anna.iii', DUTY, HOURS, 'mine');
    expect(may.id).not.toBe(april.id);
    expect(may.dueDate).toBe('2026-06-07T22:00:00.000Z');
    const mayVars = await variables('anna.iii', may);
    expect(mayVars).toMatchObject({
      logPeriodStart: '2026-05-01',
      logPeriodEnd: '2026-05-31',
      hoursTotal: 62.5,
    });
    // The form does not open on April's answers (they are in the log).
    expect(mayVars.hoursDone ?? null).toBeNull();
    expect(mayVars.activitiesDone ?? null).toBeNull();
    expect(mayVars.hoursLog).toEqual([
      {
        from: '2026-04-01',
        to: '2026-04-30',
        hours: 62.5,
        activities: 'Affiancamento ai colloqui di segretariato sociale',
      },
    ]);
    // The coordinator is not called for a late log: the supervisor is reminded.
    await d.moveTo('2026-06-07T21:59:00.000Z');
    await quiet(d);
    expect(await open('anna.iii')).toEqual([HOURS]);
    await d.moveTo('2026-06-07T22:00:01.000Z');
    await d.task('anna.iii', DUTY, HOURS_REMINDER, 'mine');
    expect(await openTaskNames(d, 'coord.iii', DUTY, 'unit')).toEqual([HOURS_REMINDER, HOURS]);
    await act(d, 'anna.iii', DUTY, HOURS, {
      hoursDone: 70,
      activitiesDone: 'Visite domiciliari e équipe del martedì',
    });
    await act(d, 'anna.iii', DUTY, HOURS_REMINDER, stepDone('2026-06-08'));

    await d.moveTo('2026-06-30T22:00:01.000Z');
    const june = await d.task('anna.iii', DUTY, HOURS, 'mine');
    expect(await variables('anna.iii', june)).toMatchObject({
      logPeriodStart: '2026-06-01',
      logPeriodEnd: '2026-06-30',
      hoursTotal: 132.5,
    });
    await act(d, 'anna.iii', DUTY, HOURS, { hoursDone: 60, activitiesDone: 'Lavoro di rete' });
    await reconciled();
    expect(await open('anna.iii')).toEqual([]);

    // The last period ends with the placement on 31 July.
    await d.moveTo('2026-07-31T22:00:01.000Z');
    const july = await d.task('anna.iii', DUTY, HOURS, 'mine');
    expect(july.dueDate).toBe('2026-08-07T22:00:00.000Z');
    expect(await variables('anna.iii', july)).toMatchObject({
      logPeriodStart: '2026-07-01',
      logPeriodEnd: '2026-07-31',
      hoursTotal: 192.5,
    });
    await act(d, 'anna.iii', DUTY, HOURS, { hoursDone: 40, activitiesDone: 'Chiusura' });
  });

  it('the final evaluation and certificate are due 30 days after the end; reminded 7 days before, the coordinator steps in when late', async () => {
    const final = await d.task('anna.iii', DUTY, FINAL, 'mine');
    expect(final.assignee).toBe('anna.iii');
    // 31 July + 30 days: 30 August, over when the day ends in Rome.
    expect(final.dueDate).toBe('2026-08-30T22:00:00.000Z');
    const vars = await variables('anna.iii', final);
    expect(vars).toMatchObject({ hoursTotal: 232.5, hoursRequired: 250 });
    expect(vars.hoursLog).toHaveLength(4);
    // No more periods to log: the last one was the placement's end.
    expect((await activeTimers(d, key)).map((t) => t.elementId).sort()).toEqual([
      'finalOverdue',
      'finalSoon',
    ]);

    await d.moveTo('2026-08-22T21:59:00.000Z');
    await quiet(d);
    expect(await open('anna.iii')).toEqual([FINAL]);
    await d.moveTo('2026-08-22T22:00:01.000Z');
    const reminder = await d.task('anna.iii', DUTY, FINAL_REMINDER, 'mine');
    expect(reminder.dueDate).toBe('2026-08-30T22:00:00.000Z');
    // Each step recorded on the shared form keeps its date: this one opens empty.
    const reminderVars = await variables('anna.iii', reminder);
    expect(reminderVars.completedOn ?? null).toBeNull();
    expect(reminderVars).toMatchObject({
      planLateOn: '2026-04-01',
      planLateNotes: 'Sentita la supervisora',
      logReminderOn: '2026-06-08',
    });

    await d.moveTo('2026-08-30T21:59:00.000Z');
    await quiet(d);
    expect(await openAt('coord.iii', FINAL_LATE, 'unit')).toBe(false);
    await d.moveTo('2026-08-30T22:00:01.000Z');
    const late = await d.task('coord.iii', DUTY, FINAL_LATE, 'unit');
    expect(late.assignee).toBeNull();
    await act(d, 'coord.iii', DUTY, FINAL_LATE, stepDone('2026-08-31'));
  });

  it('fewer hours certified than required: the coordinator agrees with the university, then closes', async () => {
    await act(d, 'anna.iii', DUTY, FINAL, {
      finalEvaluationDate: '2026-09-01',
      hoursCertified: 232.5,
      finalAssessment: 'positive',
      finalReport: 'Tirocinio svolto con impegno; obiettivi raggiunti.',
      certificateIssuedOn: '2026-09-01',
      certificateReference: 'Prot. 9911/2026',
    });
    await act(d, 'anna.iii', DUTY, FINAL_REMINDER, stepDone('2026-09-01'));
    const short = await d.task('coord.iii', DUTY, HOURS_SHORT, 'unit');
    expect(short.assignee).toBe('coord.iii');
    await act(d, 'coord.iii', DUTY, HOURS_SHORT, stepDone('2026-09-03', '17,5 ore a ottobre'));
    await act(d, 'coord.iii', DUTY, CLOSURE, stepDone('2026-09-04'));
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    expect(await d.incidents(key)).toEqual([]);
  });

  it('a one-month LM-87 placement supervised by another caseworker: the mid-term evaluation late goes to the coordinator; enough hours close it directly', async () => {
    const second = 'ATT-III-2026-000002';
    const { processInstanceKey } = await d.engine.createInstance({
      bpmnProcessId: BPMN_ID,
      businessKey: second,
      variables: {
        unitCode: 'III',
        dutyNumber: second,
        dutyTitle: 'Tirocinio LM-87',
        coordinator: 'coord.iii',
        staffOptions,
      },
    });
    await d.engine.settle();
    await act(
      d,
      'coord.iii',
      second,
      REGISTER,
      registration(
        { agreementExpiry: '2027-06-30', startDate: '2026-09-14', endDate: '2026-10-13' },
        { degreeClass: 'lm87', hoursRequired: 100, supervisor: 'bruno.iii' },
      ),
    );
    const plan = await d.task('bruno.iii', second, PLAN, 'mine');
    expect(plan.assignee).toBe('bruno.iii');
    expect(plan.dueDate).toBe('2026-09-13T22:00:00.000Z');
    expect(await open('anna.iii', second)).toEqual([]);
    await act(d, 'bruno.iii', second, PLAN, {
      learningPlanAgreedOn: '2026-09-01',
      learningObjectives: 'Progettazione sociale e lavoro di comunità',
      plannedActivities: 'Tavoli di rete, analisi dei bisogni del quartiere',
      attendanceSchedule: 'Dal lunedì al venerdì 9-13',
      confidentialityBriefing: true,
      learningPlanSigned: true,
    });

    // 14 September – 13 October: half is 28 September; the step opens on the first day.
    await d.moveTo('2026-09-13T22:00:01.000Z');
    const midterm = await d.task('bruno.iii', second, MIDTERM, 'mine');
    expect(midterm.dueDate).toBe('2026-09-28T22:00:00.000Z');
    await d.moveTo('2026-09-28T21:59:00.000Z');
    await quiet(d);
    expect(await openAt('coord.iii', MIDTERM_LATE, 'unit')).toBe(false);
    expect(await open('bruno.iii', second)).toEqual([MIDTERM_REMINDER, MIDTERM]);
    await d.moveTo('2026-09-28T22:00:01.000Z');
    const late = await d.task('coord.iii', second, MIDTERM_LATE, 'unit');
    expect(late.assignee).toBeNull();
    expect(await open('bruno.iii', second)).toEqual([MIDTERM_REMINDER, MIDTERM]);
    await act(d, 'coord.iii', second, MIDTERM_LATE, stepDone('2026-09-29'));
    await act(d, 'bruno.iii', second, MIDTERM, {
      midtermEvaluationDate: '2026-09-30',
      midtermProgress: 'partly',
      strengths: 'Iniziativa nei tavoli di rete',
      learningPlanChanges: 'Più tempo sulla documentazione',
    });
    await act(d, 'bruno.iii', second, MIDTERM_REMINDER, stepDone('2026-09-30'));

    // One period only, ending with the placement.
    await d.moveTo('2026-10-13T22:00:01.000Z');
    const log = await d.task('bruno.iii', second, HOURS, 'mine');
    expect(await variables('bruno.iii', log)).toMatchObject({
      logPeriodStart: '2026-09-14',
      logPeriodEnd: '2026-10-13',
      hoursTotal: 0,
    });
    await act(d, 'bruno.iii', second, HOURS, { hoursDone: 104, activitiesDone: 'Tutto il mese' });
    const final = await d.task('bruno.iii', second, FINAL, 'mine');
    // 13 October + 30 days: 12 November, over when the day ends in Rome (winter time).
    expect(final.dueDate).toBe('2026-11-12T23:00:00.000Z');
    await act(d, 'bruno.iii', second, FINAL, {
      finalEvaluationDate: '2026-10-20',
      hoursCertified: 104,
      finalAssessment: 'positive',
      finalReport: 'Obiettivi raggiunti.',
      certificateIssuedOn: '2026-10-20',
    });
    await reconciled();
    expect(await openTaskNames(d, 'coord.iii', second, 'unit')).toEqual([CLOSURE]);
    await act(d, 'coord.iii', second, CLOSURE, stepDone('2026-10-21'));
    await eventually(async () => (await d.state(processInstanceKey)) === 'COMPLETED');
    expect(await d.incidents(processInstanceKey)).toEqual([]);
  });
});
