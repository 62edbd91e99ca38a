import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine, Variables } from '../../src/engine/engine.port';
import { TaskReconciler } from '../../src/tasks/task-reconciler';
import { USER_TASK_JOB_TYPE } from '../../src/tasks/user-task-headers.util';
import {
  TASKLIST_WORKER,
  USER_TASK_ACTIVATION_MS,
  UserTaskPoller,
} from '../../src/tasks/user-task-poller';
import { bpmn } from '../engine/models';
import { TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { describeReplicas, startReplicas, stopReplicas } from './replicas';

const TASKS = 20;
const MINUTE = 60_000;

/** start → a home visit for the unit's caseworkers → end. */
const VISIT = bpmn(
  'replica-visit',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    {
      id: 'visit',
      type: 'bpmn:userTask',
      body: '<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="caseworker" /></bpmn:extensionElements>',
    },
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'visit' },
    { id: 'f2', from: 'visit', to: 'end' },
  ],
);

/** User task jobs turned into task rows, and rows kept true to the engine, by two replicas. */
describeReplicas('user tasks on two replicas', () => {
  const clock = new TestClock();
  let replicas: TestApp[];
  let db: DataSource;
  let next = 0;

  beforeAll(async () => {
    replicas = await startReplicas({}, { engine: { clock: clock.now } });
    // The second one's: the first dies in the last test.
    db = replicas[1].app.get(DataSource);
    await engineOf(replicas[0]).deploy([{ name: 'visit.bpmn', content: VISIT }]);
  });
  afterAll(() => stopReplicas(replicas));

  const engineOf = (replica: TestApp) => replica.app.get(ProcessEngine) as EmbeddedEngine;
  const pollerOf = (replica: TestApp) => replica.app.get(UserTaskPoller);
  /** Starts visits, alternating between the replicas' engines; their instance keys. */
  const startVisits = async (
    count: number,
    on: readonly TestApp[] = replicas,
    variables: Variables = {},
  ) => {
    const keys: string[] = [];
    for (let i = 0; i < count; i++) {
      next += 1;
      const { processInstanceKey } = await engineOf(on[i % on.length]).createInstance({
        bpmnProcessId: 'replica-visit',
        businessKey: `SSC-III-2026-${String(next).padStart(6, '0')}`,
        variables,
      });
      keys.push(processInstanceKey);
    }
    return keys;
  };
  const rowsOf = (instanceKeys: string[]) =>
    db.query(
      `SELECT job_key::text AS "jobKey", process_instance_key::text AS "instanceKey",
              element_instance_key::text AS "elementInstanceKey", state, version
         FROM task WHERE process_instance_key = ANY($1::bigint[]) ORDER BY job_key`,
      [instanceKeys],
    );

  it('records each user task once while both replicas poll', async () => {
    const instances = await startVisits(TASKS);
    // Both look for unrecorded jobs too, while the other is recording them.
    clock.advance(2 * MINUTE);
    await Promise.all(replicas.map((replica) => pollerOf(replica).pollNow()));

    const rows = await rowsOf(instances);
    expect(rows).toHaveLength(TASKS);
    expect(
      new Set(rows.map((row: { elementInstanceKey: string }) => row.elementInstanceKey)).size,
    ).toBe(TASKS);
  });

  it('closes each row once when both replicas reconcile the jobs the engine ended', async () => {
    const instances = await startVisits(6);
    await Promise.all(replicas.map((replica) => pollerOf(replica).pollNow()));
    const before: Array<{ instanceKey: string; version: number }> = await rowsOf(instances);
    const cancelled = instances.slice(0, 3);
    for (const key of cancelled) await engineOf(replicas[0]).cancelInstance(key);

    await Promise.all(replicas.map((replica) => replica.app.get(TaskReconciler).reconcileNow()));

    const after = await rowsOf(instances);
    expect(after).toEqual(
      before.map((row) =>
        cancelled.includes(row.instanceKey)
          ? { ...row, state: 'CANCELED', version: row.version + 1 }
          : row,
      ),
    );
  });

  it('records the tasks of a replica that died between activating their jobs and writing their rows', async () => {
    const [dying, survivor] = replicas;
    // The tests drive both pollers from here on, so neither takes the jobs first.
    for (const replica of replicas) await pollerOf(replica).beforeApplicationShutdown();
    await pollerOf(survivor).pollNow();
    // Working to a legal deadline: the row found later keeps it, as one recorded at once does.
    const deadlineId = '0b7c5a52-3f1e-4a55-9d2c-6f1f8f0e2a11';
    const instances = await startVisits(3, [dying], { deadlineId });
    const activated = await engineOf(dying).activateJobs({
      type: USER_TASK_JOB_TYPE,
      maxJobsToActivate: 10,
      timeoutMs: USER_TASK_ACTIVATION_MS,
      worker: TASKLIST_WORKER,
    });
    expect(activated).toHaveLength(3);
    await dying.close();

    // The survivor looks for such jobs every minute, not only when it starts.
    clock.advance(MINUTE);
    await pollerOf(survivor).pollNow();

    const rows = await rowsOf(instances);
    expect(rows.map((row: { jobKey: string }) => row.jobKey)).toEqual(
      activated.map((job) => job.key).sort(),
    );
    const [{ deadlines }] = await db.query(
      `SELECT array_agg(DISTINCT deadline_id::text) AS deadlines FROM task
        WHERE process_instance_key = ANY($1::bigint[])`,
      [instances],
    );
    expect(deadlines).toEqual([deadlineId]);
  });
});
