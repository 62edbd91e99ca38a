import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ProcessEngine } from '../../src/engine/engine.port';
import { bpmn, serviceTask } from '../engine/models';
import { freePort } from '../support/free-port';
import { startTestApp, TEST_WORKER, TestApp } from '../support/test-app';

/** Another system's worker, written against Zeebe alone, works with Percorsi's embedded gateway. */
describe('an ordinary @camunda8/sdk worker in its own process', () => {
  let server: TestApp;
  let worker: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    server = await startTestApp({ ZEEBE_GATEWAY_PORT: String(await freePort()) });
    await server.workerLogin(); // the registry office's account, role worker
  });
  afterAll(async () => {
    worker?.kill('SIGTERM');
    await server.drop();
  });

  it('signs in with OAuth client credentials and completes the service tasks of its type', async () => {
    const engine = server.app.get(ProcessEngine);
    const model = bpmn(
      'verifica-residenza',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        serviceTask('verify', 'anagrafe:verify-residence'),
        serviceTask('decide', 'percorsi:test-decide'),
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'verify' },
        { id: 'f2', from: 'verify', to: 'decide' },
        { id: 'f3', from: 'decide', to: 'end' },
      ],
    );
    await engine.deploy([{ name: 'verifica-residenza.bpmn', content: model }]);

    worker = spawn(process.execPath, [join(__dirname, 'fixtures/residence-worker.js')], {
      env: {
        PATH: process.env.PATH,
        ZEEBE_ADDRESS: `127.0.0.1:${server.config.zeebeGateway!.port}`,
        ZEEBE_CLIENT_ID: TEST_WORKER.username,
        ZEEBE_CLIENT_SECRET: TEST_WORKER.password,
        CAMUNDA_OAUTH_URL: `${server.baseUrl}/api/auth/oauth/token`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => output.includes('ready'), 20_000).catch((error: Error) => {
      throw new Error(`${error.message}; the worker said: ${output}`);
    });

    const instances = await Promise.all(
      ['RSSMRA80A01G273X', 'VRDGPP70B01G273Y'].map((taxCode) =>
        engine.createInstance({ bpmnProcessId: 'verifica-residenza', variables: { taxCode } }),
      ),
    );
    const decided = new Map<string, unknown>();
    await until(async () => {
      const jobs = await engine.activateJobs({
        type: 'percorsi:test-decide',
        maxJobsToActivate: 10,
        timeoutMs: 60_000,
        worker: 'test',
      });
      for (const job of jobs) decided.set(job.processInstanceKey, job.variables);
      return decided.size === 2;
    }, 20_000);
    expect(decided.get(instances[0].processInstanceKey)).toMatchObject({
      resident: true,
      checkedBy: 'anagrafe',
    });
    expect(decided.get(instances[1].processInstanceKey)).toMatchObject({ resident: false });
    expect(output.match(/completed \d+/g)).toHaveLength(2);
  });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
