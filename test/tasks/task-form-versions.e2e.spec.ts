import { DataSource } from 'typeorm';
import { Account } from '../../src/auth/entities/account.entity';
import { hashPassword } from '../../src/auth/password-hasher';
import { Role } from '../../src/auth/role';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { UserTaskPoller } from '../../src/tasks/user-task-poller';
import { bpmn } from '../engine/models';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp, TestResponse } from '../support/test-app';

const outcome = {
  id: 'Field_esito',
  type: 'radio',
  key: 'esito',
  label: 'Esito',
  values: [
    { label: 'Positivo', value: 'positive' },
    { label: 'Negativo', value: 'negative' },
  ],
  validate: { required: true },
};
const reason = {
  id: 'Field_motivazione',
  type: 'textarea',
  key: 'motivazione',
  label: 'Motivazione',
  validate: { required: true },
};
const form = (id: string, components: object[]) => ({ id, type: 'default', components });

/** start → a user task of the unit's caseworkers with the linked form → end. */
const withForm = (processId: string, formId: string) =>
  bpmn(
    processId,
    [
      { id: 'start', type: 'bpmn:startEvent' },
      {
        id: 'colloquio',
        type: 'bpmn:userTask',
        body: `<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="caseworker" /><zeebe:formDefinition formId="${formId}" /></bpmn:extensionElements>`,
      },
      { id: 'end', type: 'bpmn:endEvent' },
    ],
    [
      { id: 'f1', from: 'start', to: 'colloquio' },
      { id: 'f2', from: 'colloquio', to: 'end' },
    ],
  );

/**
 * A task gets the latest version of its form when it is created and keeps it:
 * an administrator publishing a new version of a form changes the tasks
 * created afterwards, never the open ones, both what they show and what their
 * completion accepts.
 */
describe('task forms are versioned', () => {
  let server: TestApp;
  let db: DataSource;
  let engine: EmbeddedEngine;
  let admin: string;
  let caseworker: string;
  let serial = 0;

  beforeAll(async () => {
    server = await startTestApp();
    db = server.app.get(DataSource);
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    await db.getRepository(Account).insert({
      username: 'assistente.fv',
      displayName: 'Assistente',
      role: Role.Caseworker,
      unitCode: 'III',
      passwordHash: await hashPassword('assistente.fv-password'),
      passwordChangedAt: new Date(),
    });
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    caseworker = await server.login('assistente.fv', 'assistente.fv-password');
  });
  afterAll(() => server.drop());

  const api = (method: string, path: string, token: string, body?: unknown) =>
    server.request(method, `/api${path}`, { token, body });
  const publish = async (schema: { id: string }) => {
    const response = await api('POST', '/forms', admin, { name: `${schema.id}.form`, schema });
    expect(response.status).toBe(201);
    return response.body as { key: string; version: number };
  };
  const deploy = async (processId: string, formId: string) => {
    const response = await api('POST', '/models', admin, {
      name: `${processId}.bpmn`,
      xml: withForm(processId, formId),
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  /** A new case of unit III on the path, and its task once the tasklist recorded it (claimed). */
  const newTask = async (processId: string): Promise<string> => {
    serial += 1;
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: processId,
      businessKey: `SSC-III-2026-${String(serial).padStart(6, '0')}`,
    });
    await server.app.get(UserTaskPoller).pollNow();
    const [row] = await db.query(
      `SELECT job_key::text AS id FROM task WHERE process_instance_key = $1`,
      [processInstanceKey],
    );
    expect((await api('POST', `/tasks/${row.id}/claim`, caseworker)).status).toBe(200);
    return row.id;
  };
  const formOf = (taskId: string) => api('GET', `/tasks/${taskId}/form`, caseworker);
  const complete = (taskId: string, variables: object): Promise<TestResponse> =>
    api('POST', `/tasks/${taskId}/complete`, caseworker, { variables });

  it('a new version of a form changes the tasks created after it, not the open ones', async () => {
    await publish(form('fv-colloquio', [outcome]));
    await deploy('fv-percorso', 'fv-colloquio');
    const open = await newTask('fv-percorso');

    // The administrator adds a required field.
    expect(await publish(form('fv-colloquio', [outcome, reason]))).toMatchObject({ version: 2 });
    const later = await newTask('fv-percorso');

    expect((await formOf(open)).body).toEqual(form('fv-colloquio', [outcome]));
    expect((await formOf(later)).body).toEqual(form('fv-colloquio', [outcome, reason]));

    // The open task is completed with the answers of its own version…
    expect((await complete(open, { esito: 'positive' })).status).toBe(204);
    // …the new one needs the new field, and knows no field its version lacks.
    const refused = await complete(later, { esito: 'positive' });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ field: 'motivazione', messages: [expect.any(String)] }),
    ]);
    expect(
      (await complete(later, { esito: 'negative', motivazione: 'Non si è presentato.' })).status,
    ).toBe(204);
  });

  it('a task created before its form was published gets the version it is first shown with, and keeps it', async () => {
    const deployed = await deploy('fv-tardivo', 'fv-tardivo-modulo');
    expect(deployed.warnings).toEqual([expect.objectContaining({ code: 'FORM_NOT_DEPLOYED' })]);
    const task = await newTask('fv-tardivo');

    expect(await formOf(task)).toMatchObject({
      status: 404,
      body: {
        message:
          'Il modulo «fv-tardivo-modulo» di questa attività non è disponibile: avvisare l’amministratore.',
      },
    });
    expect((await complete(task, { esito: 'positive' })).status).toBe(409);

    await publish(form('fv-tardivo-modulo', [outcome]));
    expect((await formOf(task)).body).toEqual(form('fv-tardivo-modulo', [outcome]));
    await publish(form('fv-tardivo-modulo', [outcome, reason]));
    expect((await formOf(task)).body).toEqual(form('fv-tardivo-modulo', [outcome]));
    expect((await complete(task, { esito: 'positive' })).status).toBe(204);
  });

  it('records on the task the version it was given', async () => {
    const v3 = await publish(form('fv-colloquio', [reason]));
    const task = await newTask('fv-percorso');
    const [row] = await db.query(
      `SELECT form_key AS "formKey", form_definition_key::text AS "formDefinitionKey" FROM task WHERE job_key = $1`,
      [task],
    );
    expect(row).toEqual({ formKey: 'fv-colloquio', formDefinitionKey: v3.key });
  });
});
