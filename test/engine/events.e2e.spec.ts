import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { bpmn, serviceTask } from './models';

const DAY = 24 * 3600 * 1000;

/** Timers, messages, errors, call activities and signals through the port, on the real database. */
describe('events through the engine port', () => {
  let server: TestApp;
  let engine: EmbeddedEngine;
  let db: DataSource;
  const clock = new TestClock('2026-01-15T08:00:00.000Z');

  beforeAll(async () => {
    server = await startTestApp({}, undefined, { engine: { clock: clock.now } });
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    db = server.app.get(DataSource);
  });
  afterAll(() => server.drop());

  const stateOf = async (key: string) =>
    (await db.query(`SELECT state FROM process_instance WHERE key = $1`, [key]))[0]?.state;
  const completedIds = async (key: string) =>
    (
      await db.query(
        `SELECT element_id FROM flow_event WHERE process_instance_key = $1 AND intent = 'ELEMENT_COMPLETED' ORDER BY id`,
        [key],
      )
    ).map((r: { element_id: string }) => r.element_id);
  const work = async (type: string, variables: Record<string, unknown> = {}) => {
    const jobs = await engine.activateJobs({
      type,
      maxJobsToActivate: 10,
      timeoutMs: 60_000,
      worker: 'test',
    });
    for (const job of jobs) await engine.completeJob(job.key, variables as never);
    return jobs;
  };

  it('a 120-day legal deadline (FEEL duration) fires after the clock moves 120 days, not before, and survives a restart', async () => {
    const model = bpmn(
      'first-meeting',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        {
          id: 'meeting',
          type: 'bpmn:userTask',
          body: '<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="caseworker-III" /></bpmn:extensionElements>',
        },
        {
          id: 'deadline',
          type: 'bpmn:boundaryEvent',
          attachedTo: 'meeting',
          body: '<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">=duration("P" + string(days) + "D")</bpmn:timeDuration></bpmn:timerEventDefinition>',
        },
        serviceTask('suspend', 'notify-inps'),
        { id: 'met', type: 'bpmn:endEvent' },
        { id: 'suspended', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'meeting' },
        { id: 'f2', from: 'meeting', to: 'met' },
        { id: 'f3', from: 'deadline', to: 'suspend' },
        { id: 'f4', from: 'suspend', to: 'suspended' },
      ],
    );
    await engine.deploy([{ name: 'first-meeting.bpmn', content: model }]);
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'first-meeting',
      variables: { days: 120 },
    });
    const [timer] = await db.query(
      `SELECT due_at FROM timer WHERE process_instance_key = $1 AND state = 'ACTIVE'`,
      [processInstanceKey],
    );
    expect(new Date(timer.due_at).toISOString()).toBe('2026-05-15T08:00:00.000Z');

    clock.advance(119 * DAY);
    await engine.settle();
    expect(await work('notify-inps')).toHaveLength(0);

    server = await server.restart();
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    db = server.app.get(DataSource);
    clock.advance(1 * DAY);
    await engine.settle();
    expect(await work('notify-inps')).toHaveLength(1);
    expect(await stateOf(processInstanceKey)).toBe('COMPLETED');
    expect(await completedIds(processInstanceKey)).toEqual(
      expect.arrayContaining(['deadline', 'suspend', 'suspended']),
    );
    expect(await completedIds(processInstanceKey)).not.toContain('met');
    // The user task's job went away with the interrupting boundary.
    expect(
      await engine.activateJobs({
        type: 'io.camunda.zeebe:userTask',
        maxJobsToActivate: 10,
        timeoutMs: 1000,
        worker: 't',
      }),
    ).toEqual([]);
  });

  const waitsForMessage = bpmn(
    'eviction',
    [
      { id: 'start', type: 'bpmn:startEvent' },
      {
        id: 'date',
        type: 'bpmn:intermediateCatchEvent',
        body: '<bpmn:messageEventDefinition messageRef="EvictionDate" />',
      },
      { id: 'end', type: 'bpmn:endEvent' },
    ],
    [
      { id: 'f1', from: 'start', to: 'date' },
      { id: 'f2', from: 'date', to: 'end' },
    ],
    '<bpmn:message id="EvictionDate" name="eviction-date"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>',
  );

  it('correlates a message by name and key, buffers it for its time to live, and refuses a live duplicate id', async () => {
    await engine.deploy([{ name: 'eviction.bpmn', content: waitsForMessage }]);
    const waiting = await engine.createInstance({
      bpmnProcessId: 'eviction',
      variables: { caseNumber: 'SSC-V-2026-000001' },
    });
    await engine.publishMessage({
      name: 'eviction-date',
      correlationKey: 'SSC-V-2026-000002',
      variables: { evictionDate: '2026-03-01' },
    });
    await engine.publishMessage({
      name: 'eviction-date',
      correlationKey: 'SSC-V-2026-000001',
      variables: { evictionDate: '2026-02-20' },
    });
    await engine.settle();
    expect(await stateOf(waiting.processInstanceKey)).toBe('COMPLETED');
    const [row] = await db.query(`SELECT variables FROM process_instance WHERE key = $1`, [
      waiting.processInstanceKey,
    ]);
    expect(row.variables.evictionDate).toBe('2026-02-20');

    // Published before the instance exists: waits for it while its TTL lasts.
    await engine.publishMessage({
      name: 'eviction-date',
      correlationKey: 'SSC-V-2026-000003',
      variables: { evictionDate: '2026-04-01' },
      timeToLiveMs: 2 * DAY,
      messageId: 'prefettura-42',
    });
    await expect(
      engine.publishMessage({
        name: 'eviction-date',
        correlationKey: 'SSC-V-2026-000003',
        timeToLiveMs: DAY,
        messageId: 'prefettura-42',
      }),
    ).rejects.toThrow(/already published/);
    clock.advance(DAY);
    const late = await engine.createInstance({
      bpmnProcessId: 'eviction',
      variables: { caseNumber: 'SSC-V-2026-000003' },
    });
    await engine.settle();
    expect(await stateOf(late.processInstanceKey)).toBe('COMPLETED');

    // Past its TTL a buffered message is gone, and its id may be used again.
    await engine.publishMessage({
      name: 'eviction-date',
      correlationKey: 'SSC-V-2026-000004',
      timeToLiveMs: DAY,
      messageId: 'prefettura-43',
    });
    clock.advance(DAY + 1);
    const tooLate = await engine.createInstance({
      bpmnProcessId: 'eviction',
      variables: { caseNumber: 'SSC-V-2026-000004' },
    });
    await engine.settle();
    expect(await stateOf(tooLate.processInstanceKey)).toBe('ACTIVE');
    await engine.publishMessage({
      name: 'eviction-date',
      correlationKey: 'SSC-V-2026-000099',
      messageId: 'prefettura-43',
    });
  });

  it('routes a BPMN error thrown by a worker to the error boundary; an uncaught one raises an incident', async () => {
    const model = bpmn(
      'documents',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        serviceTask('fetch', 'fetch-documents'),
        {
          id: 'missing',
          type: 'bpmn:boundaryEvent',
          attachedTo: 'fetch',
          body: '<bpmn:errorEventDefinition errorRef="NoDocs" />',
        },
        serviceTask('ask', 'ask-documents'),
        { id: 'end', type: 'bpmn:endEvent' },
        { id: 'asked', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'fetch' },
        { id: 'f2', from: 'fetch', to: 'end' },
        { id: 'f3', from: 'missing', to: 'ask' },
        { id: 'f4', from: 'ask', to: 'asked' },
      ],
      '<bpmn:error id="NoDocs" name="NoDocs" errorCode="NO_DOCS" />',
    );
    await engine.deploy([{ name: 'documents.bpmn', content: model }]);
    const caught = await engine.createInstance({ bpmnProcessId: 'documents' });
    const [job] = await engine.activateJobs({
      type: 'fetch-documents',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 'w',
    });
    await engine.throwError(job.key, {
      errorCode: 'NO_DOCS',
      variables: { reason: 'ISEE mancante' },
    });
    const [ask] = await engine.activateJobs({
      type: 'ask-documents',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 'w',
    });
    expect(ask).toMatchObject({
      processInstanceKey: caught.processInstanceKey,
      variables: { reason: 'ISEE mancante' },
    });

    const uncaught = await engine.createInstance({ bpmnProcessId: 'documents' });
    const [job2] = await engine.activateJobs({
      type: 'fetch-documents',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 'w',
    });
    await engine.throwError(job2.key, { errorCode: 'SOMETHING_ELSE', errorMessage: 'boom' });
    const incidents = await db.query(
      `SELECT error_type FROM incident WHERE process_instance_key = $1 AND state = 'ACTIVE'`,
      [uncaught.processInstanceKey],
    );
    expect(incidents).toEqual([{ error_type: 'UNHANDLED_ERROR_EVENT' }]);
    expect(await stateOf(uncaught.processInstanceKey)).toBe('ACTIVE');
  });

  it('starts a called process by id, passes variables in and out, and continues the parent', async () => {
    const child = bpmn(
      'child-assessment',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        serviceTask('assess', 'assess'),
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'assess' },
        { id: 'f2', from: 'assess', to: 'end' },
      ],
    );
    const parent = bpmn(
      'parent-path',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        {
          id: 'call',
          type: 'bpmn:callActivity',
          body: '<bpmn:extensionElements><zeebe:calledElement processId="child-assessment" propagateAllChildVariables="true" /></bpmn:extensionElements>',
        },
        serviceTask('after', 'after-call'),
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'call' },
        { id: 'f2', from: 'call', to: 'after' },
        { id: 'f3', from: 'after', to: 'end' },
      ],
    );
    await engine.deploy([{ name: 'child.bpmn', content: child }]);
    await engine.deploy([{ name: 'parent.bpmn', content: parent }]);
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'parent-path',
      variables: { household: 3 },
    });
    await engine.settle();
    const [assess] = await engine.activateJobs({
      type: 'assess',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 'w',
    });
    expect(assess.variables).toMatchObject({ household: 3 });
    await engine.completeJob(assess.key, { outcome: 'presa in carico' });
    await engine.settle();
    const [after] = await engine.activateJobs({
      type: 'after-call',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 'w',
    });
    expect(after).toMatchObject({
      processInstanceKey,
      variables: { household: 3, outcome: 'presa in carico' },
    });
  });

  it('a second token into a busy call activity starts a second child, and the parent goes on once per child (Zeebe: an element instance per token)', async () => {
    const parent = bpmn(
      'parent-twice',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        { id: 'fork', type: 'bpmn:parallelGateway' },
        { id: 'relay', type: 'bpmn:manualTask' },
        {
          id: 'call',
          type: 'bpmn:callActivity',
          body: '<bpmn:extensionElements><zeebe:calledElement processId="child-assessment" propagateAllChildVariables="true" /></bpmn:extensionElements>',
        },
        serviceTask('after', 'after-twice'),
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f0', from: 'start', to: 'fork' },
        { id: 'direct', from: 'fork', to: 'call' },
        { id: 'toRelay', from: 'fork', to: 'relay' },
        { id: 'relayed', from: 'relay', to: 'call' },
        { id: 'f2', from: 'call', to: 'after' },
        { id: 'f3', from: 'after', to: 'end' },
      ],
    );
    await engine.deploy([{ name: 'parent-twice.bpmn', content: parent }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'parent-twice' });
    await engine.settle();
    const children = await db.query(
      `SELECT key::text FROM process_instance WHERE parent_process_instance_key = $1`,
      [processInstanceKey],
    );
    expect(children).toHaveLength(2);
    const drain = async (type: string) => {
      const jobs = await engine.activateJobs({
        type,
        maxJobsToActivate: 10,
        timeoutMs: 60_000,
        worker: 'w',
      });
      for (const job of jobs) await engine.completeJob(job.key, {});
      await engine.settle();
      return jobs.length;
    };
    expect(await drain('assess')).toBe(2);
    expect(await stateOf(processInstanceKey)).toBe('ACTIVE');
    expect(await drain('after-twice')).toBe(2);
    expect(await stateOf(processInstanceKey)).toBe('COMPLETED');
  });

  it('cancelling the parent cancels the called child: both say so in their state and history (issue 11)', async () => {
    const { processInstanceKey: parentKey } = await engine.createInstance({
      bpmnProcessId: 'parent-path',
      variables: { household: 2 },
    });
    await engine.settle();
    const [child] = await db.query(
      `SELECT key::text FROM process_instance WHERE parent_process_instance_key = $1`,
      [parentKey],
    );
    expect(await stateOf(child.key)).toBe('ACTIVE');
    await engine.cancelInstance(parentKey);
    await engine.settle();
    expect(await stateOf(parentKey)).toBe('CANCELED');
    expect(await stateOf(child.key)).toBe('CANCELED');
    const last = async (key: string) =>
      (
        await db.query(
          `SELECT intent, element_type FROM flow_event WHERE process_instance_key = $1 ORDER BY id DESC LIMIT 1`,
          [key],
        )
      )[0];
    expect(await last(child.key)).toEqual({
      intent: 'ELEMENT_TERMINATED',
      element_type: 'PROCESS',
    });
    expect(await last(parentKey)).toEqual({
      intent: 'ELEMENT_TERMINATED',
      element_type: 'PROCESS',
    });
    const summary = await server.request('GET', `/api/process-instances/${child.key}`, {
      token: await server.login('admin', TEST_ADMIN_PASSWORD),
    });
    expect(summary.body).toMatchObject({ state: 'CANCELED', activeElementIds: [] });
    expect(await work('assess')).toEqual([]);
  });

  it('an escalation the child does not catch reaches the call activity: non-interrupting runs beside the child, interrupting ends it (Zeebe)', async () => {
    const ESCALATION = '<bpmn:escalation id="Late" escalationCode="LATE" />';
    const child = bpmn(
      'child-escalating',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        {
          id: 'late',
          type: 'bpmn:intermediateThrowEvent',
          body: '<bpmn:escalationEventDefinition escalationRef="Late" />',
        },
        serviceTask('visit', 'child-visit'),
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'late' },
        { id: 'f2', from: 'late', to: 'visit' },
        { id: 'f3', from: 'visit', to: 'end' },
      ],
      ESCALATION,
    );
    const parentWith = (id: string, interrupting: boolean) =>
      bpmn(
        id,
        [
          { id: 'start', type: 'bpmn:startEvent' },
          {
            id: 'call',
            type: 'bpmn:callActivity',
            body: '<bpmn:extensionElements><zeebe:calledElement processId="child-escalating" /></bpmn:extensionElements>',
          },
          { id: 'end', type: 'bpmn:endEvent' },
          {
            id: 'caught',
            type: 'bpmn:boundaryEvent',
            attachedTo: 'call',
            attrs: `cancelActivity="${interrupting}"`,
            body: '<bpmn:escalationEventDefinition escalationRef="Late" />',
          },
          serviceTask('tell', `${id}-tell-coordinator`),
          { id: 'told', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'start', to: 'call' },
          { id: 'f2', from: 'call', to: 'end' },
          { id: 'f3', from: 'caught', to: 'tell' },
          { id: 'f4', from: 'tell', to: 'told' },
        ],
        ESCALATION,
      );
    await engine.deploy([
      { name: 'child-escalating.bpmn', content: child },
      { name: 'parent-soft.bpmn', content: parentWith('parent-soft', false) },
      { name: 'parent-hard.bpmn', content: parentWith('parent-hard', true) },
    ]);
    const childOf = async (parentKey: string) =>
      (
        await db.query(
          `SELECT key::text, state FROM process_instance WHERE parent_process_instance_key = $1`,
          [parentKey],
        )
      )[0];

    // Non-interrupting: the coordinator is told and the child goes on to its visit.
    const soft = (await engine.createInstance({ bpmnProcessId: 'parent-soft' })).processInstanceKey;
    await engine.settle();
    expect(await work('parent-soft-tell-coordinator')).toHaveLength(1);
    expect(await work('child-visit')).toHaveLength(1);
    await engine.settle();
    expect((await childOf(soft)).state).toBe('COMPLETED');
    expect(await stateOf(soft)).toBe('COMPLETED');
    expect(await completedIds(soft)).toEqual(
      expect.arrayContaining(['caught', 'tell', 'told', 'call', 'end']),
    );

    // Interrupting: the child ends there, the parent takes the boundary's path.
    const hard = (await engine.createInstance({ bpmnProcessId: 'parent-hard' })).processInstanceKey;
    await engine.settle();
    expect((await childOf(hard)).state).toBe('TERMINATED');
    expect(await work('child-visit')).toEqual([]);
    expect(await work('parent-hard-tell-coordinator')).toHaveLength(1);
    await engine.settle();
    expect(await stateOf(hard)).toBe('COMPLETED');
    expect(await completedIds(hard)).not.toContain('call');
  });

  it('cancels an instance: its jobs and timers go away and it stays cancelled', async () => {
    await engine.deploy([{ name: 'eviction.bpmn', content: waitsForMessage }]);
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'eviction',
      variables: { caseNumber: 'SSC-V-2026-000100' },
    });
    await engine.cancelInstance(processInstanceKey);
    expect(await stateOf(processInstanceKey)).toBe('CANCELED');
    await expect(engine.cancelInstance(processInstanceKey)).rejects.toThrow(/canceled/);
    const open = await db.query(
      `SELECT 1 FROM message_subscription WHERE process_instance_key = $1 AND state = 'OPEN'`,
      [processInstanceKey],
    );
    expect(open).toEqual([]);
  });
});
