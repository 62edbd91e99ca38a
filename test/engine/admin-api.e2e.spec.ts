import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Account } from '../../src/auth/entities/account.entity';
import { hashPassword } from '../../src/auth/password-hasher';
import { Role } from '../../src/auth/role';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp, TestResponse } from '../support/test-app';
import { bpmn, chain, Node, serviceTask } from './models';
import { CORPUS } from './conformance/corpus';

/** A form the service ships (FORMS_DIR), as the administrator's form editor will find it. */
const SHIPPED_FORM = {
  id: 'adm-nota',
  type: 'default',
  components: [{ id: 'Field_nota', type: 'textarea', key: 'nota', label: 'Nota' }],
};

const userTask = (id: string, form: string): Node => ({
  id,
  type: 'bpmn:userTask',
  body: `<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="caseworker" /><zeebe:formDefinition ${form} /></bpmn:extensionElements>`,
});

/** start → a user task linking a form → end. */
const linking = (processId: string, form: string) =>
  bpmn(
    processId,
    [
      { id: 'start', type: 'bpmn:startEvent' },
      userTask('compila', form),
      { id: 'end', type: 'bpmn:endEvent' },
    ],
    [
      { id: 'f1', from: 'start', to: 'compila' },
      { id: 'f2', from: 'compila', to: 'end' },
    ],
  ).replace('name="compila"', 'name="Compila la scheda"');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What the administrator's screens call, over HTTP on the real app and engine:
 * model versions and their authors, forms as deployed versioned resources,
 * incidents with their element and a one-call retry, the instance list's filters.
 */
