import { endOfRomeDay, plusDays, romeDay } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import {
  act,
  activeTimers,
  assignToAnna,
  eventually,
  extend,
  openTaskNames,
  stepDone,
  quiet,
} from './path-steps';

const assessment = {
  sources: ['interviews', 'homeVisit', 'school'],
  household: 'Madre, due figli di 7 e 11 anni; il nonno chiede di restare in Italia.',
  childObservation: 'I bambini sono sereni e legati al nonno, che li accompagna a scuola.',
  parentingFunctions: 'Madre presente, turni di lavoro serali; il nonno copre le assenze.',
  familyMemberRole: 'Figura di accudimento quotidiano.',
  professionalAssessment: 'wellbeing',
  proposals: "Parere favorevole all'autorizzazione.",
};

/** Art. 31 D.Lgs 286/1998: the deadline is the date written in the court's request. */
describe('valutazione-art31', () => {
  // Monday 2 March 2026, 10:00 in Rome.
  const driver = new PathDriver();
  const c = new PathChecks(driver);
  let caseId: string;
  let caseNumber: string;
  let key: string;

  beforeAll(async () => {
    await driver.start();
    ({ caseId, caseNumber } = await driver.openCase('Haddad', 'Amina'));
    key = await driver.startPath('valutazione-art31', { caseId, caseNumber });
  }, 60_000);
  afterAll(() => driver.stop());

  it('the coordinator assigns the case; the request is then the case manager’s, unseen in unit V', async () => {
    expect(await openTaskNames(driver, 'anna.iii', caseNumber)).toEqual([]);
    await assignToAnna(driver, caseNumber);
    const task = await driver.task(
      'anna.iii',
      caseNumber,
      'Registrare la richiesta del Tribunale',
      'mine',
    );
    expect(task.assignee).toBe('anna.iii');
    expect(await openTaskNames(driver, 'carla.v', caseNumber)).toEqual([]);
    // Bruno may see it (caseworker of the unit) but cannot complete another's task.
    const refused = await driver.server.request('POST', `/api/tasks/${task.id}/complete`, {
      ...driver.as('bruno.iii'),
      body: { variables: {} },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });

  it('the court’s date is the deadline as written, even on a Saturday (no roll-forward)', async () => {
    await act(driver, 'anna.iii', caseNumber, 'Registrare la richiesta del Tribunale', {
      docketNumber: '412/2026 V.G.',
      requestDate: '2026-02-24',
      courtDeadline: '2026-05-02',
      familyMember: 'Haddad Youssef (nonno)',
      minors: 'Haddad Sami (2019), Haddad Lina (2015)',
    });
    const [deadline] = await driver.deadlines(caseId);
    expect(deadline).toMatchObject({
      kind: 'art31-report',
      dueDate: '2026-05-02',
      status: 'running',
      legalBasis: expect.stringContaining('art. 31'),
    });
    const task = await driver.task(
      'anna.iii',
      caseNumber,
      'Valutazione socio-familiare e relazione',
      'mine',
    );
    // The task is due when the day ends in Rome (summer time).
    expect(task.dueDate).toBe('2026-05-02T22:00:00.000Z');
    expect(await activeTimers(driver, key)).toEqual([
      { elementId: 'reportOverdue', dueAt: '2026-05-02T22:00:00.000Z' },
    ]);
  });

  it('a proroga granted by the court re-arms the path’s timer', async () => {
    const [deadline] = await driver.deadlines(caseId);
    const extended = await extend(driver, caseId, deadline.id, { newDueDate: '2026-05-29' });
    expect(extended.status).toBe(201);
    await eventually(async () =>
      (await activeTimers(driver, key)).some((t) => t.dueAt === '2026-05-29T22:00:00.000Z'),
    );
    expect(await activeTimers(driver, key)).toEqual([
      { elementId: 'reportOverdue', dueAt: '2026-05-29T22:00:00.000Z' },
    ]);
    // Past the first date nothing happens.
    await driver.moveTo('2026-05-04T08:00:00.000Z');
    await quiet(driver);
    await driver.escalate();
    await quiet(driver);
    expect((await driver.deadlines(caseId))[0].status).toBe('running');
    // The interrupted task is replaced by a new one (the reconciler closes the old row).
    await eventually(
      async () => (await openTaskNames(driver, 'coord.iii', caseNumber)).length === 1,
    );
    expect(await openTaskNames(driver, 'coord.iii', caseNumber)).toEqual([
      'Valutazione socio-familiare e relazione',
    ]);
  });

  it('at the new date the coordinator tells the court, the report is completed late and sent', async () => {
    await driver.moveTo('2026-05-30T07:00:00.000Z');
    await quiet(driver);
    await driver.escalate();
    await quiet(driver);
    expect((await driver.deadlines(caseId))[0].status).toBe('breached');
    await act(
      driver,
      'coord.iii',
      caseNumber,
      'Comunicare al Tribunale il ritardo',
      stepDone('2026-05-30'),
    );
    await act(
      driver,
      'anna.iii',
      caseNumber,
      'Completare la relazione oltre il termine',
      assessment,
    );
    await act(
      driver,
      'coord.iii',
      caseNumber,
      'Trasmettere la relazione al Tribunale per i Minorenni',
      stepDone('2026-06-03', 'PEC al Tribunale per i Minorenni di Palermo'),
    );
    expect(await driver.state(key)).toBe('COMPLETED');
  });

  it('a report written before the court’s date meets it: no notice of delay, straight to the sending', async () => {
    const p = await driver.openCase('Benali', 'Karim');
    const pKey = await driver.startPath('valutazione-art31', p);
    await assignToAnna(driver, p.caseNumber);
    const today = romeDay(driver.clock.now());
    const courtDeadline = plusDays(today, 30);
    await act(driver, 'anna.iii', p.caseNumber, 'Registrare la richiesta del Tribunale', {
      docketNumber: '588/2026 V.G.',
      requestDate: plusDays(today, -5),
      courtDeadline,
      familyMember: 'Benali Fatima (nonna)',
      minors: 'Benali Yasmine (2018)',
    });
    await eventually(async () => (await driver.deadlines(p.caseId)).length === 1);
    expect(await activeTimers(driver, pKey)).toEqual([
      { elementId: 'reportOverdue', dueAt: endOfRomeDay(courtDeadline) },
    ]);
    await act(
      driver,
      'anna.iii',
      p.caseNumber,
      'Valutazione socio-familiare e relazione',
      assessment,
    );
    await eventually(async () => (await driver.deadlines(p.caseId))[0].status === 'met');
    expect(await driver.deadlines(p.caseId)).toEqual([
      expect.objectContaining({ kind: 'art31-report', dueDate: courtDeadline, status: 'met' }),
    ]);
    // The court's term no longer runs: no timer, nothing to tell the court about a delay.
    await driver.task(
      'coord.iii',
      p.caseNumber,
      'Trasmettere la relazione al Tribunale per i Minorenni',
    );
    expect(await activeTimers(driver, pKey)).toEqual([]);
    expect(await openTaskNames(driver, 'coord.iii', p.caseNumber)).toEqual([
      'Trasmettere la relazione al Tribunale per i Minorenni',
    ]);
    await act(
      driver,
      'coord.iii',
      p.caseNumber,
      'Trasmettere la relazione al Tribunale per i Minorenni',
      stepDone(today, 'PEC al Tribunale per i Minorenni di Palermo'),
    );
    await c.completed(pKey);
    expect(await c.reached(pKey, 'lateNotice')).toBe(false);
    // Past the court's date the met deadline stays met.
    await driver.moveTo(
      new Date(Date.parse(endOfRomeDay(courtDeadline)) + 3_600_000).toISOString(),
    );
    await driver.escalate();
    await quiet(driver);
    expect((await driver.deadlines(p.caseId))[0].status).toBe('met');
  });
});
