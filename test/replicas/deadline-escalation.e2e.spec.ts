import { DataSource } from 'typeorm';
import { DeadlineEscalation } from '../../src/deadlines/deadline-escalation';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { NotificationKind } from '../../src/notifications/notification-kind';
import { UserTaskPoller } from '../../src/tasks/user-task-poller';
import { bpmn } from '../engine/models';
import { TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { describeReplicas, startReplicas, stopReplicas } from './replicas';

const CASES = 5;

/** start → a report due at `=due`, for the unit's caseworkers → end. */
const REPORT = bpmn(
  'replica-report-task',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    {
      id: 'report',
      type: 'bpmn:userTask',
      body: '<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="caseworker" /><zeebe:taskSchedule dueDate="=due" /></bpmn:extensionElements>',
    },
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'report' },
    { id: 'f2', from: 'report', to: 'end' },
  ],
);

/**
 * Reminders and breaches of legal deadlines and task due dates, by two replicas at the same
 * moment: each reminder, breach notification and escalation happens once.
 */
describeReplicas('deadline escalation on two replicas', () => {
  // Monday 2 March 2026, 10:00 in Rome.
  const clock = new TestClock('2026-03-02T09:00:00.000Z');
  let replicas: TestApp[];
  let db: DataSource;
  const ids: Record<string, string> = {};
  const caseNumbers: string[] = [];

  beforeAll(async () => {
    replicas = await startReplicas({}, { engine: { clock: clock.now } });
    db = replicas[0].app.get(DataSource);
    for (const [username, role] of [
      ['anna.iii', 'caseworker'],
      ['coord.iii', 'coordinator'],
    ]) {
      const [row] = await db.query(
        `INSERT INTO account (username, display_name, role, unit_code, password_hash)
         VALUES ($1, $1, $2, 'III', 'x') RETURNING id`,
        [username, role],
      );
      ids[username] = row.id;
    }
    const [person] = await db.query(
      `INSERT INTO person (surname, name) VALUES ('Greco', 'Maria') RETURNING id`,
    );
    await engineOf(replicas[0]).deploy([{ name: 'report.bpmn', content: REPORT }]);
    for (let i = 1; i <= CASES; i++) {
      const caseNumber = `SSC-III-2026-00000${i}`;
      caseNumbers.push(caseNumber);
      const [opened] = await db.query(
        `INSERT INTO social_case (case_number, unit_code, person_id, case_manager_id, status, opened_at)
         VALUES ($1, 'III', $2, $3, 'open', now()) RETURNING id`,
        [caseNumber, person.id, ids['anna.iii']],
      );
      // One due on Thursday (remind now), one past (breach now).
      await db.query(
        `INSERT INTO case_deadline (case_id, kind, label, due_date)
         VALUES ($1, 'near', 'Relazione al tribunale', '2026-03-05'),
                ($1, 'past', 'Primo incontro', '2026-02-20')`,
        [opened.id],
      );
      // A task due on Monday 23 March.
      await engineOf(replicas[i % 2]).createInstance({
        bpmnProcessId: 'replica-report-task',
        businessKey: caseNumber,
        variables: { due: '2026-03-23T16:00:00Z' },
      });
    }
    for (const replica of replicas) await replica.app.get(UserTaskPoller).pollNow();
  });
  afterAll(() => stopReplicas(replicas));

  const engineOf = (replica: TestApp) => replica.app.get(ProcessEngine) as EmbeddedEngine;
  /** Both replicas' passes at once, then the engines' work on what they published. */
  const escalateOnBoth = async () => {
    await Promise.all(replicas.map((replica) => replica.app.get(DeadlineEscalation).runNow()));
    for (const replica of replicas) await engineOf(replica).settle();
  };
  const moveTo = (iso: string) => clock.advance(Date.parse(iso) - clock.now().getTime());
  /** How many notifications of a kind each recipient got, per case. */
  const notified = async (kind: NotificationKind, who: string): Promise<number[]> =>
    (
      await db.query(
        `SELECT case_number, count(*)::int AS n FROM notification
          WHERE kind = $1 AND account_id = $2 GROUP BY case_number ORDER BY case_number`,
        [kind, ids[who]],
      )
    ).map((row: { n: number }) => row.n);
  /** Escalation instances started per correlation key (deadline id, or task-<job key>). */
  const escalations = async (): Promise<number[]> =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM process_instance
          WHERE bpmn_process_id = 'deadline-escalation' GROUP BY message_correlation_key`,
      )
    ).map((row: { n: number }) => row.n);

  it('reminds of each near legal deadline once, and escalates each breached one once', async () => {
    await escalateOnBoth();

    expect(await notified(NotificationKind.DeadlineNear, 'anna.iii')).toEqual(Array(CASES).fill(1));
    expect(await notified(NotificationKind.DeadlineBreached, 'coord.iii')).toEqual(
      Array(CASES).fill(1),
    );
    expect(await escalations()).toEqual(Array(CASES).fill(1));
  });

  it('reminds of each task due soon once', async () => {
    // Tuesday 17 March: the tasks are due in four working days.
    moveTo('2026-03-17T09:00:00.000Z');
    await escalateOnBoth();

    expect(await notified(NotificationKind.TaskDueSoon, 'coord.iii')).toEqual(Array(CASES).fill(1));
  });

  it('escalates each overdue task once', async () => {
    moveTo('2026-03-25T09:00:00.000Z');
    await escalateOnBoth();

    expect(await notified(NotificationKind.TaskOverdue, 'coord.iii')).toEqual(Array(CASES).fill(1));
    // The legal deadlines' (the near ones breached meanwhile) and the tasks'.
    expect(await escalations()).toEqual(Array(3 * CASES).fill(1));
  });
});