describe('administrator API', () => {
  let formsDir: string;
  let server: TestApp;
  let db: DataSource;
  let admin: string;
  let worker: string;
  let giulia: string;

  const wire = async (app: TestApp) => {
    server = app;
    db = server.app.get(DataSource);
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    worker = await server.workerLogin();
    giulia = await server.login('giulia.admin', 'giulia.admin-password');
  };

  beforeAll(async () => {
    formsDir = mkdtempSync(join(tmpdir(), 'percorsi-admin-forms-'));
    writeFileSync(join(formsDir, 'adm-nota.form'), JSON.stringify(SHIPPED_FORM));
    writeFileSync(join(formsDir, 'rotto.form'), '{ non è JSON');
    server = await startTestApp({ FORMS_DIR: formsDir });
    await server.app
      .get(DataSource)
      .getRepository(Account)
      .insert({
        username: 'giulia.admin',
        displayName: 'Giulia Amministratrice',
        role: Role.Admin,
        unitCode: null,
        passwordHash: await hashPassword('giulia.admin-password'),
        passwordChangedAt: new Date(),
      });
    await wire(server);
  });
  afterAll(async () => {
    await server.drop();
    rmSync(formsDir, { recursive: true, force: true });
  });

  /** Job commands are an external program's (role worker). */
  const work = (method: string, path: string, body?: unknown) => call(method, path, body, worker);
  const call = (method: string, path: string, body?: unknown, token = admin) =>
    server.request(method, `/api${path}`, { token, body });
  const ok = (response: TestResponse, status = 200) => {
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    return response.body;
  };
  const expectError = (response: TestResponse, status: number, message: string | RegExp) => {
    expect({ status: response.status, message: response.body?.message }).toEqual({
      status,
      message: message instanceof RegExp ? expect.stringMatching(message) : message,
    });
  };
  const start = async (bpmnProcessId: string, businessKey?: string) =>
    ok(await call('POST', '/process-instances', { bpmnProcessId, businessKey }), 201)
      .processInstanceKey as string;

  describe('model versions', () => {
    it('lists every version of a model newest first, with its name, who deployed it, file and checksum; the XML of each for the diff', async () => {
      const v1 = chain('adm-versioni', ['adm-a']).replace(
        'name="adm-versioni"',
        'name="Percorso di prova"',
      );
      const v2 = chain('adm-versioni', ['adm-a', 'adm-b']).replace(
        'name="adm-versioni"',
        'name="Percorso di prova, due passi"',
      );
      ok(await call('POST', '/models', { name: 'versioni.bpmn', xml: v1 }), 201);
      ok(await call('POST', '/models', { name: 'versioni.bpmn', xml: v2 }, giulia), 201);

      const listed = ok(await call('GET', '/models?bpmnProcessId=adm-versioni'));
      expect(listed).toEqual({
        total: 2,
        limit: 50,
        offset: 0,
        items: [
          {
            key: expect.stringMatching(/^\d+$/),
            bpmnProcessId: 'adm-versioni',
            version: 2,
            name: 'Percorso di prova, due passi',
            resourceName: 'versioni.bpmn',
            checksum: sha256(v2),
            deployedAt: expect.any(String),
            deployedBy: 'Giulia Amministratrice',
          },
          expect.objectContaining({
            version: 1,
            checksum: sha256(v1),
            deployedBy: 'Amministratore',
          }),
        ],
      });
      const [second, first] = listed.items;
      const xmlOf = async (key: string) => {
        const response = await call('GET', `/models/${key}/xml`);
        expect(response.status).toBe(200);
        return response.body as string;
      };
      expect(await xmlOf(first.key)).toBe(v1);
      expect(await xmlOf(second.key)).toBe(v2);

      // The paths Percorsi ships, deployed at start, are Percorsi's.
      const shipped = ok(await call('GET', '/models?bpmnProcessId=segretariato-intake'));
      expect(shipped.items[0]).toMatchObject({ version: 1, deployedBy: 'Percorsi' });
    });

    it('names, for every lint finding, the element to mark and the rule', async () => {
      const broken = bpmn(
        'adm-lint',
        [
          { id: 'start', type: 'bpmn:startEvent' },
          { id: 'senzaTipo', type: 'bpmn:serviceTask' },
          { id: 'end', type: 'bpmn:endEvent' },
          { id: 'isolato', type: 'bpmn:task' },
        ],
        [
          { id: 'f1', from: 'start', to: 'senzaTipo' },
          { id: 'f2', from: 'senzaTipo', to: 'end' },
        ],
      );
      const result = ok(await call('POST', '/models/validate', { xml: broken }));
      expect(result.valid).toBe(false);
      const lint = result.problems.filter((p: { code: string }) => p.code === 'LINT');
      expect(lint.length).toBeGreaterThanOrEqual(3);
      for (const problem of lint) {
        expect(problem).toEqual({
          code: 'LINT',
          message: expect.any(String),
          line: expect.any(Number),
          column: expect.any(Number),
          elementId: expect.stringMatching(/^(senzaTipo|isolato)$/),
          rule: expect.any(String),
        });
      }
      expect(lint).toContainEqual(
        expect.objectContaining({ elementId: 'senzaTipo', rule: 'camunda-compat/implementation' }),
      );
      expect(lint).toContainEqual(
        expect.objectContaining({ elementId: 'isolato', rule: 'no-disconnected' }),
      );
    });

    it('answers a deployment with bpmnlint’s warnings too, for whoever publishes without “Verifica” (a merge straight into a task)', async () => {
      const twoTokens = CORPUS.find((c) => c.bpmnProcessId === 'conf-two-tokens-multi')!;
      const deployed = ok(
        await call('POST', '/models', { name: 'due-token.bpmn', xml: twoTokens.xml }),
        201,
      );
      expect(deployed.warnings).toEqual([
        expect.objectContaining({
          code: 'LINT',
          rule: 'fake-join',
          elementId: 'c',
          message: expect.stringContaining('uniscili con un gateway'),
        }),
      ]);
    });

    it('deploys a model whose user task links a form not yet deployed (as Zeebe 8.5 does), with a warning on that task', async () => {
      const xml = linking('adm-collega', 'formId="adm-non-ancora"');
      const checked = ok(await call('POST', '/models/validate', { xml }));
      const warning = {
        code: 'FORM_NOT_DEPLOYED',
        message: expect.stringMatching(
          /^«Compila la scheda» \(compila\): il modulo «adm-non-ancora» non è pubblicato\./,
        ),
        elementId: 'compila',
        line: expect.any(Number),
        column: expect.any(Number),
      };
      expect(checked).toEqual({ valid: true, problems: [], warnings: [warning] });
      const deployed = ok(await call('POST', '/models', { name: 'collega.bpmn', xml }), 201);
      expect(deployed).toEqual({
        processes: [expect.objectContaining({ bpmnProcessId: 'adm-collega', version: 1 })],
        warnings: [warning],
      });

      ok(
        await call('POST', '/forms', {
          name: 'adm-non-ancora.form',
          schema: { ...SHIPPED_FORM, id: 'adm-non-ancora' },
        }),
        201,
      );
      expect(ok(await call('POST', '/models/validate', { xml })).warnings).toEqual([]);
    });
  });

  describe('forms', () => {
    const interview = (extra: object[] = []) => ({
      id: 'adm-colloquio',
      type: 'default',
      components: [
        {
          id: 'Field_esito',
          type: 'radio',
          key: 'esito',
          label: 'Esito',
          values: [
            { label: 'Positivo', value: 'positive' },
            { label: 'Negativo', value: 'negative' },
          ],
          validate: { required: true },
        },
        ...extra,
      ],
    });

    it('publishes versions: the same content gives back the same version, a change the next one', async () => {
      const first = ok(
        await call('POST', '/forms', { name: 'colloquio.form', schema: interview() }),
        201,
      );
      expect(first).toEqual({
        key: expect.stringMatching(/^\d+$/),
        formId: 'adm-colloquio',
        version: 1,
        resourceName: 'colloquio.form',
        checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
        deployedAt: expect.any(String),
        deployedBy: 'Amministratore',
        created: true,
      });
      // The same content, its keys in another order (an editor may reorder them): no new version.
      const { components, type, id } = interview();
      const again = ok(
        await call('POST', '/forms', { name: 'colloquio.form', schema: { components, type, id } }),
        201,
      );
      expect(again).toEqual({ ...first, created: false });

      const note = { id: 'Field_note', type: 'textarea', key: 'note', label: 'Note' };
      const second = ok(
        await call('POST', '/forms', { name: 'colloquio.form', schema: interview([note]) }, giulia),
        201,
      );
      expect(second).toMatchObject({
        formId: 'adm-colloquio',
        version: 2,
        deployedBy: 'Giulia Amministratrice',
        created: true,
      });
      expect(second.key).not.toBe(first.key);

      expect(ok(await call('GET', '/forms/adm-colloquio'))).toEqual({
        ...second,
        created: undefined,
        schema: interview([note]),
      });
      expect(ok(await call('GET', '/forms/adm-colloquio/versions'))).toEqual({
        total: 2,
        limit: 50,
        offset: 0,
        items: [
          { ...second, created: undefined },
          { ...first, created: undefined },
        ],
      });
      expect(ok(await call('GET', '/forms/adm-colloquio/versions/1'))).toMatchObject({
        key: first.key,
        version: 1,
        schema: interview(),
      });
      expectError(
        await call('GET', '/forms/adm-colloquio/versions/3'),
        404,
        'Versione del modulo non trovata.',
      );
      expectError(
        await call('GET', '/forms/adm-colloquio/versions/ultima'),
        400,
        'Versione non valida: deve essere un numero intero.',
      );
      expectError(await call('GET', '/forms/adm-nessuno'), 404, 'Modulo non trovato.');
      expectError(await call('GET', '/forms/adm-nessuno/versions'), 404, 'Modulo non trovato.');
    });

    it('refuses, with the problems in Italian, a schema without an id, one the server cannot check, one that is not form-js; stores nothing', async () => {
      const refused = async (schema: unknown) => {
        const response = await call('POST', '/forms', { name: 'sbagliato.form', schema });
        expect(response.status).toBe(400);
        expect(response.body.message).toBe('Il modulo sbagliato.form non può essere pubblicato.');
        return response.body.details;
      };
      const withoutId: Record<string, unknown> = interview();
      delete withoutId.id;
      expect(await refused(withoutId)).toEqual([
        {
          code: 'FORM_ID_MISSING',
          message:
            'Il modulo non ha un identificativo (id): serve per collegarlo ai compiti utente dei modelli.',
        },
      ]);
      const computed = { id: 'Field_tot', type: 'expression', key: 'totale', expression: '=1' };
      expect(await refused({ ...interview([computed]), id: 'adm-calcolato' })).toEqual([
        {
          code: 'FORM_INVALID',
          message: expect.stringMatching(/i campi calcolati \(expression\) non sono verificati/),
        },
      ]);
      expect(await refused({ id: 'adm-non-formjs', componenti: [] })).toEqual([
        {
          code: 'FORM_INVALID',
          message: 'Lo schema deve essere un oggetto con type "default" e components.',
        },
      ]);
      expect(await refused({ id: 'due parole', type: 'default', components: [] })).toEqual([
        expect.objectContaining({ code: 'FORM_ID_INVALID' }),
      ]);
      // Not an object, or not a .form file name: the request itself is refused.
      for (const body of [
        { name: 'x.form', schema: [] },
        { name: 'x.json', schema: interview() },
        { name: 'cartella/x.form', schema: interview() },
      ]) {
        expect((await call('POST', '/forms', body)).status).toBe(400);
      }
      for (const formId of ['adm-calcolato', 'adm-non-formjs']) {
        expect((await call('GET', `/forms/${formId}`)).status).toBe(404);
      }
    });

    it('checks a schema without publishing it', async () => {
      expect(
        ok(await call('POST', '/forms/validate', { schema: { ...interview(), id: 'adm-bozza' } })),
      ).toEqual({
        valid: true,
        formId: 'adm-bozza',
        problems: [],
      });
      const withoutId: Record<string, unknown> = interview();
      delete withoutId.id;
      expect(ok(await call('POST', '/forms/validate', { schema: withoutId }))).toEqual({
        valid: false,
        formId: null,
        problems: [expect.objectContaining({ code: 'FORM_ID_MISSING' })],
      });
      expect((await call('GET', '/forms/adm-bozza')).status).toBe(404);
    });

    it('lists the latest version of each form with its number of versions and the latest models whose user tasks link it', async () => {
      const deploy = async (xml: string) =>
        ok(await call('POST', '/models', { name: 'usa-nota.bpmn', xml }), 201).processes[0];
      await deploy(linking('adm-usa-nota', 'formKey="adm-nota"'));
      const current = await deploy(
        linking('adm-usa-nota', 'formKey="camunda-forms:bpmn:adm-nota"').replace(
          'name="adm-usa-nota"',
          'name="Usa la nota"',
        ),
      );
      // Every page: the shipped forms alone fill one.
      const all: { total: number; items: any[] } = { total: 0, items: [] };
      for (let page; !page || (page.items.length > 0 && all.items.length < page.total);) {
        page = ok(await call('GET', `/forms?limit=100&offset=${all.items.length}`));
        all.total = page.total;
        all.items.push(...page.items);
      }
      const nota = all.items.find((f: { formId: string }) => f.formId === 'adm-nota');
      expect(nota).toEqual({
        key: expect.any(String),
        formId: 'adm-nota',
        version: 1,
        resourceName: 'adm-nota.form',
        checksum: expect.any(String),
        deployedAt: expect.any(String),
        deployedBy: 'Percorsi',
        versions: 1,
        usedBy: [
          {
            bpmnProcessId: 'adm-usa-nota',
            version: 2,
            processDefinitionKey: current.processDefinitionKey,
            processName: 'Usa la nota',
            userTasks: [{ elementId: 'compila', elementName: 'Compila la scheda' }],
          },
        ],
      });
      expect(all.items.find((f: { formId: string }) => f.formId === 'adm-colloquio')).toMatchObject(
        {
          version: 2,
          versions: 2,
          usedBy: [],
        },
      );
      // In form id order, and the broken shipped file left out.
      const ids = all.items.map((f: { formId: string }) => f.formId);
      expect(ids).toEqual([...ids].sort());
      expect(all.total).toBe(ids.length);

      // A newer version of the model that no longer links the form: not used any more.
      await deploy(chain('adm-usa-nota', ['adm-c']));
      const after = ok(await call('GET', '/forms?limit=100'));
      expect(after.items.find((f: { formId: string }) => f.formId === 'adm-nota').usedBy).toEqual(
        [],
      );
    });

    it('deploys a shipped form whose content changed at the next start, never over a version an administrator published', async () => {
      const versions = async (formId: string) =>
        ok(await call('GET', `/forms/${formId}/versions`)).items.map(
          (v: { version: number; deployedBy: string }) => `${v.version} ${v.deployedBy}`,
        );
      writeFileSync(
        join(formsDir, 'adm-spedito.form'),
        JSON.stringify({ ...SHIPPED_FORM, id: 'adm-spedito' }),
      );
      await wire(await server.restart());
      expect(await versions('adm-spedito')).toEqual(['1 Percorsi']);

      // Unchanged: nothing new. Changed by an upgrade: a new version.
      await wire(await server.restart());
      expect(await versions('adm-spedito')).toEqual(['1 Percorsi']);
      const changed = { ...SHIPPED_FORM, id: 'adm-spedito', components: [] };
      writeFileSync(join(formsDir, 'adm-spedito.form'), JSON.stringify(changed));
      await wire(await server.restart());
      expect(await versions('adm-spedito')).toEqual(['2 Percorsi', '1 Percorsi']);

      // An administrator publishes v3; an upgrade changing the file again leaves it in place.
      const relabelled = (label: string) => ({
        ...SHIPPED_FORM,
        id: 'adm-spedito',
        components: [{ ...SHIPPED_FORM.components[0], label }],
      });
      ok(
        await call('POST', '/forms', {
          name: 'adm-spedito.form',
          schema: relabelled('Annotazioni'),
        }),
        201,
      );
      writeFileSync(join(formsDir, 'adm-spedito.form'), JSON.stringify(relabelled('Osservazioni')));
      await wire(await server.restart());
      expect(await versions('adm-spedito')).toEqual([
        '3 Amministratore',
        '2 Percorsi',
        '1 Percorsi',
      ]);
    });
  });

  describe('incidents', () => {
    const failing = bpmn(
      'adm-guasto',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        serviceTask('invio', 'adm-inps'),
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'invio' },
        { id: 'f2', from: 'invio', to: 'end' },
      ],
    )
      .replace('name="adm-guasto"', 'name="Comunicazione all’INPS"')
      .replace('name="invio"', 'name="Invio all’INPS"');

    const activate = async () =>
      ok(
        await work('POST', '/jobs/activate', {
          type: 'adm-inps',
          maxJobs: 5,
          timeoutMs: 60_000,
          worker: 'adm-worker',
        }),
      ).jobs as Array<{ key: string; retries: number; processInstanceKey: string }>;

    it('a job failed to 0 retries: listed with its element, case and job; retry (one call) → the worker completes it → the instance goes on; in the access log', async () => {
      ok(await call('POST', '/models', { name: 'guasto.bpmn', xml: failing }), 201);
      const instanceKey = await start('adm-guasto', 'SSC-III-2026-000777');
      const [job] = (await activate()).filter((j) => j.processInstanceKey === instanceKey);
      expect(
        (
          await work('POST', `/jobs/${job.key}/fail`, {
            retries: 0,
            errorMessage: 'INPS non raggiungibile',
          })
        ).status,
      ).toBe(204);

      const listed = ok(await call('GET', '/incidents?state=active&bpmnProcessId=adm-guasto'));
      expect(listed).toEqual({
        total: 1,
        limit: 50,
        offset: 0,
        items: [
          {
            key: expect.stringMatching(/^\d+$/),
            state: 'ACTIVE',
            errorType: 'JOB_NO_RETRIES',
            errorMessage: 'INPS non raggiungibile',
            elementId: 'invio',
            elementName: 'Invio all’INPS',
            elementInstanceKey: expect.stringMatching(/^\d+$/),
            processInstanceKey: instanceKey,
            processDefinitionKey: expect.stringMatching(/^\d+$/),
            bpmnProcessId: 'adm-guasto',
            processName: 'Comunicazione all’INPS',
            businessKey: 'SSC-III-2026-000777',
            jobKey: job.key,
            retries: 0,
            createdAt: expect.any(String),
            resolvedAt: null,
          },
        ],
      });
      const [incident] = listed.items;
      expect(ok(await call('GET', '/incidents?bpmnProcessId=adm-altro')).total).toBe(0);
      expect((await call('POST', `/incidents/${incident.key}/retry`, { retries: 0 })).status).toBe(
        400,
      );
      expect(
        (await call('GET', '/process-instances?hasIncident=true&bpmnProcessId=adm-guasto')).body
          .items,
      ).toEqual([expect.objectContaining({ processInstanceKey: instanceKey, incidents: 1 })]);

      // Retry: one call, no body (one retry).
      expect((await call('POST', `/incidents/${incident.key}/retry`)).status).toBe(204);
      expect(
        ok(await call('GET', `/incidents?processInstanceKey=${instanceKey}&state=RESOLVED`)).items,
      ).toEqual([
        expect.objectContaining({
          key: incident.key,
          state: 'RESOLVED',
          resolvedAt: expect.any(String),
          retries: 1,
        }),
      ]);
      const [again] = (await activate()).filter((j) => j.processInstanceKey === instanceKey);
      expect(again).toMatchObject({ key: job.key, retries: 1 });
      expect((await work('POST', `/jobs/${again.key}/complete`)).status).toBe(204);
      expect(ok(await call('GET', `/process-instances/${instanceKey}`))).toMatchObject({
        state: 'COMPLETED',
        incidents: [],
      });

      const [logged] = await db.query(
        `SELECT username, role, action, entity, entity_id AS "entityId", reason FROM access_log
          WHERE entity = 'incident' AND entity_id = $1`,
        [incident.key],
      );
      expect(logged).toEqual({
        username: 'admin',
        role: 'admin',
        action: 'update',
        entity: 'incident',
        entityId: incident.key,
        reason: expect.stringContaining(`job ${job.key} con 1 tentativi`),
      });

      expectError(
        await call('POST', `/incidents/${incident.key}/retry`),
        404,
        'Incidente non trovato, oppure già risolto.',
      );
      expectError(
        await call('POST', '/incidents/4242/retry'),
        404,
        'Incidente non trovato, oppure già risolto.',
      );
      expect((await call('POST', '/incidents/42x/retry')).status).toBe(400);
    });

    it('retries with the retries asked for; an incident without a job is resolved and its step runs again', async () => {
      const instanceKey = await start('adm-guasto', 'SSC-V-2026-000778');
      const [job] = (await activate()).filter((j) => j.processInstanceKey === instanceKey);
      await work('POST', `/jobs/${job.key}/fail`, { retries: 0, errorMessage: 'di nuovo' });
      const [incident] = ok(
        await call('GET', `/incidents?processInstanceKey=${instanceKey}`),
      ).items;
      expect((await call('POST', `/incidents/${incident.key}/retry`, { retries: 3 })).status).toBe(
        204,
      );
      expect((await activate()).find((j) => j.processInstanceKey === instanceKey)).toMatchObject({
        retries: 3,
      });

      // A job type from a variable the instance lacks: an incident without a job.
      const fromVariable = chain('adm-tipo', ['=tipo']);
      ok(await call('POST', '/models', { name: 'tipo.bpmn', xml: fromVariable }), 201);
      const stuck = await start('adm-tipo');
      const [noJob] = ok(await call('GET', `/incidents?processInstanceKey=${stuck}`)).items;
      expect(noJob).toMatchObject({
        errorType: 'EXTRACT_VALUE_ERROR',
        jobKey: null,
        retries: null,
      });
      expect((await call('POST', `/incidents/${noJob.key}/retry`, { retries: 5 })).status).toBe(
        204,
      );
      // Still no variable: resolved, and the step fails again with a new incident.
      const after = ok(await call('GET', `/incidents?processInstanceKey=${stuck}`)).items;
      expect(
        after.map((i: { key: string; state: string }) => [i.key === noJob.key, i.state]),
      ).toEqual([
        [false, 'ACTIVE'],
        [true, 'RESOLVED'],
      ]);
    });
  });

  describe('instance list', () => {
    it('filters by process, state, unit, open incident, start time and case number; items with process name, version and open incidents', async () => {
      const xml = chain('adm-lista', ['adm-lista-lavoro']).replace(
        'name="adm-lista"',
        'name="Lista di prova"',
      );
      ok(await call('POST', '/models', { name: 'lista.bpmn', xml }), 201);
      const before = new Date().toISOString();
      const third = await start('adm-lista', 'SSC-III-2026-000901');
      const fifth = await start('adm-lista', 'SEG-V-2026-000902');
      const unnumbered = await start('adm-lista');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const between = new Date().toISOString();
      const third2 = await start('adm-lista', 'SSC-III-2026-000903');
      const jobs = ok(
        await work('POST', '/jobs/activate', {
          type: 'adm-lista-lavoro',
          maxJobs: 10,
          timeoutMs: 60_000,
          worker: 'adm',
        }),
      ).jobs as Array<{ key: string; processInstanceKey: string }>;
      const jobOf = (key: string) => jobs.find((j) => j.processInstanceKey === key)!.key;
      await work('POST', `/jobs/${jobOf(third)}/fail`, { retries: 0, errorMessage: 'guasto' });
      await work('POST', `/jobs/${jobOf(fifth)}/complete`);

      const keys = async (query: string) =>
        ok(await call('GET', `/process-instances?bpmnProcessId=adm-lista&${query}`)).items.map(
          (i: { processInstanceKey: string }) => i.processInstanceKey,
        );
      expect(await keys('')).toEqual([third2, unnumbered, fifth, third]);
      expect(await keys('unitCode=III')).toEqual([third2, third]);
      expect(await keys('unitCode=V')).toEqual([fifth]);
      expect(await keys('hasIncident=true')).toEqual([third]);
      expect(await keys('hasIncident=false')).toEqual([third2, unnumbered, fifth]);
      expect(await keys('state=COMPLETED')).toEqual([fifth]);
      expect(await keys('state=ACTIVE&unitCode=III&hasIncident=false')).toEqual([third2]);
      expect(await keys(`startedAfter=${before}&startedBefore=${between}`)).toEqual([
        unnumbered,
        fifth,
        third,
      ]);
      expect(await keys(`startedAfter=${between}`)).toEqual([third2]);
      expect(await keys('businessKey=SSC-III-2026-000901')).toEqual([third]);
      expect(await keys('limit=2&offset=1')).toEqual([unnumbered, fifth]);

      const page = ok(await call('GET', '/process-instances?bpmnProcessId=adm-lista&unitCode=III'));
      expect(page).toEqual({
        total: 2,
        limit: 50,
        offset: 0,
        items: [
          expect.anything(),
          {
            processInstanceKey: third,
            bpmnProcessId: 'adm-lista',
            processName: 'Lista di prova',
            version: 1,
            businessKey: 'SSC-III-2026-000901',
            state: 'ACTIVE',
            startedAt: expect.any(String),
            endedAt: null,
            incidents: 1,
          },
        ],
      });

      for (const query of [
        'unitCode=3',
        'hasIncident=forse',
        'startedAfter=ieri',
        'state=ATTIVA',
      ]) {
        const response = await call('GET', `/process-instances?${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
      }
    });
  });
});
