import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { chain } from './models';

describe('jobs through the engine port', () => {
  let server: TestApp;
  let engine: EmbeddedEngine;
  let db: DataSource;
  const clock = new TestClock();

  beforeAll(async () => {
    server = await startTestApp({}, undefined, { engine: { clock: clock.now } });
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    db = server.app.get(DataSource);
  });
  afterAll(() => server.drop());

  const flowOf = async (key: string) =>
    (
      await db.query(
        `SELECT element_id, intent FROM flow_event WHERE process_instance_key = $1 ORDER BY id`,
        [key],
      )
    ).map((r: { element_id: string; intent: string }) => `${r.intent}:${r.element_id}`);

  it('deploys, runs a chain of service tasks with workers, and completes', async () => {
    const [deployed] = await engine.deploy([
      { name: 'chain.bpmn', content: chain('chain', ['a', 'b']) },
    ]);
    expect(deployed).toMatchObject({ bpmnProcessId: 'chain', version: 1 });
    const again = await engine.deploy([
      { name: 'chain.bpmn', content: chain('chain', ['a', 'b']) },
    ]);
    expect(again[0]).toEqual(deployed);

    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'chain',
      variables: { n: 1 },
      businessKey: 'SSC-III-2026-000001',
    });
    const [jobA] = await engine.activateJobs({
      type: 'a',
      maxJobsToActivate: 5,
      timeoutMs: 60_000,
      worker: 'w',
    });
    expect(jobA).toMatchObject({
      type: 'a',
      processInstanceKey,
      elementId: 'task1',
      variables: { n: 1 },
      retries: 3,
    });
    expect(
      await engine.activateJobs({
        type: 'a',
        maxJobsToActivate: 5,
        timeoutMs: 60_000,
        worker: 'w',
      }),
    ).toEqual([]);
    await engine.completeJob(jobA.key, { n: 2 });
    await expect(engine.completeJob(jobA.key)).rejects.toThrow(/not found/);

    const [jobB] = await engine.activateJobs({
      type: 'b',
      maxJobsToActivate: 5,
      timeoutMs: 60_000,
      worker: 'w',
    });
    expect(jobB.variables).toEqual({ n: 2 });
    await engine.completeJob(jobB.key, { done: true });

    const [row] = await db.query(`SELECT state, variables FROM process_instance WHERE key = $1`, [
      processInstanceKey,
    ]);
    expect(row).toEqual({ state: 'COMPLETED', variables: { n: 2, done: true } });
    expect(await flowOf(processInstanceKey)).toEqual([
      'ELEMENT_ACTIVATED:chain',
      'ELEMENT_ACTIVATED:start',
      'ELEMENT_COMPLETED:start',
      'SEQUENCE_FLOW_TAKEN:f1',
      'ELEMENT_ACTIVATED:task1',
      'ELEMENT_COMPLETED:task1',
      'SEQUENCE_FLOW_TAKEN:f2',
      'ELEMENT_ACTIVATED:task2',
      'ELEMENT_COMPLETED:task2',
      'SEQUENCE_FLOW_TAKEN:f3',
      'ELEMENT_ACTIVATED:end',
      'ELEMENT_COMPLETED:end',
      'ELEMENT_COMPLETED:chain',
    ]);
  });

  it('hands a timed-out job out again, and fails into an incident that an operator resolves', async () => {
    await engine.deploy([{ name: 'one.bpmn', content: chain('one', ['flaky']) }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'one' });
    const [first] = await engine.activateJobs({
      type: 'flaky',
      maxJobsToActivate: 1,
      timeoutMs: 1000,
      worker: 'w1',
    });
    clock.advance(1001);
    await engine.settle();
    const [again] = await engine.activateJobs({
      type: 'flaky',
      maxJobsToActivate: 1,
      timeoutMs: 1000,
      worker: 'w2',
    });
    expect(again.key).toBe(first.key);
    expect(again.retries).toBe(3);

    await engine.failJob(again.key, {
      retries: 0,
      errorMessage: 'servizio INPS non raggiungibile',
    });
    const [incident] = await db.query(
      `SELECT key::text, error_type, error_message, state FROM incident WHERE process_instance_key = $1`,
      [processInstanceKey],
    );
    expect(incident).toMatchObject({ error_type: 'JOB_NO_RETRIES', state: 'ACTIVE' });
    expect(
      await engine.activateJobs({
        type: 'flaky',
        maxJobsToActivate: 1,
        timeoutMs: 1000,
        worker: 'w',
      }),
    ).toEqual([]);

    await engine.updateJobRetries(again.key, 1);
    await engine.resolveIncident(incident.key);
    const [retried] = await engine.activateJobs({
      type: 'flaky',
      maxJobsToActivate: 1,
      timeoutMs: 1000,
      worker: 'w',
    });
    expect(retried).toMatchObject({ key: first.key, retries: 1 });
    await engine.completeJob(retried.key);
    const [row] = await db.query(`SELECT state FROM process_instance WHERE key = $1`, [
      processInstanceKey,
    ]);
    expect(row.state).toBe('COMPLETED');
  });

  it('survives a restart mid-way: the job and the instance are still there', async () => {
    await engine.deploy([{ name: 'restart.bpmn', content: chain('restart', ['r1', 'r2']) }]);
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'restart',
      variables: { caseNumber: 'SSC-I-2026-000009' },
    });
    const [job] = await engine.activateJobs({
      type: 'r1',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 'w',
    });
    server = await server.restart();
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    db = server.app.get(DataSource);
    await engine.completeJob(job.key);
    const [next] = await engine.activateJobs({
      type: 'r2',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 'w',
    });
    expect(next).toMatchObject({
      processInstanceKey,
      variables: { caseNumber: 'SSC-I-2026-000009' },
    });
  });
});
