import { DataSource } from 'typeorm';
import { Account } from '../../src/auth/entities/account.entity';
import { hashPassword } from '../../src/auth/password-hasher';
import { Role } from '../../src/auth/role';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp, TestResponse } from '../support/test-app';
import { bpmn, chain, serviceTask } from './models';

/** The engine's HTTP API over real HTTP, on the real database, as an administrator and as others. */
describe('engine HTTP API', () => {
  let server: TestApp;
  let db: DataSource;
  let admin: string;
  let worker: string;
  let caseworker: string;
  let frontOffice: string;

  beforeAll(async () => {
    server = await startTestApp();
    db = server.app.get(DataSource);
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    worker = await server.workerLogin();
    const accounts = db.getRepository(Account);
    for (const [username, role] of [
      ['assistente.http', Role.Caseworker],
      ['sportello.http', Role.FrontOffice],
    ] as const) {
      await accounts.insert({
        username,
        displayName: username,
        role,
        unitCode: 'III',
        passwordHash: await hashPassword(`${username}-password`),
        passwordChangedAt: new Date(),
      });
    }
    caseworker = await server.login('assistente.http', 'assistente.http-password');
    frontOffice = await server.login('sportello.http', 'sportello.http-password');
  });
  afterAll(() => server.drop());

  const call = (method: string, path: string, body?: unknown, token = admin) =>
    server.request(method, `/api${path}`, { token, body });
  /** Job commands are an external program's (role worker). */
  const work = (method: string, path: string, body?: unknown) => call(method, path, body, worker);
  const deploy = (name: string, xml: string) => call('POST', '/models', { name, xml });
  const definitionCount = async (): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM process_definition`))[0].n;
  const expectError = (response: TestResponse, status: number, message?: string | RegExp) => {
    expect({ status: response.status, body: response.body }).toMatchObject({
      status,
      body: {
        statusCode: status,
        error: expect.any(String),
        message:
          message instanceof RegExp
            ? expect.stringMatching(message)
            : (message ?? expect.any(String)),
        requestId: expect.any(String),
      },
    });
  };
  const activate = async (type: string, extra: Record<string, unknown> = {}) => {
    const response = await work('POST', '/jobs/activate', {
      type,
      maxJobs: 5,
      timeoutMs: 60_000,
      worker: 'http-test',
      ...extra,
    });
    expect(response.status).toBe(200);
    return response.body.jobs as Array<Record<string, any>>;
  };
  const start = async (bpmnProcessId: string, extra: Record<string, unknown> = {}) => {
    const response = await call('POST', '/process-instances', { bpmnProcessId, ...extra });
    expect(response.status).toBe(201);
    return response.body.processInstanceKey as string;
  };
  const lastLogId = async () =>
    Number((await db.query(`SELECT coalesce(max(id), 0) AS id FROM access_log`))[0].id);
  /** The instance's first open incident, once the engine has raised it. */
  const eventuallyIncident = async (key: string) => {
    for (let i = 0; i < 100; i++) {
      const response = await call('GET', `/incidents?processInstanceKey=${key}&state=ACTIVE`);
      if (response.body.items?.length) return response.body.items[0];
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no incident on ${key}`);
  };
  /** Messages correlate after the publish commits: wait for the instance to get there. */
  const eventually = async (key: string, state: string) => {
    for (let i = 0; i < 100; i++) {
      const response = await call('GET', `/process-instances/${key}`);
      if (response.body.state === state) return response.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`instance ${key} did not reach ${state}`);
  };

  describe('authorisation', () => {
    it('refuses callers without a token (401) and non-administrators (403) on every endpoint, changing nothing', async () => {
      await deploy('guarded.bpmn', chain('guarded', ['guarded-work']));
      const instanceKey = await start('guarded');
      const [job] = await activate('guarded-work');
      const definitions = (await call('GET', '/models?bpmnProcessId=guarded')).body.items;
      const definitionKey = definitions[0].key as string;
      const endpoints: Array<[string, string, unknown?]> = [
        ['POST', '/models', { name: 'x.bpmn', xml: chain('guarded', ['other']) }],
        ['POST', '/models/validate', { xml: chain('guarded', ['other']) }],
        ['GET', '/models'],
        ['GET', `/models/${definitionKey}/xml`],
        ['POST', '/process-instances', { bpmnProcessId: 'guarded' }],
        ['GET', '/process-instances'],
        ['GET', `/process-instances/${instanceKey}`],
        ['GET', `/process-instances/${instanceKey}/history`],
        ['POST', `/process-instances/${instanceKey}/cancel`],
        ['POST', '/messages', { name: 'm', correlationKey: 'k' }],
        ['POST', '/jobs/activate', { type: 'guarded-work', maxJobs: 1, timeoutMs: 1, worker: 'w' }],
        ['POST', `/jobs/${job.key}/complete`, {}],
        ['POST', `/jobs/${job.key}/fail`, { retries: 0 }],
        ['POST', `/jobs/${job.key}/error`, { errorCode: 'E' }],
        ['PATCH', `/jobs/${job.key}`, { retries: 5 }],
        ['GET', '/incidents'],
        ['POST', '/incidents/1/resolve'],
      ];
      const count = await definitionCount();
      for (const [method, path, body] of endpoints) {
        const anonymous = await server.request(method, `/api${path}`, { body });
        expect({ method, path, status: anonymous.status }).toEqual({ method, path, status: 401 });
        for (const token of [caseworker, frontOffice]) {
          const response = await call(method, path, body, token);
          expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
          expect(response.body.message).toBe(
            /^\/jobs\/.*(activate|complete|fail|error)$/.test(path)
              ? 'Operazione riservata a: Programma esterno (worker).'
              : 'Operazione riservata agli amministratori.',
          );
        }
      }
      expect(await definitionCount()).toBe(count);
      const instance = await call('GET', `/process-instances/${instanceKey}`);
      expect(instance.body).toMatchObject({ state: 'ACTIVE', activeElementIds: ['task1'] });
      expect(await work('POST', `/jobs/${job.key}/complete`)).toMatchObject({ status: 204 });
    });

    it('documents the endpoints in Swagger under the engine tag, with bearer auth', async () => {
      const response = await fetch(`${server.baseUrl}/api/docs-json`);
      const document = (await response.json()) as any;
      for (const path of [
        '/api/models',
        '/api/models/{key}/xml',
        '/api/process-instances',
        '/api/process-instances/{key}',
        '/api/process-instances/{key}/history',
        '/api/process-instances/{key}/cancel',
        '/api/messages',
        '/api/jobs/activate',
        '/api/jobs/{key}',
        '/api/jobs/{key}/complete',
        '/api/jobs/{key}/fail',
        '/api/jobs/{key}/error',
        '/api/incidents',
        '/api/incidents/{key}/resolve',
      ]) {
        for (const operation of Object.values(document.paths[path]) as any[]) {
          expect({ path, tags: operation.tags, security: operation.security }).toEqual({
            path,
            tags: ['engine'],
            security: [{ bearer: [] }],
          });
        }
      }
    });
  });

  describe('models', () => {
    it('deploys a model (201), gives the same version for identical content, a new one for changed content', async () => {
      const first = await deploy('intake.bpmn', chain('intake', ['check']));
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        processes: [
          {
            bpmnProcessId: 'intake',
            version: 1,
            processDefinitionKey: expect.stringMatching(/^\d+$/),
          },
        ],
        warnings: [],
      });
      const count = await definitionCount();
      const again = await deploy('intake.bpmn', chain('intake', ['check']));
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(await definitionCount()).toBe(count);

      const changed = await deploy('intake.bpmn', chain('intake', ['check', 'register']));
      expect(changed.body.processes[0]).toMatchObject({ bpmnProcessId: 'intake', version: 2 });
      const [{ deployed_by }] = await db.query(
        `SELECT deployed_by FROM process_definition WHERE key = $1`,
        [changed.body.processes[0].processDefinitionKey],
      );
      expect(deployed_by).toBe('admin');
    });

    it('lists deployed definitions, latest version first within each process, paginated and filtered', async () => {
      const list = await call('GET', '/models?bpmnProcessId=intake');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
      expect(list.body.items.map((d: any) => d.version)).toEqual([2, 1]);
      expect(list.body.items[0]).toEqual({
        bpmnProcessId: 'intake',
        version: 2,
        key: expect.stringMatching(/^\d+$/),
        name: 'intake',
        resourceName: 'intake.bpmn',
        checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
        deployedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        deployedBy: 'Amministratore',
      });
      const all = await call('GET', '/models?limit=100');
      const order = all.body.items.map((d: any) => `${d.bpmnProcessId}@${d.version}`);
      expect(order.indexOf('intake@2')).toBe(order.indexOf('intake@1') - 1);
      const page = await call('GET', '/models?bpmnProcessId=intake&limit=1&offset=1');
      expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ version: 1 }] });
      expectError(await call('GET', '/models?limit=101'), 400, 'I dati inviati non sono validi.');
      expectError(await call('GET', '/models?limit=zero'), 400);
      expectError(await call('GET', '/models?sort=name'), 400);
    });

    it('returns the deployed XML as a download for the viewer; 404 for an unknown key, 400 for a malformed one', async () => {
      const xml = chain('viewer', ['look']);
      const deployed = await deploy('viewer.bpmn', xml);
      const key = deployed.body.processes[0].processDefinitionKey;
      const response = await fetch(`${server.baseUrl}/api/models/${key}/xml`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        "attachment; filename*=UTF-8''viewer.bpmn",
      );
      expect(response.headers.get('content-security-policy')).toContain('sandbox');
      expect(await response.text()).toBe(xml);

      expectError(
        await call('GET', '/models/123456789/xml'),
        404,
        'Definizione di processo non trovata.',
      );
      for (const bad of ['abc', '-1', '1e5', '12345678901234567890', '9223372036854775808']) {
        expectError(
          await call('GET', `/models/${bad}/xml`),
          400,
          'Chiave non valida: deve essere un numero intero di al massimo 19 cifre.',
        );
      }
      expect((await call('GET', '/models/9223372036854775807/xml')).status).toBe(404);
    });

    it('validates the request: missing xml, unknown fields, a name with folders or another extension', async () => {
      const count = await definitionCount();
      const xml = chain('named', ['a']);
      for (const body of [
        { name: 'x.bpmn' },
        { name: 'x.bpmn', xml, extra: 1 },
        { name: '../../etc/x.bpmn', xml },
        { name: 'x.exe', xml },
        { name: 'line\nbreak.bpmn', xml },
        { name: '', xml },
        { name: 'x.bpmn', xml: 42 },
      ]) {
        const response = await call('POST', '/models', body);
        expectError(response, 400, 'I dati inviati non sono validi.');
        expect(response.body.details).toEqual(expect.any(Array));
      }
      expect(await definitionCount()).toBe(count);
    });
  });

  describe('validation without deployment (the model editor\'s "Verifica")', () => {
    it('answers 200 with the problems, line and column, for a broken model; valid for a good one; stores nothing', async () => {
      const count = await definitionCount();
      const good = await call('POST', '/models/validate', { xml: chain('checked', ['a']) });
      expect(good).toMatchObject({ status: 200, body: { valid: true, problems: [] } });
      expect(Array.isArray(good.body.warnings)).toBe(true);

      const xml = chain('checked', ['a']).replace('</bpmn:process>', '</bpmn:proces>');
      const broken = await call('POST', '/models/validate', { xml });
      expect(broken.status).toBe(200);
      expect(broken.body.valid).toBe(false);
      const line = xml.split('\n').findIndex((l) => l.includes('</bpmn:proces>')) + 1;
      expect(broken.body.problems).toEqual([
        expect.objectContaining({ code: 'XML_MALFORMED', message: expect.any(String), line }),
      ]);
      // The same problems a deployment of the same file is refused with.
      const refused = await deploy('checked.bpmn', xml);
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual(broken.body.problems);

      const dangling = chain('dangling', ['a']).replace(/targetRef="[^"]+"/, 'targetRef="nowhere"');
      const problems = (await call('POST', '/models/validate', { xml: dangling })).body.problems;
      expect(problems.length).toBeGreaterThan(0);
      expect(await definitionCount()).toBe(count);

      expectError(await call('POST', '/models/validate', {}), 400);
    });

    it('an event sub-process is valid and deploys; one Zeebe refuses (a non-interrupting error start) is refused by both, naming the element', async () => {
      const withEventSubProcess = (id: string, start: string) =>
        bpmn(
          id,
          [
            { id: 'start', type: 'bpmn:startEvent' },
            { id: 'end', type: 'bpmn:endEvent' },
            {
              id: 'onError',
              type: 'bpmn:subProcess',
              attrs: 'triggeredByEvent="true"',
              body: `${start}<bpmn:endEvent id="handled"><bpmn:incoming>h1</bpmn:incoming></bpmn:endEvent><bpmn:sequenceFlow id="h1" sourceRef="errorStart" targetRef="handled" />`,
            },
          ],
          [{ id: 'f1', from: 'start', to: 'end' }],
          '<bpmn:error id="E" errorCode="DOC_MISSING" />',
          { shapes: ['errorStart', 'handled'], edges: ['h1'] },
        );
      const good = withEventSubProcess(
        'with-event-sub',
        '<bpmn:startEvent id="errorStart"><bpmn:outgoing>h1</bpmn:outgoing><bpmn:errorEventDefinition errorRef="E" /></bpmn:startEvent>',
      );
      expect((await call('POST', '/models/validate', { xml: good })).body).toMatchObject({
        valid: true,
        problems: [],
      });
      expect((await deploy('with-event-sub.bpmn', good)).status).toBe(201);

      const bad = withEventSubProcess(
        'with-bad-event-sub',
        '<bpmn:startEvent id="errorStart" isInterrupting="false"><bpmn:outgoing>h1</bpmn:outgoing><bpmn:errorEventDefinition errorRef="E" /></bpmn:startEvent>',
      );
      const checked = (await call('POST', '/models/validate', { xml: bad })).body;
      expect(checked.valid).toBe(false);
      expect(checked.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            message: expect.stringContaining('always interrupting'),
            elementId: 'errorStart',
          }),
        ]),
      );
      expect((await deploy('with-bad-event-sub.bpmn', bad)).status).toBe(400);
    });

    it('says invalid what the engine refuses at deployment, naming the element (they agreed only on lint before)', async () => {
      const everySecond = bpmn(
        'checked-cycle',
        [
          {
            id: 'tick',
            type: 'bpmn:startEvent',
            body: '<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition>',
          },
          { id: 'end', type: 'bpmn:endEvent' },
        ],
        [{ id: 'f1', from: 'tick', to: 'end' }],
      );
      const checked = await call('POST', '/models/validate', { xml: everySecond });
      const message =
        "element 'tick': the timer cycle 'R/PT1S' repeats more often than every 60 s, the least interval allowed (ENGINE_MIN_TIMER_CYCLE_SECONDS)";
      expect(checked.body).toMatchObject({
        valid: false,
        problems: [
          {
            code: 'NOT_EXECUTABLE',
            message,
            elementId: 'tick',
            line: expect.any(Number),
          },
        ],
      });
      const refused = await deploy('checked-cycle.bpmn', everySecond);
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual([
        expect.objectContaining({ code: 'NOT_EXECUTABLE', message }),
      ]);
    });
  });

  describe('hostile models: refused with 400 and nothing stored', () => {
    let count: number;
    beforeEach(async () => (count = await definitionCount()));
    afterEach(async () => expect(await definitionCount()).toBe(count));

    const refused = async (xml: string, code: string) => {
      const response = await deploy('hostile.bpmn', xml);
      expectError(response, 400, 'Il modello hostile.bpmn non può essere pubblicato.');
      expect(response.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ code, message: expect.any(String) })]),
      );
      for (const problem of response.body.details) {
        expect(Object.keys(problem)).toEqual(
          expect.not.arrayContaining(['detail', 'stack', 'xml']),
        );
      }
      return response.body.details as Array<Record<string, unknown>>;
    };

    it('a script task with JavaScript code', async () => {
      const xml = bpmn(
        'scripted',
        [
          { id: 'start', type: 'bpmn:startEvent' },
          {
            id: 'calc',
            type: 'bpmn:scriptTask',
            attrs: 'scriptFormat="javascript"',
            body: `<bpmn:script>require('child_process').execSync('id')</bpmn:script>`,
          },
          { id: 'end', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'start', to: 'calc' },
          { id: 'f2', from: 'calc', to: 'end' },
        ],
      );
      const [problem] = await refused(xml, 'SCRIPT_NOT_ALLOWED');
      expect(problem).toMatchObject({ elementId: 'calc', line: expect.any(Number) });
    });

    it('a ${…} expression', async () => {
      const xml = bpmn(
        'juel',
        [
          { id: 'start', type: 'bpmn:startEvent' },
          { id: 'gate', type: 'bpmn:exclusiveGateway' },
          { id: 'high', type: 'bpmn:endEvent' },
          { id: 'low', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'start', to: 'gate' },
          { id: 'f2', from: 'gate', to: 'high', condition: '${environment.services.pay(amount)}' },
          { id: 'f3', from: 'gate', to: 'low', isDefault: true },
        ],
      );
      await refused(xml, 'JS_EXPRESSION_NOT_ALLOWED');
    });

    it('an XML entity expansion (billion laughs), refused before any parsing', async () => {
      const entities = Array.from(
        { length: 9 },
        (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
      ).join('\n');
      const xml = chain('laughs', ['a'])
        .replace(
          '<?xml version="1.0" encoding="UTF-8"?>',
          `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bpmn:definitions [\n<!ENTITY lol "lol">\n${entities}\n]>`,
        )
        .replace('name="laughs"', 'name="&lol9;"');
      const [problem] = await refused(xml, 'DOCTYPE_NOT_ALLOWED');
      expect(problem).toMatchObject({ line: 2, column: expect.any(Number) });
    });

    it('malformed XML, with line and column', async () => {
      const xml = chain('broken', ['a']).replace('</bpmn:process>', '</bpmn:proces>');
      const [problem] = await refused(xml, 'XML_MALFORMED');
      const line = xml.split('\n').findIndex((l) => l.includes('</bpmn:proces>')) + 1;
      expect(problem).toMatchObject({ line, column: expect.any(Number) });
      expect(problem.column).toBeGreaterThan(0);
    });

    /** A model that passes validation, padded to about `bytes` with documentation. */
    const padded = (processId: string, bytes: number) => {
      const xml = chain(processId, ['a']);
      const text = 'Documentazione del percorso di presa in carico. '.repeat(Math.ceil(bytes / 48));
      return xml.replace(
        `<bpmn:process id="${processId}" name="${processId}" isExecutable="true">`,
        `<bpmn:process id="${processId}" name="${processId}" isExecutable="true"><bpmn:documentation>${text.slice(0, bytes - xml.length)}</bpmn:documentation>`,
      );
    };

    it('a 10 MB file gets 413 from the upload limit (3 MB), before it is read; other routes keep 1 MB', async () => {
      const huge = await deploy('huge.bpmn', padded('huge', 10 * 1024 * 1024));
      expectError(huge, 413, 'Richiesta troppo grande.');
      const overOneMb = await call('POST', '/process-instances', {
        bpmnProcessId: 'intake',
        variables: { note: 'x'.repeat(1_500_000) },
      });
      expectError(overOneMb, 413, 'Richiesta troppo grande.');
    });

    it('a 2.5 MB file passes the upload limit and is refused by validation (TOO_LARGE, limit 2 MB)', async () => {
      await refused(padded('big', 2.5 * 1024 * 1024), 'TOO_LARGE');
    });
  });

  it('a 1.5 MB model passes the upload limit and validation, and deploys', async () => {
    const xml = chain('sizeable', ['a']);
    const text = 'Documentazione del percorso di presa in carico. '.repeat(32_768);
    const big = xml.replace(
      '<bpmn:process id="sizeable" name="sizeable" isExecutable="true">',
      `<bpmn:process id="sizeable" name="sizeable" isExecutable="true"><bpmn:documentation>${text}</bpmn:documentation>`,
    );
    expect(Buffer.byteLength(big)).toBeGreaterThan(1.5 * 1024 * 1024);
    const response = await deploy('sizeable.bpmn', big);
    expect(response.status).toBe(201);
    expect(response.body.processes[0]).toMatchObject({ bpmnProcessId: 'sizeable', version: 1 });
  });

  describe('a full run over HTTP', () => {
    it('deploy → create → activate → complete → COMPLETED, with completed elements, taken flows and history', async () => {
      await deploy('http-run.bpmn', chain('http-run', ['http-a', 'http-b']));
      const key = await start('http-run', {
        variables: { caseNumber: 'SSC-III-2026-000321', amount: 10 },
        businessKey: 'SSC-III-2026-000321',
      });
      expect(key).toMatch(/^\d+$/);

      const running = await call('GET', `/process-instances/${key}`);
      expect(running.status).toBe(200);
      expect(running.body).toEqual({
        processInstanceKey: key,
        bpmnProcessId: 'http-run',
        version: 1,
        businessKey: 'SSC-III-2026-000321',
        state: 'ACTIVE',
        variables: { caseNumber: 'SSC-III-2026-000321', amount: 10 },
        // No case has that number in this database: the variables are not a case's.
        variablesWithheld: false,
        activeElementIds: ['task1'],
        repeatedActiveElements: {},
        completedElementIds: ['start'],
        takenSequenceFlowIds: ['f1'],
        incidents: [],
        startedAt: expect.any(String),
        endedAt: null,
      });

      const [jobA] = await activate('http-a');
      expect(jobA).toEqual({
        key: expect.stringMatching(/^\d+$/),
        type: 'http-a',
        processInstanceKey: key,
        elementId: 'task1',
        variables: { caseNumber: 'SSC-III-2026-000321', amount: 10 },
        customHeaders: {},
        retries: 3,
        deadline: expect.any(Number),
      });
      expect(jobA.deadline).toBeGreaterThan(Date.now());
      expect(await activate('http-a')).toEqual([]);
      expect(
        await work('POST', `/jobs/${jobA.key}/complete`, {
          variables: { amount: 20, checked: true },
        }),
      ).toMatchObject({ status: 204 });
      expectError(
        await work('POST', `/jobs/${jobA.key}/complete`, {}),
        404,
        'Job non trovato, oppure già concluso.',
      );

      const [jobB] = await activate('http-b', { fetchVariables: ['amount'] });
      expect(jobB.variables).toEqual({ amount: 20 });
      expect(await work('POST', `/jobs/${jobB.key}/complete`)).toMatchObject({ status: 204 });

      const done = await call('GET', `/process-instances/${key}`);
      expect(done.body).toMatchObject({
        state: 'COMPLETED',
        variables: { caseNumber: 'SSC-III-2026-000321', amount: 20, checked: true },
        activeElementIds: [],
        completedElementIds: ['start', 'task1', 'task2', 'end'],
        takenSequenceFlowIds: ['f1', 'f2', 'f3'],
        incidents: [],
        endedAt: expect.any(String),
      });

      const history = await call('GET', `/process-instances/${key}/history`);
      expect(history.status).toBe(200);
      expect(history.body.total).toBe(13);
      expect(history.body.items.map((e: any) => `${e.intent}:${e.elementId}`)).toEqual([
        'ELEMENT_ACTIVATED:http-run',
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
        'ELEMENT_COMPLETED:http-run',
      ]);
      expect(history.body.items[4]).toEqual({
        id: expect.stringMatching(/^\d+$/),
        elementId: 'task1',
        elementType: 'SERVICE_TASK',
        eventType: expect.any(String),
        intent: 'ELEMENT_ACTIVATED',
        elementInstanceKey: expect.stringMatching(/^\d+$/),
        flowScopeKey: key,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      const tail = await call('GET', `/process-instances/${key}/history?limit=2&offset=11`);
      expect(tail.body.items.map((e: any) => e.intent)).toEqual([
        'ELEMENT_COMPLETED',
        'ELEMENT_COMPLETED',
      ]);

      // Ordered by event, as numbers: across 99 → 100 and across pages (issue 11).
      const many = bpmn(
        'http-many',
        [
          { id: 'start', type: 'bpmn:startEvent' },
          {
            id: 'each',
            type: 'bpmn:subProcess',
            body:
              '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>' +
              '<bpmn:startEvent id="itemStart"><bpmn:outgoing>i1</bpmn:outgoing></bpmn:startEvent><bpmn:sequenceFlow id="i1" sourceRef="itemStart" targetRef="itemEnd" /><bpmn:endEvent id="itemEnd"><bpmn:incoming>i1</bpmn:incoming></bpmn:endEvent>',
          },
          { id: 'end', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'start', to: 'each' },
          { id: 'f2', from: 'each', to: 'end' },
        ],
        '',
        { shapes: ['itemStart', 'itemEnd'], edges: ['i1'] },
      );
      expect((await deploy('many.bpmn', many)).status).toBe(201);
      const manyKey = await start('http-many', { variables: { items: [...Array(30).keys()] } });
      await eventually(manyKey, 'COMPLETED');
      const ids: number[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await call(
          'GET',
          `/process-instances/${manyKey}/history?limit=100&offset=${offset}`,
        );
        ids.push(...page.body.items.map((e: { id: string }) => Number(e.id)));
        if (ids.length >= page.body.total) break;
      }
      expect(ids.length).toBeGreaterThan(200);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));

      const byCase = await call(
        'GET',
        '/process-instances?businessKey=SSC-III-2026-000321&state=COMPLETED',
      );
      expect(byCase.body).toMatchObject({
        total: 1,
        items: [
          {
            processInstanceKey: key,
            bpmnProcessId: 'http-run',
            version: 1,
            businessKey: 'SSC-III-2026-000321',
            state: 'COMPLETED',
          },
        ],
      });
      expect(
        (await call('GET', '/process-instances?bpmnProcessId=http-run&state=ACTIVE')).body.total,
      ).toBe(0);
    });

    it('a condition on a number sent as text → incident → PUT variables → resolve → the instance continues, in the access log', async () => {
      const model = bpmn(
        'http-routing',
        [
          { id: 'start', type: 'bpmn:startEvent' },
          { id: 'risk', type: 'bpmn:exclusiveGateway' },
          serviceTask('urgent', 'http-urgent'),
          serviceTask('ordinary', 'http-ordinary'),
          { id: 'end', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'start', to: 'risk' },
          { id: 'high', from: 'risk', to: 'urgent', condition: '=score > 7' },
          { id: 'low', from: 'risk', to: 'ordinary', isDefault: true },
          { id: 'f2', from: 'urgent', to: 'end' },
          { id: 'f3', from: 'ordinary', to: 'end' },
        ],
      );
      expect((await deploy('http-routing.bpmn', model)).status).toBe(201);
      const key = await start('http-routing', { variables: { score: '15' } });
      const incident = await eventuallyIncident(key);
      expect(incident).toMatchObject({
        elementId: 'risk',
        errorType: 'EXTRACT_VALUE_ERROR',
        errorMessage:
          "Expected result of the expression '=score > 7' to be 'BOOLEAN', but was 'NULL'.",
      });

      expectError(await call('PUT', `/element-instances/${key}/variables`, { variables: 3 }), 400);
      expectError(
        await call('PUT', '/element-instances/999999999/variables', { variables: {} }),
        404,
      );
      expectError(
        await call('PUT', `/element-instances/${key}/variables`, { variables: {} }, caseworker),
        403,
      );
      const since = await lastLogId();
      expect(
        await call('PUT', `/element-instances/${key}/variables`, { variables: { score: 15 } }),
      ).toMatchObject({ status: 204 });
      expect(
        await db.query(
          `SELECT username, action, entity, entity_id AS "entityId", reason FROM access_log WHERE id > $1`,
          [since],
        ),
      ).toEqual([
        {
          username: 'admin',
          action: 'update',
          entity: 'instance',
          entityId: key,
          reason: `Variabili impostate sull'elemento ${key} dell'istanza ${key}: score`,
        },
      ]);
      expect(await call('POST', `/incidents/${incident.key}/resolve`)).toMatchObject({
        status: 204,
      });
      expect(await activate('http-urgent')).toEqual([
        expect.objectContaining({ processInstanceKey: key, variables: { score: 15 } }),
      ]);
    });

    it('sets variables on an active element instance (a waiting step, an element held by an incident); an element that ended is not found, as on Zeebe', async () => {
      await deploy('http-local.bpmn', chain('http-local', ['http-local-a', 'http-local-b']));
      const key = await start('http-local');
      const waiting = async (elementId: string) =>
        (
          await db.query(
            `SELECT element_instance_key::text AS key FROM flow_event
              WHERE process_instance_key = $1 AND element_id = $2 AND intent = 'ELEMENT_ACTIVATED'`,
            [key, elementId],
          )
        )[0].key as string;
      const first = await waiting('task1');
      expect(
        await call('PUT', `/element-instances/${first}/variables`, {
          variables: { nota: 'locale' },
          local: true,
        }),
      ).toMatchObject({ status: 204 });
      const [job] = await activate('http-local-a');
      expect(job.variables).toMatchObject({ nota: 'locale' });
      expect(await work('POST', `/jobs/${job.key}/complete`, { variables: {} })).toMatchObject({
        status: 204,
      });
      const [second] = await activate('http-local-b');
      expect(
        await work('POST', `/jobs/${second.key}/fail`, { retries: 0, errorMessage: 'giù' }),
      ).toMatchObject({ status: 204 });
      const incident = await eventuallyIncident(key);
      expect(
        await call('PUT', `/element-instances/${incident.elementInstanceKey}/variables`, {
          variables: { riprova: true },
        }),
      ).toMatchObject({ status: 204 });
      // task1 has completed: its element instance is gone.
      expectError(
        await call('PUT', `/element-instances/${first}/variables`, { variables: { tardi: 1 } }),
        404,
      );
    });

    it('incident → PATCH retries → resolve → the instance continues', async () => {
      await deploy('http-flaky.bpmn', chain('http-flaky', ['http-flaky']));
      const key = await start('http-flaky');
      const [job] = await activate('http-flaky');
      expect(
        await work('POST', `/jobs/${job.key}/fail`, {
          retries: 0,
          errorMessage: 'servizio INPS non raggiungibile',
        }),
      ).toMatchObject({ status: 204 });

      const held = await call('GET', `/process-instances/${key}`);
      expect(held.body).toMatchObject({ state: 'ACTIVE', activeElementIds: ['task1'] });
      expect(held.body.incidents).toEqual([
        {
          key: expect.stringMatching(/^\d+$/),
          processInstanceKey: key,
          bpmnProcessId: 'http-flaky',
          elementId: 'task1',
          elementInstanceKey: expect.stringMatching(/^\d+$/),
          jobKey: job.key,
          errorType: 'JOB_NO_RETRIES',
          errorMessage: 'servizio INPS non raggiungibile',
          state: 'ACTIVE',
          createdAt: expect.any(String),
          resolvedAt: null,
        },
      ]);
      const incidentKey = held.body.incidents[0].key;
      const open = await call('GET', `/incidents?processInstanceKey=${key}&state=ACTIVE`);
      expect(open.body).toMatchObject({ total: 1, items: [{ key: incidentKey }] });
      expect(await activate('http-flaky')).toEqual([]);
      expectError(
        await work('POST', `/jobs/${job.key}/complete`),
        404,
        'Job non trovato, oppure già concluso.',
      );

      expectError(
        await call('POST', `/incidents/${incidentKey}/resolve`),
        409,
        /^L’incidente non può essere risolto ora: il job non ha tentativi rimasti/,
      );
      expect(await call('PATCH', `/jobs/${job.key}`, { retries: 2 })).toMatchObject({
        status: 204,
      });
      expect(await call('POST', `/incidents/${incidentKey}/resolve`)).toMatchObject({
        status: 204,
      });
      expectError(
        await call('POST', `/incidents/${incidentKey}/resolve`),
        404,
        'Incidente non trovato, oppure già risolto.',
      );
      const resolved = await call('GET', `/incidents?processInstanceKey=${key}&state=RESOLVED`);
      expect(resolved.body).toMatchObject({
        total: 1,
        items: [{ key: incidentKey, state: 'RESOLVED', resolvedAt: expect.any(String) }],
      });

      const [retried] = await activate('http-flaky');
      expect(retried).toMatchObject({ key: job.key, retries: 2 });
      expect(await work('POST', `/jobs/${retried.key}/complete`)).toMatchObject({ status: 204 });
      expect((await call('GET', `/process-instances/${key}`)).body).toMatchObject({
        state: 'COMPLETED',
        incidents: [],
      });
    });
  });

  describe('process instances', () => {
    it('refuses unknown processes (404), and variables that are not a JSON object (400)', async () => {
      expectError(
        await call('POST', '/process-instances', { bpmnProcessId: 'no-such-process' }),
        404,
        'Processo non trovato: nessun modello pubblicato con questo identificativo.',
      );
      for (const variables of [[1, 2], 'text', 42, null, true]) {
        const response = await call('POST', '/process-instances', {
          bpmnProcessId: 'intake',
          variables,
        });
        expectError(response, 400, 'I dati inviati non sono validi.');
        expect(response.body.details).toEqual([
          { field: 'variables', messages: ['deve essere un oggetto'] },
        ]);
      }
      expectError(await call('POST', '/process-instances', {}), 400);
      expectError(
        await call('POST', '/process-instances', { bpmnProcessId: 'intake', version: 1 }),
        400,
      );
    });

    it('keeps nested variables as sent', async () => {
      const variables = {
        person: { name: 'Maria', children: [{ age: 4 }, { age: 7 }], notes: null },
        flags: [true, false],
        when: '2026-03-01',
      };
      const key = await start('intake', { variables });
      expect((await call('GET', `/process-instances/${key}`)).body.variables).toEqual(variables);
    });

    it('cancels an active instance (204); 409 once ended; 404 unknown; 400 malformed key', async () => {
      await deploy('cancel-me.bpmn', chain('cancel-me', ['http-cancel']));
      const key = await start('cancel-me');
      expect(await call('POST', `/process-instances/${key}/cancel`)).toMatchObject({ status: 204 });
      const canceled = await call('GET', `/process-instances/${key}`);
      expect(canceled.body).toMatchObject({
        state: 'CANCELED',
        activeElementIds: [],
        endedAt: expect.any(String),
      });
      expect(await activate('http-cancel')).toEqual([]);
      expectError(
        await call('POST', `/process-instances/${key}/cancel`),
        409,
        'L’istanza di processo è già conclusa.',
      );
      expectError(
        await call('POST', '/process-instances/1/cancel'),
        404,
        'Istanza di processo non trovata.',
      );
      expectError(await call('POST', '/process-instances/x1/cancel'), 400);
    });

    it('answers 404 for an unknown instance and its history, 400 for malformed keys and filters', async () => {
      expectError(
        await call('GET', '/process-instances/1'),
        404,
        'Istanza di processo non trovata.',
      );
      expectError(await call('GET', '/process-instances/1/history'), 404);
      expectError(await call('GET', '/process-instances/abc'), 400);
      expectError(await call('GET', '/process-instances/1/history?limit=1001'), 400);
      expectError(await call('GET', '/process-instances?state=RUNNING'), 400);
      expectError(await call('GET', '/process-instances?limit=0'), 400);
      expectError(await call('GET', '/process-instances?offset=-1'), 400);
      const page = await call('GET', '/process-instances?limit=2');
      expect(page.body).toMatchObject({ limit: 2, offset: 0, total: expect.any(Number) });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
    });
  });

  describe('messages', () => {
    const waitsForMessage = bpmn(
      'http-msg',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        {
          id: 'docs',
          type: 'bpmn:intermediateCatchEvent',
          body: '<bpmn:messageEventDefinition messageRef="Docs" />',
        },
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'docs' },
        { id: 'f2', from: 'docs', to: 'end' },
      ],
      '<bpmn:message id="Docs" name="docs-received"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>',
    );

    it('publishes a message (201) that moves the waiting instance on; a live duplicate id gets 409', async () => {
      await deploy('http-msg.bpmn', waitsForMessage);
      const key = await start('http-msg', { variables: { caseNumber: 'SSC-II-2026-000005' } });
      expect((await call('GET', `/process-instances/${key}`)).body.activeElementIds).toEqual([
        'docs',
      ]);
      const published = await call('POST', '/messages', {
        name: 'docs-received',
        correlationKey: 'SSC-II-2026-000005',
        variables: { isee: 9000 },
        timeToLiveMs: 60_000,
        messageId: 'pec-1',
      });
      expect(published.status).toBe(201);
      expect(published.body).toEqual({ messageKey: expect.stringMatching(/^\d+$/) });
      const done = await eventually(key, 'COMPLETED');
      expect(done.variables).toMatchObject({ isee: 9000 });
      expect(done.completedElementIds).toEqual(['start', 'docs', 'end']);

      expectError(
        await call('POST', '/messages', {
          name: 'docs-received',
          correlationKey: 'SSC-II-2026-000005',
          messageId: 'pec-1',
        }),
        409,
        'Un messaggio con lo stesso nome e lo stesso messageId è già stato pubblicato ed è ancora in attesa.',
      );
    });

    it('refuses malformed messages with 400', async () => {
      for (const body of [
        { correlationKey: 'k' },
        { name: 'm' },
        { name: 'm', correlationKey: 'k', variables: ['a'] },
        { name: 'm', correlationKey: 'k', timeToLiveMs: -1 },
        { name: 'm', correlationKey: 'k', timeToLiveMs: 1.5 },
        { name: 'm', correlationKey: 'k', messageId: '' },
        { name: 'm', correlationKey: 'k', priority: 1 },
      ]) {
        expectError(await call('POST', '/messages', body), 400, 'I dati inviati non sono validi.');
      }
    });
  });

  describe('jobs', () => {
    it('routes a BPMN error thrown by a worker to the error boundary (204)', async () => {
      const model = bpmn(
        'http-docs',
        [
          { id: 'start', type: 'bpmn:startEvent' },
          serviceTask('fetch', 'http-fetch'),
          {
            id: 'missing',
            type: 'bpmn:boundaryEvent',
            attachedTo: 'fetch',
            body: '<bpmn:errorEventDefinition errorRef="NoDocs" />',
          },
          { id: 'end', type: 'bpmn:endEvent' },
          { id: 'asked', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'start', to: 'fetch' },
          { id: 'f2', from: 'fetch', to: 'end' },
          { id: 'f3', from: 'missing', to: 'asked' },
        ],
        '<bpmn:error id="NoDocs" name="NoDocs" errorCode="NO_DOCS" />',
      );
      await deploy('http-docs.bpmn', model);
      const key = await start('http-docs');
      const [job] = await activate('http-fetch');
      expect(
        await work('POST', `/jobs/${job.key}/error`, {
          errorCode: 'NO_DOCS',
          errorMessage: 'ISEE mancante',
          variables: { reason: 'ISEE mancante' },
        }),
      ).toMatchObject({ status: 204 });
      const after = await call('GET', `/process-instances/${key}`);
      expect(after.body).toMatchObject({
        state: 'COMPLETED',
        variables: { reason: 'ISEE mancante' },
        takenSequenceFlowIds: ['f1', 'f3'],
      });
      expect(after.body.completedElementIds).toEqual(expect.arrayContaining(['missing', 'asked']));
      expect(after.body.completedElementIds).not.toContain('fetch');
      expectError(await work('POST', `/jobs/${job.key}/error`, { errorCode: 'NO_DOCS' }), 404);
    });

    it('gives a failed job with retries left back after its back-off', async () => {
      await deploy('http-backoff.bpmn', chain('http-backoff', ['http-backoff']));
      await start('http-backoff');
      const [job] = await activate('http-backoff');
      expect(
        await work('POST', `/jobs/${job.key}/fail`, {
          retries: 2,
          errorMessage: 'timeout',
          retryBackOffMs: 60_000,
        }),
      ).toMatchObject({ status: 204 });
      expect(await activate('http-backoff')).toEqual([]);
      await db.query(`UPDATE job SET retry_at = now() - interval '1 second' WHERE key = $1`, [
        job.key,
      ]);
      expect(await activate('http-backoff')).toEqual([
        expect.objectContaining({ key: job.key, retries: 2 }),
      ]);
    });

    it('answers 404 for unknown jobs and 400 for malformed keys and bodies', async () => {
      const unknown = '999999999';
      for (const [method, path, body] of [
        ['POST', `/jobs/${unknown}/complete`, {}],
        ['POST', `/jobs/${unknown}/fail`, { retries: 1 }],
        ['POST', `/jobs/${unknown}/error`, { errorCode: 'E' }],
        ['PATCH', `/jobs/${unknown}`, { retries: 1 }],
      ] as const) {
        const send = method === 'PATCH' ? call : work;
        expectError(await send(method, path, body), 404, 'Job non trovato, oppure già concluso.');
        expectError(await send(method, path.replace(unknown, '12a'), body), 400);
      }
      for (const [method, path, body] of [
        ['POST', '/jobs/activate', { type: 't', maxJobs: 0, timeoutMs: 1000, worker: 'w' }],
        ['POST', '/jobs/activate', { type: 't', maxJobs: 101, timeoutMs: 1000, worker: 'w' }],
        ['POST', '/jobs/activate', { type: 't', maxJobs: 1, timeoutMs: 1000 }],
        ['POST', '/jobs/activate', { type: 't', maxJobs: 1, timeoutMs: 0, worker: 'w' }],
        [
          'POST',
          '/jobs/activate',
          { type: 't', maxJobs: 1, timeoutMs: 1000, worker: 'w', fetchVariables: 'a' },
        ],
        ['POST', `/jobs/${unknown}/complete`, { variables: [1] }],
        ['POST', `/jobs/${unknown}/complete`, { variables: 'x' }],
        ['POST', `/jobs/${unknown}/fail`, {}],
        ['POST', `/jobs/${unknown}/fail`, { retries: -1 }],
        ['POST', `/jobs/${unknown}/error`, {}],
        ['POST', `/jobs/${unknown}/error`, { errorCode: 'E', variables: 3 }],
        ['PATCH', `/jobs/${unknown}`, { retries: 0 }],
        ['PATCH', `/jobs/${unknown}`, {}],
      ] as const) {
        const send = method === 'PATCH' ? call : work;
        expectError(await send(method, path, body), 400, 'I dati inviati non sono validi.');
      }
      expect(
        (
          await work('POST', '/jobs/activate', {
            type: 'nobody-works-on-this',
            maxJobs: 1,
            timeoutMs: 1000,
            worker: 'w',
          })
        ).body,
      ).toEqual({ jobs: [] });
    });
  });

  describe('incidents', () => {
    it('lists with filters and refuses unknown (404) or malformed (400) keys', async () => {
      const all = await call('GET', '/incidents');
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ limit: 50, offset: 0, total: expect.any(Number) });
      expectError(
        await call('POST', '/incidents/424242/resolve'),
        404,
        'Incidente non trovato, oppure già risolto.',
      );
      expectError(await call('POST', '/incidents/4242x/resolve'), 400);
      expectError(await call('GET', '/incidents?state=OPEN'), 400);
      expectError(await call('GET', '/incidents?processInstanceKey=abc'), 400);
      expect((await call('GET', '/incidents?processInstanceKey=1')).body).toMatchObject({
        total: 0,
        items: [],
      });
    });
  });
});
