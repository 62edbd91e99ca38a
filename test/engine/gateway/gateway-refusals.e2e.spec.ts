import { status } from '@grpc/grpc-js';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../../src/auth/password-hasher';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../../support/test-app';
import { chain } from '../models';
import { freePort } from '../../support/free-port';
import { RawGateway } from './gateway-clients';

/**
 * What the gateway refuses, and with which status, seen with a bare gRPC client: who may call,
 * bad input, unknown keys, what the engine does not offer.
 */
describe('Zeebe gateway: refusals and status codes', () => {
  let server: TestApp;
  let db: DataSource;
  let gateway: RawGateway;
  let admin: string;
  let worker: string;

  beforeAll(async () => {
    const port = await freePort();
    server = await startTestApp({ ZEEBE_GATEWAY_PORT: String(port) });
    db = server.app.get(DataSource);
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    worker = await server.workerLogin();
    gateway = new RawGateway(port);
  });
  afterAll(async () => {
    gateway.close();
    await server.drop();
  });

  const deployRequest = (name: string, xml: string) => ({
    resources: [{ name, content: Buffer.from(xml) }],
  });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to be refused');
      },
      (error: { code: number; details: string }) => ({ code: error.code, details: error.details }),
    );

  describe('who may call', () => {
    it('refuses a call without a token, or with one that is not ours, as UNAUTHENTICATED', async () => {
      expect((await refusal(gateway.call('Topology', {}))).code).toBe(status.UNAUTHENTICATED);
      expect((await refusal(gateway.call('Topology', {}, 'not-a-jwt'))).code).toBe(
        status.UNAUTHENTICATED,
      );
      expect((await refusal(gateway.stream('ActivateJobs', { type: 'x', worker: 'w' }))).code).toBe(
        status.UNAUTHENTICATED,
      );
    });

    it('lets only an administrator deploy: a worker gets PERMISSION_DENIED', async () => {
      const request = deployRequest('gw-denied.bpmn', chain('gw-denied', ['gw-denied-task']));
      expect(await refusal(gateway.call('DeployResource', request, worker))).toEqual({
        code: status.PERMISSION_DENIED,
        details: 'the account may not call DeployResource',
      });
      const deployed = await gateway.call('DeployResource', request, admin);
      expect(deployed.deployments[0].process.bpmnProcessId).toBe('gw-denied');
    });

    it('stops taking a token within seconds of its session ending (the gateway checks the session every 5 s)', async () => {
      const token = await server.login('admin', TEST_ADMIN_PASSWORD);
      expect((await gateway.call('Topology', {}, token)).brokers).toHaveLength(1);
      const loggedOut = await server.request('POST', '/api/auth/logout', { token });
      expect(loggedOut.status).toBe(204);
      const started = Date.now();
      let code: number | undefined;
      while (code === undefined && Date.now() - started < 8_000) {
        code = await gateway.call('Topology', {}, token).then(
          () => undefined,
          (error: { code: number }) => error.code,
        );
        if (code === undefined) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(code).toBe(status.UNAUTHENTICATED);
      expect(Date.now() - started).toBeLessThan(6_000);
    });

    it('ends a job stream whose session ended, with UNAUTHENTICATED, instead of handing it jobs', async () => {
      const token = await server.login('admin', TEST_ADMIN_PASSWORD);
      const started = Date.now();
      const stream = refusal(
        gateway.stream(
          'StreamActivatedJobs',
          { type: 'gw-after-logout', worker: 'w', timeout: 60_000 },
          token,
        ),
      );
      // The stream is open (it answers nothing until a job comes); then the session ends.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await server.request('POST', '/api/auth/logout', { token })).status).toBe(204);
      expect((await stream).code).toBe(status.UNAUTHENTICATED);
      // Within the session check's 5 s and the stream's 5 s recheck.
      expect(Date.now() - started).toBeLessThan(12_000);
    }, 20_000);

    it('refuses accounts that are neither worker nor administrator', async () => {
      await db.query(
        `INSERT INTO account (username, display_name, role, password_hash) VALUES ('gw.manager', 'Dirigente', 'manager', $1)`,
        [await hashPassword('gw-manager-password-1')],
      );
      const manager = await server.login('gw.manager', 'gw-manager-password-1');
      expect((await refusal(gateway.call('Topology', {}, manager))).code).toBe(
        status.PERMISSION_DENIED,
      );
    });
  });

  describe('bad input', () => {
    it('refuses a model that may not be deployed with INVALID_ARGUMENT and its problems', async () => {
      const broken = chain('gw-broken', ['gw-broken-task']).replace(
        '</bpmn:process>',
        '</bpmn:proces>',
      );
      const refused = await refusal(
        gateway.call('DeployResource', deployRequest('gw-broken.bpmn', broken), admin),
      );
      expect(refused.code).toBe(status.INVALID_ARGUMENT);
      const line = broken.split('\n').findIndex((l) => l.includes('</bpmn:proces>')) + 1;
      expect(refused.details).toMatch(/gw-broken\.bpmn/);
      expect(refused.details).toMatch(
        new RegExp(`^XML_MALFORMED: .+ \\(line ${line}, column \\d+\\)$`, 'm'),
      );

      const notXml = await refusal(
        gateway.call('DeployResource', deployRequest('gw-text.bpmn', 'not a model'), admin),
      );
      expect(notXml.code).toBe(status.INVALID_ARGUMENT);
    });

    it('deploys BPMN only, and nothing from an empty request', async () => {
      // A path, as the SDK sends for `processFilename`, deploys under its file name.
      const fromPath = await gateway.call(
        'DeployResource',
        deployRequest('/home/me/models/gw-path.bpmn', chain('gw-path', ['gw-path-task'])),
        admin,
      );
      expect(fromPath.deployments[0].process.resourceName).toBe('gw-path.bpmn');
      const form = await refusal(
        gateway.call('DeployResource', deployRequest('intake.form', '{"components":[]}'), admin),
      );
      expect(form).toEqual({
        code: status.INVALID_ARGUMENT,
        details: "resource 'intake.form': only BPMN models (.bpmn) can be deployed here",
      });
      expect((await refusal(gateway.call('DeployResource', { resources: [] }, admin))).code).toBe(
        status.INVALID_ARGUMENT,
      );
    });

    it('refuses a variables document that is not a JSON object', async () => {
      await gateway.call(
        'DeployResource',
        deployRequest('gw-input.bpmn', chain('gw-input', ['gw-input-task'])),
        admin,
      );
      for (const variables of ['[1, 2]', '42', '"text"', 'null', '{"open": ']) {
        const refused = await refusal(
          gateway.call('CreateProcessInstance', { bpmnProcessId: 'gw-input', variables }, worker),
        );
        expect({ variables, code: refused.code }).toEqual({
          variables,
          code: status.INVALID_ARGUMENT,
        });
      }
      const deep = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
      expect(
        (
          await refusal(
            gateway.call(
              'CreateProcessInstance',
              { bpmnProcessId: 'gw-input', variables: deep },
              worker,
            ),
          )
        ).code,
      ).toBe(status.INVALID_ARGUMENT);
      expect(
        (await refusal(gateway.call('CompleteJob', { jobKey: '1', variables: '[]' }, worker))).code,
      ).toBe(status.INVALID_ARGUMENT);
    });

    it('knows only the default tenant', async () => {
      const created = await gateway.call(
        'CreateProcessInstance',
        { bpmnProcessId: 'gw-input', tenantId: '<default>' },
        worker,
      );
      expect(created.tenantId).toBe('<default>');
      expect(
        (
          await refusal(
            gateway.call(
              'CreateProcessInstance',
              { bpmnProcessId: 'gw-input', tenantId: 'comune-b' },
              worker,
            ),
          )
        ).code,
      ).toBe(status.INVALID_ARGUMENT);
      expect(
        (
          await refusal(
            gateway.stream(
              'ActivateJobs',
              {
                type: 'gw-input-task',
                worker: 'w',
                timeout: 1000,
                maxJobsToActivate: 1,
                tenantIds: ['comune-b'],
              },
              worker,
            ),
          )
        ).code,
      ).toBe(status.INVALID_ARGUMENT);
    });

    it('refuses job requests Zeebe refuses: blank type or worker, no timeout, no jobs wanted', async () => {
      const valid = { type: 't', worker: 'w', timeout: 1000, maxJobsToActivate: 1 };
      for (const change of [
        { type: ' ' },
        { worker: '' },
        { timeout: 0 },
        { maxJobsToActivate: 0 },
      ]) {
        const refused = await refusal(
          gateway.stream('ActivateJobs', { ...valid, ...change }, worker),
        );
        expect({ change, code: refused.code }).toEqual({ change, code: status.INVALID_ARGUMENT });
      }
      expect(
        (await refusal(gateway.call('UpdateJobRetries', { jobKey: '1', retries: 0 }, admin))).code,
      ).toBe(status.INVALID_ARGUMENT);
    });
  });

  describe('unknown keys', () => {
    it('answers NOT_FOUND for a job, an instance, an incident or a process that does not exist', async () => {
      const calls: Array<[string, object]> = [
        ['CompleteJob', { jobKey: '2251799813685249' }],
        ['FailJob', { jobKey: '2251799813685249', retries: 1 }],
        ['ThrowError', { jobKey: '2251799813685249', errorCode: 'E' }],
        ['UpdateJobRetries', { jobKey: '2251799813685249', retries: 3 }],
        ['UpdateJobTimeout', { jobKey: '2251799813685249', timeout: 1000 }],
        ['CancelProcessInstance', { processInstanceKey: '2251799813685249' }],
        ['SetVariables', { elementInstanceKey: '2251799813685249', variables: '{}' }],
        ['ResolveIncident', { incidentKey: '2251799813685249' }],
        ['CreateProcessInstance', { bpmnProcessId: 'gw-never-deployed' }],
        ['CreateProcessInstance', { processDefinitionKey: '2251799813685249' }],
      ];
      for (const [method, request] of calls) {
        const refused = await refusal(gateway.call(method, request, admin));
        expect({ method, code: refused.code }).toEqual({ method, code: status.NOT_FOUND });
      }
    });

    it('starts an instance by its definition key as well', async () => {
      const deployed = await gateway.call(
        'DeployResource',
        deployRequest('gw-by-key.bpmn', chain('gw-by-key', ['gw-by-key-task'])),
        admin,
      );
      const { processDefinitionKey } = deployed.deployments[0].process;
      const created = await gateway.call('CreateProcessInstance', { processDefinitionKey }, worker);
      expect(created).toMatchObject({
        processDefinitionKey,
        bpmnProcessId: 'gw-by-key',
        version: 1,
      });
    });
  });

  it('answers UNIMPLEMENTED for what the engine does not offer', async () => {
    for (const method of [
      'EvaluateDecision',
      'DeployProcess',
      'ModifyProcessInstance',
      'DeleteResource',
    ]) {
      const refused = await refusal(gateway.call(method, {}, admin));
      expect({ method, code: refused.code }).toEqual({ method, code: status.UNIMPLEMENTED });
    }
  });

  it('a long poll without jobs ends empty after its request timeout; negative means at once', async () => {
    const request = { type: 'gw-idle', worker: 'w', timeout: 1000, maxJobsToActivate: 1 };
    let started = Date.now();
    expect(
      await gateway.stream('ActivateJobs', { ...request, requestTimeout: 400 }, worker),
    ).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    started = Date.now();
    expect(
      await gateway.stream('ActivateJobs', { ...request, requestTimeout: -1 }, worker),
    ).toEqual([]);
    expect(Date.now() - started).toBeLessThan(300);
  });
});
