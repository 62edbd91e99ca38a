import { bpmn, serviceTask } from '../engine/models';
import { PathDriver } from '../paths/path-driver';
import { TestClock } from '../support/test-clock';

/** A user task for `=holder`, due at `=taskDue`. */
const report = bpmn(
  'court-report',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    {
      id: 'report',
      type: 'bpmn:userTask',
      body:
        '<bpmn:extensionElements><zeebe:assignmentDefinition assignee="=holder" candidateGroups="caseworker" />' +
        '<zeebe:taskSchedule dueDate="=taskDue" /></bpmn:extensionElements>',
    },
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'report' },
    { id: 'f2', from: 'report', to: 'end' },
  ],
).replace('name="report"', 'name="Relazione al Tribunale"');

/**
 * A legal deadline of 10 days, then the task that works to it: due on the deadline's day, with
 * the deadline's id as input (as the shipped paths do, e.g. the adoption inquiry).
 */
const legalReport = bpmn(
  'legal-report',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    serviceTask(
      'startDeadline',
      'percorsi:start-deadline',
      '<zeebe:taskHeaders><zeebe:header key="kind" value="court-report" />' +
        '<zeebe:header key="label" value="Relazione al Tribunale per i Minorenni" />' +
        '<zeebe:header key="legalBasis" value="Decreto del Tribunale" />' +
        '<zeebe:header key="amount" value="10" /><zeebe:header key="unit" value="calendarDays" />' +
        '</zeebe:taskHeaders>',
    ),
    {
      id: 'legalReport',
      type: 'bpmn:userTask',
      body:
        '<bpmn:extensionElements><zeebe:assignmentDefinition assignee="=holder" candidateGroups="caseworker" />' +
        '<zeebe:taskSchedule dueDate="=deadlineDue" />' +
        '<zeebe:ioMapping><zeebe:input source="=deadlineId" target="deadlineId" /></zeebe:ioMapping>' +
        '</bpmn:extensionElements>',
    },
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'startDeadline' },
    { id: 'f2', from: 'startDeadline', to: 'legalReport' },
    { id: 'f3', from: 'legalReport', to: 'end' },
  ],
).replace('name="legalReport"', 'name="Relazione nei termini"');

