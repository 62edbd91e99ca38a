import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { DeadlineEscalation } from '../../src/deadlines/deadline-escalation';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { MessageOutbox } from '../../src/engine/message-outbox';
import { bpmn, Node, serviceTask } from '../engine/models';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'una-password-di-prova';

const headers = (values: Record<string, string>) =>
  `<zeebe:taskHeaders>${Object.entries(values)
    .map(([key, value]) => `<zeebe:header key="${key}" value="${value}" />`)
    .join('')}</zeebe:taskHeaders>`;

const startDeadline = serviceTask(
  'startDeadline',
  'percorsi:start-deadline',
  headers({
    kind: 'adi-first-meeting',
    label: 'Primo incontro ADI',
    legalBasis: 'DM 13/12/2023 art. 7',
    amount: '120',
    unit: 'calendarDays',
  }),
);

/**
 * start → start-deadline → first meeting (user task) with an interrupting timer `=deadlineDue`
 * and an interrupting message `deadline-extended` (key = deadlineId) that loops back to re-arm.
 */
const firstMeeting = bpmn(
  'adi-first-meeting',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    startDeadline,
    {
      id: 'meeting',
      type: 'bpmn:userTask',
      body: '<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="caseworker" /></bpmn:extensionElements>',
    },
    { id: 'met', type: 'bpmn:endEvent' },
    {
      id: 'overdue',
      type: 'bpmn:boundaryEvent',
      attachedTo: 'meeting',
      body: '<bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">=deadlineDue</bpmn:timeDate></bpmn:timerEventDefinition>',
    },
    {
      id: 'extended',
      type: 'bpmn:boundaryEvent',
      attachedTo: 'meeting',
      body: '<bpmn:messageEventDefinition messageRef="DeadlineExtended" />',
    },
    serviceTask('lateTask', 'test:late'),
    { id: 'late', type: 'bpmn:endEvent' },
  ] as Node[],
  [
    { id: 'f1', from: 'start', to: 'startDeadline' },
    { id: 'f2', from: 'startDeadline', to: 'meeting' },
    { id: 'f3', from: 'meeting', to: 'met' },
    { id: 'f4', from: 'overdue', to: 'lateTask' },
    { id: 'f5', from: 'lateTask', to: 'late' },
    { id: 'f6', from: 'extended', to: 'meeting' },
  ],
  '<bpmn:message id="DeadlineExtended" name="deadline-extended"><bpmn:extensionElements><zeebe:subscription correlationKey="=deadlineId" /></bpmn:extensionElements></bpmn:message>',
);

/** start → start-deadline on the day an order fixed (no term, no roll-forward) → end. */
const orderDate = bpmn(
  'order-date',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    serviceTask(
      'open',
      'percorsi:start-deadline',
      headers({
        kind: 'eviction',
        label: 'Sgombero fissato dalla Prefettura',
        legalBasis: 'D.L. 14/2017 art. 11',
        dueVariable: 'evictionDate',
      }),
    ),
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'open' },
    { id: 'f2', from: 'open', to: 'end' },
  ],
);

/** Two same-day deadlines from `=day`: one rolled off a holiday (the default), one not. */
const sameDay = bpmn(
  'same-day',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    serviceTask(
      'rolled',
      'percorsi:start-deadline',
      headers({ kind: 'rolled', amount: '0', unit: 'calendarDays', fromVariable: 'day' }),
    ),
    serviceTask(
      'kept',
      'percorsi:start-deadline',
      headers({
        kind: 'triage',
        amount: '0',
        unit: 'calendarDays',
        fromVariable: 'day',
        rollForward: 'false',
      }),
    ),
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'rolled' },
    { id: 'f2', from: 'rolled', to: 'kept' },
    { id: 'f3', from: 'kept', to: 'end' },
  ],
);

/** start → start-deadline (10 working days) → close-deadline → end. */
const startAndClose = bpmn(
  'start-and-close',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    serviceTask(
      'open',
      'percorsi:start-deadline',
      headers({
        kind: 'pact-signature',
        label: 'Firma del patto',
        amount: '10',
        unit: 'workingDays',
        fromVariable: 'analysisDate',
      }),
    ),
    serviceTask('close', 'percorsi:close-deadline', headers({ outcome: 'met' })),
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'open' },
    { id: 'f2', from: 'open', to: 'close' },
    { id: 'f3', from: 'close', to: 'end' },
  ],
);

