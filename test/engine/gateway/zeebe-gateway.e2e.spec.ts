import { Zeebe } from '@camunda8/sdk';
import { DataSource } from 'typeorm';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../../support/test-app';
import { bpmn, chain, serviceTask } from '../models';
import { freePort } from '../../support/free-port';
import { RawGateway, sdkClient } from './gateway-clients';

/**
 * The embedded engine through Zeebe 8.5's gRPC gateway, driven by the Camunda SDK as a Zeebe
 * worker or tool would drive a Zeebe cluster.
 */
describe('Zeebe gateway: the engine through a Zeebe client', () => {
  let server: TestApp;
  let port: number;
  let db: DataSource;
  let admin: Zeebe.ZeebeGrpcClient;
  let worker: Zeebe.ZeebeGrpcClient;
  let raw: RawGateway;
  let workerToken: string;

  beforeAll(async () => {
    port = await freePort();
    server = await startTestApp({ ZEEBE_GATEWAY_PORT: String(port) });
    db = server.app.get(DataSource);
    workerToken = await server.workerLogin();
    admin = sdkClient(port, await server.login('admin', TEST_ADMIN_PASSWORD));
    worker = sdkClient(port, workerToken);
    raw = new RawGateway(port);
  });
  afterAll(async () => {
    // The server first: its shutdown ends the job streams, which the SDK 8.5.9 cannot cancel
    // without an unhandled 'Cancelled on client' error.
    await server.drop();
    await worker.close();
    await admin.close();
    raw.close();
  });

  const deploy = (name: string, xml: string) =>
    admin.deployResource({ process: Buffer.from(xml), name });

  const instance = async (key: string): Promise<{ state: string; variables: object }> =>
    (await db.query(`SELECT state, variables FROM process_instance WHERE key = $1`, [key]))[0];

  /** Polls until the instance is no longer ACTIVE (background commands, workers). */
  const ended = async (key: string, timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const row = await instance(key);
      if (row.state !== 'ACTIVE' || Date.now() > until) return row;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  /** Jobs there are now, without long polling (the SDK's activateJobs waits for a first job). */
  const activateNow = async (type: string, timeout = 60_000): Promise<Array<{ key: string }>> => {
    const responses = await raw.stream(
      'ActivateJobs',
      { type, worker: 'test', timeout, maxJobsToActivate: 10, requestTimeout: -1 },
      workerToken,
    );
    return responses.flatMap((response: { jobs: Array<{ key: string }> }) => response.jobs);
  };

  it('shows a one-broker, one-partition topology', async () => {
    const topology = await worker.topology();
    expect(topology).toMatchObject({
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: '8.5.0',
      brokers: [{ port, partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }] }],
    });
  });

  it('deploys a model as a Zeebe deployment; the same file again is the same version', async () => {
    const first = await deploy('gw-deploy.bpmn', chain('gw-deploy', ['gw-deploy-task']));
    expect(first.deployments).toEqual([
      {
        Metadata: 'process',
        process: {
          bpmnProcessId: 'gw-deploy',
          version: 1,
          processDefinitionKey: expect.stringMatching(/^\d+$/),
          resourceName: 'gw-deploy.bpmn',
          tenantId: '<default>',
        },
      },
    ]);
    const again = await deploy('gw-deploy.bpmn', chain('gw-deploy', ['gw-deploy-task']));
    expect(again.deployments[0].process).toEqual(first.deployments[0].process);
  });

  it('creates an instance with variables, which its job receives with Zeebe fields', async () => {
    const deployment = await deploy('gw-create.bpmn', chain('gw-create', ['gw-create-task']));
    const created = await worker.createProcessInstance({
      bpmnProcessId: 'gw-create',
      variables: { applicant: 'Rossi', amount: 1200 },
    });
    expect(created).toMatchObject({
      bpmnProcessId: 'gw-create',
      version: 1,
      processDefinitionKey: deployment.deployments[0].process.processDefinitionKey,
      tenantId: '<default>',
    });
    const [job] = await worker.activateJobs({
      type: 'gw-create-task',
      worker: 'create-test',
      maxJobsToActivate: 1,
      timeout: 60_000,
      requestTimeout: 5_000,
    });
    expect(job).toMatchObject({
      type: 'gw-create-task',
      processInstanceKey: created.processInstanceKey,
      bpmnProcessId: 'gw-create',
      processDefinitionVersion: 1,
      processDefinitionKey: created.processDefinitionKey,
      elementId: 'task1',
      worker: 'create-test',
      retries: 3,
      tenantId: '<default>',
      variables: { applicant: 'Rossi', amount: 1200 },
    });
    expect(Number(job.deadline)).toBeGreaterThan(Date.now() + 50_000);
    await worker.completeJob({ jobKey: job.key, variables: {} });
    expect((await ended(created.processInstanceKey)).state).toBe('COMPLETED');
  });

  it('runs service tasks end to end with an SDK worker and a job stream; variables flow through', async () => {
    await deploy('gw-chain.bpmn', chain('gw-chain', ['gw-score', 'gw-decide']));
    const polling = worker.createWorker({
      taskType: 'gw-score',
      timeout: 30_000,
      taskHandler: (job) => job.complete({ score: Number(job.variables.income) / 1000 }),
    });
    // Open until the gateway stops (afterAll).
    await worker.streamJobs({
      type: 'gw-decide',
      worker: 'decider',
      timeout: 30_000,
      tenantIds: [],
      taskHandler: (job) =>
        job.complete({ eligible: Number(job.variables.score) < 15, decidedBy: job.worker }),
    });
    try {
      const result = await worker.createProcessInstanceWithResult({
        bpmnProcessId: 'gw-chain',
        variables: { income: 12_000 },
        requestTimeout: 15_000,
      });
      expect(result.variables).toEqual({
        income: 12_000,
        score: 12,
        eligible: true,
        decidedBy: 'decider',
      });
      const fetched = await worker.createProcessInstanceWithResult({
        bpmnProcessId: 'gw-chain',
        variables: { income: 20_000 },
        requestTimeout: 15_000,
        fetchVariables: ['eligible'],
      });
      expect(fetched.variables).toEqual({ eligible: false });
    } finally {
      await polling.close();
    }
  });

  it('answers createProcessInstanceWithResult with DEADLINE_EXCEEDED when the instance does not end in time', async () => {
    await deploy('gw-slow.bpmn', chain('gw-slow', ['gw-nobody']));
    const started = Date.now();
    await expect(
      worker.createProcessInstanceWithResult({
        bpmnProcessId: 'gw-slow',
        variables: {},
        requestTimeout: 300,
      }),
    ).rejects.toMatchObject({ code: 4 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('fails a job with retries and back-off, then raises an incident at 0 retries; retries and resolve bring it back', async () => {
    await deploy('gw-fail.bpmn', chain('gw-fail', ['gw-flaky']));
    const { processInstanceKey } = await worker.createProcessInstance({
      bpmnProcessId: 'gw-fail',
      variables: {},
    });
    const activate = () =>
      worker.activateJobs({
        type: 'gw-flaky',
        worker: 'flaky',
        maxJobsToActivate: 1,
        timeout: 60_000,
        requestTimeout: 8_000,
      });
    const [first] = await activate();
    await worker.failJob({
      jobKey: first.key,
      retries: 2,
      errorMessage: 'protocollo non raggiungibile',
      retryBackOff: 1_000,
    });
    // During the back-off nothing is handed out; after it, the same job with 2 retries.
    expect(await activateNow('gw-flaky')).toEqual([]);
    const failedAt = Date.now();
    const [second] = await activate();
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(700);
    expect(second).toMatchObject({ key: first.key, retries: 2 });

    await worker.failJob({
      jobKey: second.key,
      retries: 0,
      errorMessage: 'ancora giù',
      retryBackOff: 0,
    });
    const [incident] = await db.query(
      `SELECT key::text, error_message FROM incident WHERE process_instance_key = $1 AND state = 'ACTIVE'`,
      [processInstanceKey],
    );
    expect(incident.error_message).toBe('ancora giù');
    expect(await activateNow('gw-flaky')).toEqual([]);

    await admin.updateJobRetries({ jobKey: second.key, retries: 1 });
    await admin.resolveIncident({ incidentKey: incident.key });
    const [third] = await activate();
    expect(third).toMatchObject({ key: first.key, retries: 1 });
    await worker.completeJob({ jobKey: third.key, variables: { recovered: true } });
    expect(await ended(processInstanceKey)).toEqual({
      state: 'COMPLETED',
      variables: { recovered: true },
    });
  });

  it('a BPMN error thrown by a worker is caught by the error boundary event', async () => {
    await deploy(
      'gw-documents.bpmn',
      bpmn(
        'gw-documents',
        [
          { id: 'start', type: 'bpmn:startEvent' },
          serviceTask('fetch', 'gw-fetch-documents'),
          {
            id: 'missing',
            type: 'bpmn:boundaryEvent',
            attachedTo: 'fetch',
            body: '<bpmn:errorEventDefinition errorRef="NoDocs" />',
          },
          serviceTask('ask', 'gw-ask-documents'),
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
      ),
    );
    const { processInstanceKey } = await worker.createProcessInstance({
      bpmnProcessId: 'gw-documents',
      variables: {},
    });
    const [fetch] = await worker.activateJobs({
      type: 'gw-fetch-documents',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 60_000,
      requestTimeout: 5_000,
    });
    await worker.throwError({
      jobKey: fetch.key,
      errorCode: 'NO_DOCS',
      errorMessage: 'ISEE mancante',
      variables: { missing: 'ISEE' },
    });
    const [ask] = await worker.activateJobs({
      type: 'gw-ask-documents',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 60_000,
      requestTimeout: 5_000,
    });
    expect(ask).toMatchObject({ processInstanceKey, elementId: 'ask' });
    expect(ask.variables).toMatchObject({ missing: 'ISEE' });
  });

  describe('messages', () => {
    const waiting = bpmn(
      'gw-court',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        {
          id: 'reply',
          type: 'bpmn:intermediateCatchEvent',
          body: '<bpmn:messageEventDefinition messageRef="Reply" />',
        },
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'reply' },
        { id: 'f2', from: 'reply', to: 'end' },
      ],
      '<bpmn:message id="Reply" name="gw-court-reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>',
    );
    beforeAll(() => deploy('gw-court.bpmn', waiting));

    it('a published message correlates to the waiting instance, with its variables', async () => {
      const { processInstanceKey } = await worker.createProcessInstance({
        bpmnProcessId: 'gw-court',
        variables: { caseNumber: 'SSC-I-2026-000101' },
      });
      const published = await worker.publishMessage({
        name: 'gw-court-reply',
        correlationKey: 'SSC-I-2026-000101',
        timeToLive: 60_000,
        variables: { hearing: '2026-09-01' },
      });
      expect(published.key).toMatch(/^\d+$/);
      expect(await ended(processInstanceKey)).toEqual({
        state: 'COMPLETED',
        variables: { caseNumber: 'SSC-I-2026-000101', hearing: '2026-09-01' },
      });
    });

    it('a message with a time to live waits for the instance; its id may not be published twice while it lives', async () => {
      const message = {
        name: 'gw-court-reply',
        correlationKey: 'SSC-I-2026-000102',
        timeToLive: 60_000,
        messageId: 'tribunale-2026-77',
        variables: { hearing: '2026-10-15' },
      };
      await worker.publishMessage(message);
      await expect(worker.publishMessage(message)).rejects.toMatchObject({ code: 6 });
      const { processInstanceKey } = await worker.createProcessInstance({
        bpmnProcessId: 'gw-court',
        variables: { caseNumber: 'SSC-I-2026-000102' },
      });
      expect((await ended(processInstanceKey)).variables).toMatchObject({
        hearing: '2026-10-15',
      });
    });
  });

  it('a broadcast signal reaches every waiting instance', async () => {
    await deploy(
      'gw-call.bpmn',
      bpmn(
        'gw-call',
        [
          { id: 'start', type: 'bpmn:startEvent' },
          {
            id: 'open',
            type: 'bpmn:intermediateCatchEvent',
            body: '<bpmn:signalEventDefinition signalRef="CallOpen" />',
          },
          { id: 'end', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'start', to: 'open' },
          { id: 'f2', from: 'open', to: 'end' },
        ],
        '<bpmn:signal id="CallOpen" name="gw-call-open" />',
      ),
    );
    const keys: string[] = [];
    for (let i = 0; i < 2; i++) {
      keys.push(
        (await worker.createProcessInstance({ bpmnProcessId: 'gw-call', variables: {} }))
          .processInstanceKey,
      );
    }
    await worker.broadcastSignal({ signalName: 'gw-call-open', variables: { callId: 'HF-1' } });
    for (const key of keys) {
      expect(await ended(key)).toEqual({ state: 'COMPLETED', variables: { callId: 'HF-1' } });
    }
  });

  it('sets variables on an instance; its next job sees them', async () => {
    await deploy('gw-vars.bpmn', chain('gw-vars', ['gw-vars-task']));
    const { processInstanceKey } = await worker.createProcessInstance({
      bpmnProcessId: 'gw-vars',
      variables: { a: 1 },
    });
    await admin.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { a: 2, b: 'nuovo' },
      local: false,
    });
    const [job] = await worker.activateJobs({
      type: 'gw-vars-task',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 60_000,
      requestTimeout: 5_000,
    });
    expect(job.variables).toEqual({ a: 2, b: 'nuovo' });
  });

  it('cancels an instance; its job is gone', async () => {
    await deploy('gw-cancel.bpmn', chain('gw-cancel', ['gw-cancel-task']));
    const { processInstanceKey } = await worker.createProcessInstance({
      bpmnProcessId: 'gw-cancel',
      variables: {},
    });
    await admin.cancelProcessInstance(processInstanceKey);
    expect((await instance(processInstanceKey)).state).not.toBe('ACTIVE');
    expect(await activateNow('gw-cancel-task')).toEqual([]);
  });

  it('a long poll answers as soon as a job appears, well before its request timeout', async () => {
    await deploy('gw-poll.bpmn', chain('gw-poll', ['gw-poll-task']));
    let createdAt = 0;
    const polled = worker
      .activateJobs({
        type: 'gw-poll-task',
        worker: 'poller',
        maxJobsToActivate: 1,
        timeout: 60_000,
        requestTimeout: 10_000,
      })
      .then((jobs) => ({ jobs, latencyMs: Date.now() - createdAt }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    createdAt = Date.now();
    const { processInstanceKey } = await worker.createProcessInstance({
      bpmnProcessId: 'gw-poll',
      variables: {},
    });
    const { jobs, latencyMs } = await polled;
    expect(jobs).toEqual([expect.objectContaining({ processInstanceKey })]);
    expect(latencyMs).toBeLessThan(2_000);
  });

  it('moves an activated job deadline: shortened, the job is handed out again', async () => {
    await deploy('gw-timeout.bpmn', chain('gw-timeout', ['gw-timeout-task']));
    await worker.createProcessInstance({ bpmnProcessId: 'gw-timeout', variables: {} });
    const [job] = await activateNow('gw-timeout-task', 600_000);
    await worker.updateJobTimeout({ jobKey: job.key, timeout: 100 });
    const [again] = await worker.activateJobs({
      type: 'gw-timeout-task',
      worker: 'second',
      maxJobsToActivate: 1,
      timeout: 60_000,
      requestTimeout: 8_000,
    });
    expect(again).toMatchObject({ key: job.key, worker: 'second' });
    await expect(
      worker.updateJobTimeout({ jobKey: '123456', timeout: 1_000 }),
    ).rejects.toMatchObject({ code: 5 });
  });
});