/** Due dates of user tasks: a reminder to the holder, then at breach the coordinator's escalation task. */
describe('task due dates', () => {
  // Monday 2 March 2026, 10:00 in Rome.
  const driver = new PathDriver(new TestClock('2026-03-02T09:00:00.000Z'));
  let caseNumber: string;

  const inbox = async (who: string, kind: string) =>
    (await driver.server.request('GET', '/api/notifications', driver.as(who))).body.items.filter(
      (n: { kind: string }) => n.kind === kind,
    ) as Array<{ subject: string; caseNumber: string }>;

  beforeAll(async () => {
    await driver.start();
    await driver.engine.deploy([
      { name: 'court-report.bpmn', content: report },
      { name: 'legal-report.bpmn', content: legalReport },
    ]);
    ({ caseNumber } = await driver.openCase());
  });
  afterAll(() => driver.stop());

  it('reminds the holder once, 5 working days before the due day; a task born that close is not reminded', async () => {
    const opened = { caseId: 'n/a', caseNumber };
    // Due Friday 20 March, 18:00 in Rome.
    await driver.startPath('court-report', opened, {
      holder: 'anna.iii',
      taskDue: '2026-03-20T17:00:00Z',
    });
    await driver.task('anna.iii', caseNumber, 'Relazione al Tribunale', 'mine');

    // Thursday 12 March: six working days left.
    await driver.moveTo('2026-03-12T08:00:00.000Z');
    await driver.escalate();
    expect(await inbox('anna.iii', 'task-due-soon')).toEqual([]);

    // Born on 12 March, due on the 16th: no reminder, ever.
    await driver.startPath('court-report', opened, {
      holder: 'bruno.iii',
      taskDue: '2026-03-16T17:00:00Z',
    });
    await driver.task('bruno.iii', caseNumber, 'Relazione al Tribunale', 'mine');

    // Friday 13 March: five working days left.
    await driver.moveTo('2026-03-13T08:00:00.000Z');
    await driver.escalate();
    await driver.escalate();
    expect(await inbox('anna.iii', 'task-due-soon')).toEqual([
      expect.objectContaining({
        caseNumber,
        subject: `Attività in scadenza: Relazione al Tribunale (${caseNumber})`,
      }),
    ]);
    expect(await inbox('bruno.iii', 'task-due-soon')).toEqual([]);
    expect(await inbox('carla.v', 'task-due-soon')).toEqual([]);
  });

  it('at breach tells the coordinators and gives them one escalation task per late task, never one for the escalation itself', async () => {
    // Monday 16 March, 19:00 in Rome: bruno's task is late, anna's is not.
    await driver.moveTo('2026-03-16T18:00:00.000Z');
    await driver.escalate();
    await driver.escalate();
    const overdue = await inbox('coord.iii', 'task-overdue');
    expect(overdue).toEqual([
      expect.objectContaining({
        caseNumber,
        subject: `Attività scaduta: Relazione al Tribunale (${caseNumber})`,
      }),
    ]);
    const escalation = await driver.task(
      'coord.iii',
      caseNumber,
      'Valutare la scadenza superata',
      'unit',
    );
    expect(escalation.assignee).toBeNull();
    // The caseworkers do not get the coordinators' escalation.
    const annaView = await driver.server.request(
      'GET',
      `/api/tasks?view=unit-unassigned&caseNumber=${caseNumber}`,
      driver.as('anna.iii'),
    );
    expect(annaView.body.items.map((t: { name: string }) => t.name)).not.toContain(
      'Valutare la scadenza superata',
    );

    // A month later everything is late, the escalation task too: one more (anna's), no more.
    await driver.moveTo('2026-04-20T08:00:00.000Z');
    await driver.escalate();
    await driver.escalate();
    expect(await inbox('coord.iii', 'task-overdue')).toHaveLength(2);
    // The second escalation starts from its message once the engine has moved.
    await driver.engine.settle();
    let escalations = 0;
    for (let attempt = 0; attempt < 100 && escalations < 2; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      [{ n: escalations }] = await driver.db.query(
        `SELECT count(*)::int AS n FROM process_instance WHERE bpmn_process_id = 'deadline-escalation'`,
      );
    }
    expect(escalations).toBe(2);
    await driver.escalate();
    await driver.engine.settle();
    const [{ n }] = await driver.db.query(
      `SELECT count(*)::int AS n FROM process_instance WHERE bpmn_process_id = 'deadline-escalation'`,
    );
    expect(n).toBe(2);
  });

  it("escalates the breach of a task due on its legal deadline's day once, as the deadline's", async () => {
    const escalations = async () =>
      (
        await driver.db.query(
          `SELECT count(*)::int AS n FROM process_instance WHERE bpmn_process_id = 'deadline-escalation'`,
        )
      )[0].n as number;
    // Monday 20 April (where the test before left the clock).
    await driver.moveTo('2026-04-20T08:00:00.000Z');
    const before = { escalations: await escalations() };
    const opened = await driver.openCase('Bianchi', 'Luca');
    await driver.startPath('legal-report', opened, { holder: 'anna.iii' });
    const task = await driver.task('anna.iii', opened.caseNumber, 'Relazione nei termini', 'mine');
    const [deadline] = await driver.db.query(
      `SELECT d.id, d.due_date::text AS "dueDate" FROM case_deadline d JOIN social_case c ON c.id = d.case_id
        WHERE c.case_number = $1`,
      [opened.caseNumber],
    );
    // 20 April + 10 days: Thursday 30 April; the task knows its deadline.
    expect(deadline.dueDate).toBe('2026-04-30');
    const [row] = await driver.db.query(
      `SELECT deadline_id::text AS "deadlineId" FROM task WHERE job_key = $1`,
      [task.id],
    );
    expect(row.deadlineId).toBe(deadline.id);

    // Friday 1 May: the deadline and the task are both late.
    await driver.moveTo('2026-05-01T08:00:00.000Z');
    await driver.escalate();
    await driver.escalate();
    const notices = async (kind: string) =>
      (await inbox('coord.iii', kind)).filter((n) => n.caseNumber === opened.caseNumber);
    expect(await notices('deadline-breached')).toEqual([
      expect.objectContaining({
        subject: `Scadenza superata: Relazione al Tribunale per i Minorenni (${opened.caseNumber})`,
      }),
    ]);
    expect(await notices('task-overdue')).toEqual([]);
    await driver.engine.settle();
    let started = 0;
    for (let attempt = 0; attempt < 100 && started < 1; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      started = (await escalations()) - before.escalations;
    }
    await driver.escalate();
    await driver.engine.settle();
    expect((await escalations()) - before.escalations).toBe(1);
    const [escalation] = await driver.db.query(
      `SELECT count(*)::int AS n FROM task WHERE bpmn_process_id = 'deadline-escalation' AND case_number = $1`,
      [opened.caseNumber],
    );
    expect(escalation.n).toBe(1);
  });
});
