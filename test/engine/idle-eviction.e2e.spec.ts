import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { startTestApp, TestApp } from '../support/test-app';
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

  it('a runner untouched for ENGINE_LIVE_IDLE_SECONDS is evicted; its next command reloads it from the database', async () => {
    await engine.deploy([{ name: 'idle.bpmn', content: chain('idle', ['idle-a', 'idle-b']) }]);
    for (let i = 0; i < 3; i++) await engine.createInstance({ bpmnProcessId: 'idle' });
    expect(engine.liveInstances).toBe(3);

    const deadline = Date.now() + 10_000;
    while (engine.liveInstances > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(engine.liveInstances).toBe(0);

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
});
