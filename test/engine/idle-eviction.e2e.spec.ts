import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { startTestApp, TestApp } from '../support/test-app';
import { CORPUS } from './conformance/corpus';
import { chain } from './models';

/** Instances that wait (days, between a case's steps) leave memory and come back on demand. */
describe('idle process instances leave memory', () => {
  let server: TestApp;
  let engine: EmbeddedEngine;

  beforeAll(async () => {
    server = await startTestApp({ ENGINE_LIVE_IDLE_SECONDS: '1' });
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
  });
  afterAll(() => server.drop());

  const evicted = async () => {
    const deadline = Date.now() + 10_000;
    while (engine.liveInstances > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(engine.liveInstances).toBe(0);
  };

  it('a runner untouched for ENGINE_LIVE_IDLE_SECONDS is evicted; its next command reloads it from the database', async () => {
    await engine.deploy([{ name: 'idle.bpmn', content: chain('idle', ['idle-a', 'idle-b']) }]);
    for (let i = 0; i < 3; i++) await engine.createInstance({ bpmnProcessId: 'idle' });
    expect(engine.liveInstances).toBe(3);
    await evicted();

    const [job] = await engine.activateJobs({
      type: 'idle-a',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 't',
    });
    await engine.completeJob(job.key, { done: true });
    expect(engine.liveInstances).toBe(1);
    const [next] = await engine.activateJobs({
      type: 'idle-b',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 't',
      fetchVariables: ['done'],
    });
    expect(next).toMatchObject({
      processInstanceKey: job.processInstanceKey,
      variables: { done: true },
    });
  });

  it('a second sub-process instance the runtime runs comes back with its inner flow', async () => {
    const twoSubs = CORPUS.find((c) => c.bpmnProcessId === 'conf-two-tokens-sub')!;
    await engine.deploy([{ name: 'two-subs.bpmn', content: twoSubs.xml }]);
    const caseNumber = 'SSC-IV-2026-000123';
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'conf-two-tokens-sub',
      variables: { caseNumber },
    });
    const dataSource = server.app.get(DataSource);
    const activate = (type: string) =>
      engine.activateJobs({ type, maxJobsToActivate: 2, timeoutMs: 60_000, worker: 't' });
    const jobs = async (type: string, count: number) => {
      const found: Awaited<ReturnType<typeof activate>> = [];
      const deadline = Date.now() + 10_000;
      while (found.length < count && Date.now() < deadline) {
        found.push(...(await activate(type)));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return found;
    };
    const [a] = await jobs('conf-a', 1);
    // The reminder's token reaches the sub-process first: bpmn-elements' instance.
    await engine.publishMessage({
      name: 'conf-two-tokens-sub-reminder',
      correlationKey: caseNumber,
    });
    const [first] = await jobs('conf-inner', 1);
    // The task's token reaches it while that instance is active: the runtime's instance.
    await engine.completeJob(a.key, {});
    const [second] = await jobs('conf-inner', 1);
    expect(second).toBeDefined();
    const state = async () =>
      (
        await dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [
          processInstanceKey,
        ])
      )[0].state;
    // Each inner job completed on a runner reloaded from the database.
    for (const job of [second, first]) {
      await evicted();
      await engine.completeJob(job.key, {});
    }
    expect(await state()).toBe('COMPLETED');
    const ends = await dataSource.query(
      `SELECT count(*)::int AS n FROM flow_event
        WHERE process_instance_key = $1 AND element_id = 'end' AND intent = 'ELEMENT_COMPLETED'`,
      [processInstanceKey],
    );
    expect(ends).toEqual([{ n: 2 }]);
  });
});