/** Running legal deadlines of a case through a real path, over HTTP, with a moved clock. */
describe('legal deadlines of a case', () => {
  let server: TestApp;
  let engine: EmbeddedEngine;
  let db: DataSource;
  // Tuesday 17 March 2026, 10:00 in Rome: 120 days later is 15 July, Santa Rosalia in Palermo.
  const clock = new TestClock('2026-03-17T09:00:00.000Z');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => ({ token: tokens[who] });
  let caseId: string;
  let caseNumber: string;
  let instanceKey: string;
  let deadlineId: string;

  const inbox = async (who: string) =>
    (await server.request('GET', '/api/notifications', as(who))).body.items as Array<{
      kind: string;
      subject: string;
      caseNumber: string;
    }>;
  const activeTimers = async (key: string): Promise<Array<{ elementId: string; dueAt: string }>> =>
    (
      await db.query(
        `SELECT element_id, due_at FROM timer WHERE process_instance_key = $1 AND state = 'ACTIVE'`,
        [key],
      )
    ).map((t: { element_id: string; due_at: Date }) => ({
      elementId: t.element_id,
      dueAt: new Date(t.due_at).toISOString(),
    }));
  const instanceState = async (key: string) =>
    (await db.query(`SELECT state FROM process_instance WHERE key = $1`, [key]))[0]?.state;
  const incidents = async (key: string): Promise<string[]> =>
    (
      await db.query(
        `SELECT error_message FROM incident WHERE process_instance_key = $1 AND state = 'ACTIVE'`,
        [key],
      )
    ).map((r: { error_message: string }) => r.error_message);
  const escalate = () => server.app.get(DeadlineEscalation).runNow();
  const moveTo = async (iso: string) => {
    clock.advance(Date.parse(iso) - clock.now().getTime());
    await engine.settle();
  };

  beforeAll(async () => {
    server = await startTestApp({}, undefined, { engine: { clock: clock.now } });
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    db = server.app.get(DataSource);
    const hash = await hashPassword(PASSWORD);
    const accounts: Array<[string, string, string]> = [
      ['coord.iii', 'coordinator', 'III'],
      ['anna.iii', 'caseworker', 'III'],
      ['bruno.iii', 'caseworker', 'III'],
      ['carla.v', 'caseworker', 'V'],
      ['coord.v', 'coordinator', 'V'],
      ['front.iii', 'front-office', 'III'],
    ];
    for (const [username, role, unit] of accounts) {
      const [row] = await db.query(
        `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
        [username, role, unit, hash],
      );
      ids[username] = row.id;
      tokens[username] = await server.login(username, PASSWORD);
    }
    const person = await server.request('POST', '/api/persons', {
      ...as('front.iii'),
      body: { surname: 'Rossi', name: 'Maria' },
    });
    const opened = await server.request('POST', '/api/cases', {
      ...as('coord.iii'),
      body: { personId: person.body.id, caseManagerId: ids['anna.iii'] },
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.id;
    caseNumber = opened.body.caseNumber;
    await engine.deploy([
      { name: 'adi-first-meeting.bpmn', content: firstMeeting },
      { name: 'start-and-close.bpmn', content: startAndClose },
      { name: 'order-date.bpmn', content: orderDate },
      { name: 'same-day.bpmn', content: sameDay },
    ]);
  });
  afterAll(() => server?.drop());

  it('a path starts a 120-day deadline that falls on Santa Rosalia and rolls to the next working day, and arms its timer at the end of that day in Rome', async () => {
    instanceKey = (
      await engine.createInstance({
        bpmnProcessId: 'adi-first-meeting',
        businessKey: caseNumber,
        variables: { caseId, caseNumber },
      })
    ).processInstanceKey;
    await waitFor(async () => (await activeTimers(instanceKey)).length > 0);

    const listed = await server.request('GET', `/api/cases/${caseId}/deadlines`, as('anna.iii'));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        kind: 'adi-first-meeting',
        label: 'Primo incontro ADI',
        legalBasis: 'DM 13/12/2023 art. 7',
        // 17 Mar + 120 days = Wed 15 Jul (Santa Rosalia) → Thu 16 Jul
        dueDate: '2026-07-16',
        status: 'running',
        processInstanceKey: instanceKey,
        elementId: 'startDeadline',
        extensions: [],
      }),
    ]);
    deadlineId = listed.body[0].id;
    // Midnight starting 17 July in Rome (summer time, UTC+2).
    expect(await activeTimers(instanceKey)).toEqual([
      { elementId: 'overdue', dueAt: '2026-07-16T22:00:00.000Z' },
    ]);
    // The path waits for a proroga of this very deadline.
    const subscriptions = await db.query(
      `SELECT message_name, correlation_key FROM message_subscription WHERE process_instance_key = $1 AND state = 'OPEN'`,
      [instanceKey],
    );
    expect(subscriptions).toEqual([
      { message_name: 'deadline-extended', correlation_key: deadlineId },
    ]);
    // The read was logged as a read of the case.
    const [logged] = await db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE case_id = $1 AND action = 'read' AND username = 'anna.iii'`,
      [caseId],
    );
    expect(logged.n).toBeGreaterThanOrEqual(1);
  });

  it('only the unit can see the deadlines: another unit gets 404, the front office 403', async () => {
    const path = `/api/cases/${caseId}/deadlines`;
    expect((await server.request('GET', path, as('carla.v'))).status).toBe(404);
    expect((await server.request('GET', path, as('coord.v'))).status).toBe(404);
    expect((await server.request('GET', path, as('bruno.iii'))).status).toBe(404);
    expect((await server.request('GET', path, as('front.iii'))).status).toBe(403);
    expect((await server.request('GET', path, as('coord.iii'))).status).toBe(200);
    const extension = { extraDays: 10, reason: 'Proroga', grantedBy: 'Tribunale per i Minorenni' };
    expect(
      (
        await server.request('POST', `${path}/${deadlineId}/extensions`, {
          ...as('coord.v'),
          body: extension,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await server.request('POST', `${path}/${deadlineId}/extensions`, {
          ...as('front.iii'),
          body: extension,
        })
      ).status,
    ).toBe(403);
    // Both forms at once, or neither, is refused.
    expect(
      (
        await server.request('POST', `${path}/${deadlineId}/extensions`, {
          ...as('coord.iii'),
          body: { ...extension, newDueDate: '2026-09-01' },
        })
      ).status,
    ).toBe(400);
  });

  it('reminds the case manager once, 5 working days before the due date (Santa Rosalia not counted)', async () => {
    // Tue 7 July: 6 working days to Thu 16 July (8, 9, 10, 13, 14, 16)
    await moveTo('2026-07-07T08:00:00.000Z');
    await escalate();
    expect((await inbox('anna.iii')).filter((n) => n.kind === 'deadline-near')).toEqual([]);
    // Wed 8 July: 5
    await moveTo('2026-07-08T08:00:00.000Z');
    await escalate();
    await escalate();
    const near = (await inbox('anna.iii')).filter((n) => n.kind === 'deadline-near');
    expect(near).toEqual([
      expect.objectContaining({
        kind: 'deadline-near',
        caseNumber,
        subject: expect.stringContaining('Primo incontro ADI'),
      }),
    ]);
    expect((await inbox('coord.iii')).filter((n) => n.kind === 'deadline-near')).toEqual([]);
  });

  it('a proroga over HTTP moves the due date and re-arms the path: the old timer no longer fires, the new one does', async () => {
    const path = `/api/cases/${caseId}/deadlines/${deadlineId}/extensions`;
    // A caseworker of the unit who is not the case manager cannot see the case at all.
    expect(
      (
        await server.request('POST', path, {
          ...as('bruno.iii'),
          body: { extraDays: 30, reason: 'Proroga', grantedBy: 'Tribunale per i Minorenni' },
        })
      ).status,
    ).toBe(404);
    const extended = await server.request('POST', path, {
      ...as('coord.iii'),
      body: {
        extraDays: 30,
        unit: 'calendarDays',
        reason: 'Documentazione sanitaria attesa dalla ASP',
        grantedBy: 'Tribunale per i Minorenni',
      },
    });
    expect(extended.status).toBe(201);
    // 16 Jul + 30 days = Sat 15 Aug (Ferragosto) → Mon 17 Aug
    expect(extended.body).toMatchObject({
      dueDate: '2026-08-17',
      status: 'running',
      lastReminderAt: null,
      extensions: [
        {
          previousDue: '2026-07-16',
          newDue: '2026-08-17',
          grantedBy: 'Tribunale per i Minorenni',
          reason: 'Documentazione sanitaria attesa dalla ASP',
          recordedBy: 'coord.iii',
        },
      ],
    });
    await engine.settle();
    await waitFor(async () =>
      (await activeTimers(instanceKey)).some((t) => t.dueAt === '2026-08-17T22:00:00.000Z'),
    );
    expect(await activeTimers(instanceKey)).toEqual([
      { elementId: 'overdue', dueAt: '2026-08-17T22:00:00.000Z' },
    ]);

    // Past the old due date: nothing fires, nothing is breached.
    await moveTo('2026-07-20T08:00:00.000Z');
    await escalate();
    expect(await instanceState(instanceKey)).toBe('ACTIVE');
    const lateJobs = await engine.activateJobs({
      type: 'test:late',
      maxJobsToActivate: 5,
      timeoutMs: 60_000,
      worker: 'test',
    });
    expect(lateJobs).toEqual([]);
    const [row] = await db.query(`SELECT status FROM case_deadline WHERE id = $1`, [deadlineId]);
    expect(row.status).toBe('running');

    // The append-only history refuses changes.
    await expect(db.query(`DELETE FROM deadline_extension`)).rejects.toThrow(/append-only/);
  });

  it('at breach the deadline is marked breached, the coordinator is notified and gets an escalation task; a breached deadline cannot be extended', async () => {
    // Tue 18 Aug: 17 Aug is over in Rome.
    await moveTo('2026-08-18T08:00:00.000Z');
    const late = await engine.activateJobs({
      type: 'test:late',
      maxJobsToActivate: 5,
      timeoutMs: 60_000,
      worker: 'test',
    });
    expect(late).toHaveLength(1);
    await engine.completeJob(late[0].key);
    await escalate();
    await escalate();
    const [row] = await db.query(`SELECT status FROM case_deadline WHERE id = $1`, [deadlineId]);
    expect(row.status).toBe('breached');
    const breached = (await inbox('coord.iii')).filter((n) => n.kind === 'deadline-breached');
    expect(breached).toEqual([
      expect.objectContaining({ caseNumber, subject: expect.stringContaining('Primo incontro') }),
    ]);
    expect((await inbox('coord.v')).filter((n) => n.kind === 'deadline-breached')).toEqual([]);

    // Started by the deadline-breached message the breach owed in its own transaction.
    await engine.settle();
    const escalations = await db.query(
      `SELECT key::text FROM process_instance WHERE bpmn_process_id = 'deadline-escalation'`,
    );
    expect(escalations).toHaveLength(1);
    expect(await server.app.get(MessageOutbox).pending()).toBe(0);
    let escalationTasks: Array<{ name: string; processInstanceKey: string }> = [];
    await waitFor(async () => {
      escalationTasks = (
        await server.request(
          'GET',
          `/api/tasks?view=unit&caseNumber=${caseNumber}`,
          as('coord.iii'),
        )
      ).body.items.filter((t: { name: string }) => t.name === 'Valutare la scadenza superata');
      return escalationTasks.length === 1;
    });
    expect(escalationTasks[0].processInstanceKey).toBe(escalations[0].key);
    // Another pass finds nothing new: one escalation per breach.
    await escalate();
    await engine.settle();
    expect(
      await db.query(
        `SELECT 1 FROM process_instance WHERE bpmn_process_id = 'deadline-escalation'`,
      ),
    ).toHaveLength(1);

    const again = await server.request(
      'POST',
      `/api/cases/${caseId}/deadlines/${deadlineId}/extensions`,
      {
        ...as('coord.iii'),
        body: { newDueDate: '2026-09-30', reason: 'Troppo tardi', grantedBy: 'Tribunale' },
      },
    );
    expect(again.status).toBe(409);
  });

  it('close-deadline marks a deadline met, counted in working days from a date variable', async () => {
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'start-and-close',
      businessKey: caseNumber,
      variables: { caseId, analysisDate: '2026-12-18' },
    });
    await waitFor(async () => (await instanceState(processInstanceKey)) === 'COMPLETED');
    const [row] = await db.query(
      `SELECT status, due_date::text AS due, met_at FROM case_deadline WHERE process_instance_key = $1`,
      [processInstanceKey],
    );
    // Fri 18 Dec + 10 working days, skipping Christmas, 1 Jan and weekends → Tue 5 Jan 2027
    expect(row).toMatchObject({ status: 'met', due: '2027-01-05' });
    expect(row.met_at).not.toBeNull();
  });

  it('a date fixed by an order is the due day itself, even on a Saturday', async () => {
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'order-date',
      businessKey: caseNumber,
      variables: { caseId, evictionDate: '2026-10-03' },
    });
    await waitFor(async () => (await instanceState(processInstanceKey)) === 'COMPLETED');
    const [row] = await db.query(
      `SELECT status, due_date::text AS due, legal_basis FROM case_deadline WHERE process_instance_key = $1`,
      [processInstanceKey],
    );
    expect(row).toEqual({
      status: 'running',
      due: '2026-10-03',
      legal_basis: 'D.L. 14/2017 art. 11',
    });

    const { processInstanceKey: bad } = await engine.createInstance({
      bpmnProcessId: 'order-date',
      businessKey: caseNumber,
      variables: { caseId, evictionDate: '3 ottobre' },
    });
    await waitFor(async () => (await incidents(bad)).length === 1);
    expect(await incidents(bad)).toEqual([expect.stringContaining('evictionDate')]);
  });

  it('a same-day term on a holiday moves to the next working day unless the model says it stands', async () => {
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'same-day',
      businessKey: caseNumber,
      // Ferragosto, a Saturday.
      variables: { caseId, day: '2026-08-15' },
    });
    await waitFor(async () => (await instanceState(processInstanceKey)) === 'COMPLETED');
    const rows = await db.query(
      `SELECT kind, due_date::text AS due FROM case_deadline WHERE process_instance_key = $1 ORDER BY kind`,
      [processInstanceKey],
    );
    expect(rows).toEqual([
      { kind: 'rolled', due: '2026-08-17' },
      { kind: 'triage', due: '2026-08-15' },
    ]);
  });

  it('a proroga recorded while the engine refuses messages reaches the path once the engine is back', async () => {
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'adi-first-meeting',
      businessKey: caseNumber,
      variables: { caseId },
    });
    await waitFor(async () => (await activeTimers(processInstanceKey)).length === 1);
    const [running] = await db.query(
      `SELECT id, due_date::text AS due FROM case_deadline WHERE process_instance_key = $1`,
      [processInstanceKey],
    );
    const outage = jest
      .spyOn(engine, 'publishMessage')
      .mockRejectedValue(new Error('engine unavailable'));
    const extended = await server.request(
      'POST',
      `/api/cases/${caseId}/deadlines/${running.id}/extensions`,
      {
        ...as('coord.iii'),
        body: {
          extraDays: 10,
          reason: 'Proroga del Tribunale',
          grantedBy: 'Tribunale per i Minorenni',
        },
      },
    );
    // Recorded and answered: the message is owed, not lost.
    expect(extended.status).toBe(201);
    const outbox = server.app.get(MessageOutbox);
    expect(await outbox.pending()).toBe(1);
    const [owed] = await db.query(`SELECT attempts, last_error FROM engine_message_outbox`);
    expect(owed).toEqual({ attempts: 1, last_error: 'engine unavailable' });
    const before = await activeTimers(processInstanceKey);

    outage.mockRestore();
    await outbox.flush();
    // Still waiting for its back-off.
    expect(await outbox.pending()).toBe(1);
    clock.advance(60_000);
    await outbox.flush();
    expect(await outbox.pending()).toBe(0);
    await engine.settle();
    const after = await activeTimers(processInstanceKey);
    expect(after).toHaveLength(1);
    expect(after[0].dueAt).not.toBe(before[0].dueAt);
    expect(after[0].dueAt.slice(0, 10) > before[0].dueAt.slice(0, 10)).toBe(true);
    await engine.cancelInstance(processInstanceKey);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
