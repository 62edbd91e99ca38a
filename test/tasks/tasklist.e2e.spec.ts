import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Account } from '../../src/auth/entities/account.entity';
import { hashPassword } from '../../src/auth/password-hasher';
import { Role } from '../../src/auth/role';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { TaskReconciler } from '../../src/tasks/task-reconciler';
import { UserTaskPoller } from '../../src/tasks/user-task-poller';
import { bpmn, Node } from '../engine/models';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp, TestResponse } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const DAY = 24 * 3600 * 1000;

/** The form of the first interview: a required outcome, a bounded number, a choice. */
const INTERVIEW_FORM = {
  id: 'tl-colloquio',
  type: 'default',
  schemaVersion: 16,
  components: [
    {
      type: 'textfield',
      key: 'esito',
      label: 'Esito del colloquio',
      validate: { required: true, minLength: 3 },
    },
    {
      type: 'number',
      key: 'componenti',
      label: 'Componenti del nucleo',
      validate: { min: 1, max: 20 },
    },
    {
      type: 'select',
      key: 'percorso',
      label: 'Percorso',
      values: [
        { label: 'Assegno di inclusione', value: 'adi' },
        { label: 'Casa', value: 'casa' },
      ],
    },
  ],
};
const VALID_ANSWERS = { esito: 'Presa in carico', componenti: 3, percorso: 'adi' };

const NAMES: Record<string, string> = {
  colloquio: 'Primo colloquio',
  piano: 'Piano individualizzato',
  firma: 'Firma del patto',
  approva: 'Approvazione del piano',
  verifica: 'Verifica periodica',
};

const userTask = (id: string, extensions: string): Node => ({
  id,
  type: 'bpmn:userTask',
  body: `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>`,
});

/** start → … → end in a row (plus boundary events), the user tasks under their real names. */
function model(processId: string, nodes: Node[], flows: Array<[string, string]>): string {
  let xml = bpmn(
    processId,
    nodes,
    flows.map(([from, to], i) => ({ id: `f${i + 1}`, from, to })),
  );
  for (const node of nodes) {
    if (NAMES[node.id]) {
      xml = xml.replace(
        `id="${node.id}" name="${node.id}"`,
        `id="${node.id}" name="${NAMES[node.id]}"`,
      );
    }
  }
  return xml;
}

/** `il 02/03/2026 alle 10:00`: the test clock's now, Rome time. */
function romeStamp(at: Date): string {
  const date = new Intl.DateTimeFormat('it-IT', {
    timeZone: 'Europe/Rome',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(at);
  const time = new Intl.DateTimeFormat('it-IT', {
    timeZone: 'Europe/Rome',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `il ${date} alle ${time}`;
}

/** Interview (form, due date from a variable, caseworkers of the unit) → plan → end. */
const intakeNodes: Node[] = [
  { id: 'start', type: 'bpmn:startEvent' },
  userTask(
    'colloquio',
    `<zeebe:assignmentDefinition candidateGroups="caseworker-III" />
     <zeebe:taskSchedule dueDate="=due" />
     <zeebe:formDefinition formKey="tl-colloquio" />
     <zeebe:taskHeaders><zeebe:header key="priority" value="80" /></zeebe:taskHeaders>`,
  ),
  userTask('piano', `<zeebe:assignmentDefinition candidateGroups="caseworker" />`),
  { id: 'end', type: 'bpmn:endEvent' },
];
const INTAKE = model('tl-intake', intakeNodes, [
  ['start', 'colloquio'],
  ['colloquio', 'piano'],
  ['piano', 'end'],
]);

/** A task for unit-relative caseworkers, without form or due date. */
const signNodes: Node[] = [
  { id: 'start', type: 'bpmn:startEvent' },
  userTask('firma', `<zeebe:assignmentDefinition candidateGroups="caseworker" />`),
  { id: 'end', type: 'bpmn:endEvent' },
];
const SIGN = model('tl-sign', signNodes, [
  ['start', 'firma'],
  ['firma', 'end'],
]);

/** A coordinator's approval: caseworkers are not candidates. */
const approvalNodes: Node[] = [
  { id: 'start', type: 'bpmn:startEvent' },
  userTask('approva', `<zeebe:assignmentDefinition candidateGroups="coordinator" />`),
  { id: 'end', type: 'bpmn:endEvent' },
];
const APPROVAL = model('tl-approval', approvalNodes, [
  ['start', 'approva'],
  ['approva', 'end'],
]);

/** A check with a 10-day interrupting deadline. */
const deadlineNodes: Node[] = [
  { id: 'start', type: 'bpmn:startEvent' },
  userTask('verifica', `<zeebe:assignmentDefinition candidateGroups="caseworker" />`),
  {
    id: 'scadenza',
    type: 'bpmn:boundaryEvent',
    attachedTo: 'verifica',
    body: '<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P10D</bpmn:timeDuration></bpmn:timerEventDefinition>',
  },
  { id: 'fatto', type: 'bpmn:endEvent' },
  { id: 'scaduto', type: 'bpmn:endEvent' },
];
const DEADLINE = model('tl-deadline', deadlineNodes, [
  ['start', 'verifica'],
  ['verifica', 'fatto'],
  ['scadenza', 'scaduto'],
]);

describe('tasklist (real app, engine and database)', () => {
  const clock = new TestClock('2026-03-02T09:00:00.000Z');
  let formsDir: string;
  let server: TestApp;
  let db: DataSource;
  let engine: EmbeddedEngine;
  const tokens: Record<string, string> = {};
  let caseSerial = 0;

  const accounts: Array<[string, Role, string | null, boolean?]> = [
    ['assistente.iii', Role.Caseworker, 'III'],
    ['collega.iii', Role.Caseworker, 'III'],
    ['coordinatore.iii', Role.Coordinator, 'III'],
    ['sportello.iii', Role.FrontOffice, 'III'],
    ['assistente.v', Role.Caseworker, 'V'],
    ['coordinatore.v', Role.Coordinator, 'V'],
    ['dirigente', Role.Manager, null],
    ['inattivo.iii', Role.Caseworker, 'III', false],
  ];

  const wire = (app: TestApp) => {
    server = app;
    db = server.app.get(DataSource);
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
  };

  beforeAll(async () => {
    formsDir = mkdtempSync(join(tmpdir(), 'percorsi-forms-'));
    writeFileSync(join(formsDir, 'colloquio.form'), JSON.stringify(INTERVIEW_FORM));
    writeFileSync(join(formsDir, 'broken.form'), '{ not json');
    wire(await startTestApp({ FORMS_DIR: formsDir }, undefined, { engine: { clock: clock.now } }));
    const repository = db.getRepository(Account);
    for (const [username, role, unitCode, active = true] of accounts) {
      await repository.insert({
        username,
        displayName: username,
        role,
        unitCode,
        active,
        passwordHash: await hashPassword(`${username}-password`),
        passwordChangedAt: new Date(),
      });
      if (active) tokens[username] = await server.login(username, `${username}-password`);
    }
    tokens.admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    await engine.deploy([
      { name: 'tl-intake.bpmn', content: INTAKE },
      { name: 'tl-sign.bpmn', content: SIGN },
      { name: 'tl-approval.bpmn', content: APPROVAL },
      { name: 'tl-deadline.bpmn', content: DEADLINE },
    ]);
  });
  afterAll(async () => {
    await server.drop();
    rmSync(formsDir, { recursive: true, force: true });
  });

  const api = (method: string, path: string, who: string, body?: unknown): Promise<TestResponse> =>
    server.request(method, `/api${path}`, { token: tokens[who], body });
  const poller = () => server.app.get(UserTaskPoller);
  const reconciler = () => server.app.get(TaskReconciler);

  /** Starts an instance for a new case of the unit and returns its first task (once recorded). */
  const start = async (
    bpmnProcessId: string,
    unit = 'III',
    variables: Record<string, unknown> = {},
  ): Promise<{ taskId: string; caseNumber: string; processInstanceKey: string }> => {
    caseSerial += 1;
    const caseNumber = `SSC-${unit}-2026-${String(caseSerial).padStart(6, '0')}`;
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId,
      businessKey: caseNumber,
      variables: variables as never,
    });
    await poller().pollNow();
    const [row] = await db.query(
      `SELECT job_key::text AS id FROM task WHERE process_instance_key = $1 AND state = 'CREATED'`,
      [processInstanceKey],
    );
    expect(row).toBeDefined();
    return { taskId: row.id, caseNumber, processInstanceKey };
  };
  const view = async (who: string, query: string): Promise<any[]> => {
    const response = await api('GET', `/tasks?${query}&limit=100`, who);
    expect(response.status).toBe(200);
    return response.body.items;
  };
  const ids = async (who: string, query: string): Promise<string[]> =>
    (await view(who, query)).map((t) => t.id);
  const taskRow = async (id: string) =>
    (
      await db.query(`SELECT state, assignee, version, completed_by FROM task WHERE job_key = $1`, [
        id,
      ])
    )[0];
  const jobState = async (id: string) =>
    (await db.query(`SELECT state FROM job WHERE key = $1`, [id]))[0]?.state;
  const instanceState = async (key: string) =>
    (await db.query(`SELECT state FROM process_instance WHERE key = $1`, [key]))[0]?.state;
  const expectError = (response: TestResponse, status: number, message?: string | RegExp) => {
    expect({ status: response.status, message: response.body?.message }).toEqual({
      status,
      message:
        message instanceof RegExp
          ? expect.stringMatching(message)
          : (message ?? expect.any(String)),
    });
  };
  const claim = async (id: string, who = 'assistente.iii') =>
    expect((await api('POST', `/tasks/${id}/claim`, who)).status).toBe(200);

  it('records a user task in its unit: unassigned view of the candidates, never another unit', async () => {
    const { taskId, caseNumber, processInstanceKey } = await start('tl-intake', 'III', {
      due: '2026-03-12T09:00:00Z',
    });

    const [task] = (await view('assistente.iii', 'view=unit-unassigned')).filter(
      (t) => t.id === taskId,
    );
    expect(task).toEqual({
      id: taskId,
      name: 'Primo colloquio',
      caseNumber,
      // A business key with no case behind it: no case, no person; the model has no name.
      caseId: null,
      personName: null,
      pathName: 'tl-intake',
      processName: 'tl-intake',
      bpmnProcessId: 'tl-intake',
      elementId: 'colloquio',
      processInstanceKey,
      assignee: null,
      assigneeName: null,
      candidateGroups: ['caseworker-III'],
      candidateUsers: [],
      createdAt: '2026-03-02T09:00:00.000Z',
      dueDate: '2026-03-12T09:00:00.000Z',
      followUpDate: null,
      priority: 80,
      formKey: 'tl-colloquio',
      state: 'CREATED',
      completedAt: null,
      completedBy: null,
      completedByName: null,
      canceledAt: null,
    });
    expect(await ids('coordinatore.iii', 'view=unit')).toContain(taskId);
    // Unit V: not in any view, and 404 by id.
    expect(await ids('assistente.v', 'view=unit-unassigned')).not.toContain(taskId);
    expect(await ids('coordinatore.v', 'view=unit')).not.toContain(taskId);
    for (const who of ['assistente.v', 'coordinatore.v']) {
      expectError(await api('GET', `/tasks/${taskId}`, who), 404, 'Attività non trovata.');
    }
    // A case of unit V: seen there, not in III.
    const other = await start('tl-sign', 'V');
    expect(await ids('assistente.v', 'view=unit-unassigned')).toContain(other.taskId);
    expect(await ids('assistente.iii', 'view=unit-unassigned')).not.toContain(other.taskId);
    expectError(await api('GET', `/tasks/${other.taskId}`, 'coordinatore.iii'), 404);

    // Recording again (at-least-once delivery) changes nothing.
    const before = await taskRow(taskId);
    await poller().pollNow();
    expect(await taskRow(taskId)).toEqual(before);
  });

  it('claim → mine; complete with valid answers → the path moves on to its next task, then ends', async () => {
    const { taskId, processInstanceKey } = await start('tl-intake', 'III', {
      due: '2026-03-20T09:00:00Z',
    });
    const claimed = await api('POST', `/tasks/${taskId}/claim`, 'assistente.iii');
    expect(claimed).toMatchObject({
      status: 200,
      body: { id: taskId, assignee: 'assistente.iii' },
    });
    expect(await ids('assistente.iii', 'view=mine')).toContain(taskId);
    expect(await ids('assistente.iii', 'view=unit-unassigned')).not.toContain(taskId);
    expect(await ids('collega.iii', 'view=unit-unassigned')).not.toContain(taskId);

    const form = await api('GET', `/tasks/${taskId}/form`, 'assistente.iii');
    expect(form).toMatchObject({
      status: 200,
      body: { id: 'tl-colloquio', components: expect.any(Array) },
    });

    expect(
      (
        await api('POST', `/tasks/${taskId}/complete`, 'assistente.iii', {
          variables: VALID_ANSWERS,
        })
      ).status,
    ).toBe(204);
    expect(await api('GET', `/tasks/${taskId}`, 'assistente.iii')).toMatchObject({
      status: 200,
      body: {
        state: 'COMPLETED',
        completedBy: 'assistente.iii',
        completedByName: 'assistente.iii',
        completedAt: '2026-03-02T09:00:00.000Z',
      },
    });
    expect(await ids('assistente.iii', 'view=mine')).not.toContain(taskId);
    expect(await ids('assistente.iii', 'view=completed')).toContain(taskId);
    expect(await jobState(taskId)).toBe('COMPLETED');

    await poller().pollNow();
    const [next] = (await view('assistente.iii', 'view=unit-unassigned')).filter(
      (t) => t.processInstanceKey === processInstanceKey,
    );
    expect(next).toMatchObject({
      name: 'Piano individualizzato',
      elementId: 'piano',
      candidateGroups: ['caseworker'],
    });
    // The answers are now process variables, seen by the next task.
    expect((await api('GET', `/tasks/${next.id}/variables`, 'assistente.iii')).body).toMatchObject(
      VALID_ANSWERS,
    );

    await claim(next.id);
    expect((await api('POST', `/tasks/${next.id}/complete`, 'assistente.iii', {})).status).toBe(
      204,
    );
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
  });

  it('refuses a completion by anyone but the assignee (409): claim first', async () => {
    const { taskId } = await start('tl-sign');
    expectError(
      await api('POST', `/tasks/${taskId}/complete`, 'assistente.iii', {}),
      409,
      'Attività non assegnata a te: prenderla in carico prima di completarla.',
    );
    await claim(taskId, 'collega.iii');
    expectError(
      await api('POST', `/tasks/${taskId}/claim`, 'assistente.iii'),
      409,
      'Attività già presa in carico da collega.iii.',
    );
    expectError(
      await api('POST', `/tasks/${taskId}/complete`, 'assistente.iii', {}),
      409,
      /^Attività assegnata a collega\.iii/,
    );
    expect(await taskRow(taskId)).toMatchObject({ state: 'CREATED', assignee: 'collega.iii' });
    expect(await jobState(taskId)).toBe('ACTIVATED');
  });

  it('invalid answers: 400 with a message per field, and nothing changes (task and engine job still open)', async () => {
    const { taskId } = await start('tl-intake', 'III', { due: '2026-03-20T09:00:00Z' });
    await claim(taskId);
    const before = await taskRow(taskId);

    const invalid = await api('POST', `/tasks/${taskId}/complete`, 'assistente.iii', {
      variables: { componenti: 50, percorso: 'vacanza', nota: 'x' },
    });
    expectError(invalid, 400, 'I dati del modulo non sono validi: correggere i campi indicati.');
    const fields = Object.fromEntries(
      (invalid.body.details as Array<{ field: string; messages: string[] }>).map((d) => [
        d.field,
        d.messages,
      ]),
    );
    expect(fields).toEqual({
      esito: ['Campo obbligatorio.'],
      componenti: ['Deve essere al massimo 20.'],
      percorso: [expect.stringMatching(/^Valore non ammesso/)],
      nota: ['Campo non previsto.'],
    });
    expectError(await api('POST', `/tasks/${taskId}/complete`, 'assistente.iii', {}), 400);
    expectError(
      await api('POST', `/tasks/${taskId}/complete`, 'assistente.iii', { variables: [1] }),
      400,
    );

    expect(await taskRow(taskId)).toEqual(before);
    expect(await jobState(taskId)).toBe('ACTIVATED');
    expect(await ids('assistente.iii', 'view=mine')).toContain(taskId);

    // A task without a form takes no answers.
    const sign = await start('tl-sign');
    await claim(sign.taskId);
    const extra = await api('POST', `/tasks/${sign.taskId}/complete`, 'assistente.iii', {
      variables: { esito: 'ok' },
    });
    expectError(extra, 400, 'Questa attività non ha un modulo: si completa senza dati.');
    expect(extra.body.details).toEqual([{ field: 'esito', messages: ['campo non previsto'] }]);
    expectError(
      await api('GET', `/tasks/${sign.taskId}/form`, 'assistente.iii'),
      404,
      'Questa attività non ha un modulo.',
    );
    expect(await jobState(sign.taskId)).toBe('ACTIVATED');
    expect(
      (await api('POST', `/tasks/${sign.taskId}/complete`, 'assistente.iii', { variables: {} }))
        .status,
    ).toBe(204);
  });

  it('20 parallel completions of one task: exactly one 204, nineteen 409 naming who completed it', async () => {
    const { taskId, processInstanceKey } = await start('tl-intake', 'III', {
      due: '2026-03-20T09:00:00Z',
    });
    await claim(taskId);
    const second = await server.login('assistente.iii', 'assistente.iii-password');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.request('POST', `/api/tasks/${taskId}/complete`, {
          token: i % 2 ? second : tokens['assistente.iii'],
          body: { variables: { ...VALID_ANSWERS, componenti: i + 1 } },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([204, ...Array(19).fill(409)]);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(response.body.message).toBe(
        `Attività già completata da assistente.iii ${romeStamp(clock.now())}.`,
      );
    }
    // The engine took one completion: one next task, one set of answers.
    const completions = await db.query(
      `SELECT count(*)::int AS n FROM flow_event WHERE process_instance_key = $1 AND element_id = 'colloquio' AND intent = 'ELEMENT_COMPLETED'`,
      [processInstanceKey],
    );
    expect(completions[0].n).toBe(1);
    await poller().pollNow();
    const next = await db.query(
      `SELECT element_id FROM task WHERE process_instance_key = $1 AND state = 'CREATED'`,
      [processInstanceKey],
    );
    expect(next).toEqual([{ element_id: 'piano' }]);
    expect(await taskRow(taskId)).toMatchObject({
      state: 'COMPLETED',
      completed_by: 'assistente.iii',
    });
  });

  it('a task whose instance was cancelled: 409 «Il percorso di questa attività è stato annullato.», out of the views', async () => {
    const { taskId, processInstanceKey } = await start('tl-sign');
    await claim(taskId);
    await engine.cancelInstance(processInstanceKey);
    expectError(
      await api('POST', `/tasks/${taskId}/complete`, 'assistente.iii', {}),
      409,
      'Il percorso di questa attività è stato annullato.',
    );
    expect(await taskRow(taskId)).toMatchObject({ state: 'CANCELED' });
    expect(await ids('assistente.iii', 'view=mine')).not.toContain(taskId);
    expectError(
      await api('POST', `/tasks/${taskId}/unclaim`, 'assistente.iii'),
      409,
      'Il percorso di questa attività è stato annullato.',
    );

    // Found by the background reconciliation too, without anyone trying to complete it.
    const other = await start('tl-sign');
    await engine.cancelInstance(other.processInstanceKey);
    await reconciler().reconcileNow();
    expect(await taskRow(other.taskId)).toMatchObject({ state: 'CANCELED' });
    expect(await ids('assistente.iii', 'view=unit-unassigned')).not.toContain(other.taskId);
  });

  it('an interrupting boundary event takes the task out of the views', async () => {
    const { taskId, processInstanceKey } = await start('tl-deadline');
    expect(await ids('assistente.iii', 'view=unit-unassigned')).toContain(taskId);
    await claim(taskId);

    clock.advance(11 * DAY);
    await engine.settle();
    expect(await instanceState(processInstanceKey)).toBe('COMPLETED');
    await reconciler().reconcileNow();

    expect(await ids('assistente.iii', 'view=mine')).not.toContain(taskId);
    expect(await ids('coordinatore.iii', 'view=unit')).not.toContain(taskId);
    expect((await api('GET', `/tasks/${taskId}`, 'assistente.iii')).body).toMatchObject({
      state: 'CANCELED',
      canceledAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expectError(
      await api('POST', `/tasks/${taskId}/complete`, 'assistente.iii', {}),
      409,
      /^Questa attività non è più da svolgere/,
    );
  });

  it('sorts by due date, most urgent first and undated last, then by creation; filters and pages', async () => {
    const at = (days: number) => new Date(clock.now().getTime() + days * DAY).toISOString();
    const in5 = await start('tl-intake', 'III', { due: at(5) });
    const in1 = await start('tl-intake', 'III', { due: at(1) });
    const undated = await start('tl-sign');
    const in3 = await start('tl-intake', 'III', { due: at(3) });
    const ours = [in5, in1, undated, in3].map((t) => t.taskId);

    const order = (await ids('assistente.iii', 'view=unit-unassigned')).filter((id) =>
      ours.includes(id),
    );
    expect(order).toEqual([in1.taskId, in3.taskId, in5.taskId, undated.taskId]);
    // Every dated task comes before every undated one, in the whole view.
    const dues = (await view('coordinatore.iii', 'view=unit')).map((t) => t.dueDate);
    const firstUndated = dues.indexOf(null);
    expect(dues.slice(firstUndated).every((d) => d === null)).toBe(true);
    expect(dues.slice(0, firstUndated)).toEqual([...dues.slice(0, firstUndated)].sort());

    const before4 = await ids(
      'assistente.iii',
      `view=unit-unassigned&dueAfter=${at(0)}&dueBefore=${encodeURIComponent(at(4))}`,
    );
    expect(before4.filter((id) => ours.includes(id))).toEqual([in1.taskId, in3.taskId]);
    expect(
      await ids('assistente.iii', `view=unit-unassigned&caseNumber=${in3.caseNumber}`),
    ).toEqual([in3.taskId]);
    const signs = await view('assistente.iii', 'view=unit-unassigned&bpmnProcessId=tl-sign');
    expect(signs.every((t) => t.bpmnProcessId === 'tl-sign')).toBe(true);
    expect(signs.map((t) => t.id)).toContain(undated.taskId);
    const urgent = await view('assistente.iii', 'view=unit-unassigned&priority=80');
    expect(urgent.length).toBeGreaterThan(0);
    expect(urgent.every((t) => t.priority === 80)).toBe(true);

    const page = await api('GET', '/tasks?view=unit-unassigned&limit=2&offset=1', 'assistente.iii');
    const all = await ids('assistente.iii', 'view=unit-unassigned');
    expect(page.body).toMatchObject({ total: all.length, totalExact: true, limit: 2, offset: 1 });
    expect(page.body.items.map((t: { id: string }) => t.id)).toEqual(all.slice(1, 3));

    for (const query of [
      'view=tutte',
      'limit=0',
      'limit=101',
      'priority=101',
      'dueBefore=domani',
      'caseNumber=123',
      'assigned=forse',
      'colore=rosso',
    ]) {
      expectError(await api('GET', `/tasks?${query}`, 'assistente.iii'), 400);
    }
  });

  it('coordinators: the whole unit, assignment to active colleagues of the unit, unclaim, the unit’s completed', async () => {
    const { taskId } = await start('tl-sign');
    expectError(
      await api('POST', `/tasks/${taskId}/assign`, 'coordinatore.iii', {
        username: 'assistente.v',
      }),
      400,
      /assistente\.v.*unità III/,
    );
    expectError(
      await api('POST', `/tasks/${taskId}/assign`, 'coordinatore.iii', {
        username: 'inattivo.iii',
      }),
      400,
    );
    expectError(
      await api('POST', `/tasks/${taskId}/assign`, 'coordinatore.iii', {
        username: 'sportello.iii',
      }),
      400,
    );
    expectError(await api('POST', `/tasks/${taskId}/assign`, 'coordinatore.iii', {}), 400);
    expect(await taskRow(taskId)).toMatchObject({ assignee: null });

    const assigned = await api('POST', `/tasks/${taskId}/assign`, 'coordinatore.iii', {
      username: 'COLLEGA.III',
    });
    expect(assigned).toMatchObject({ status: 200, body: { assignee: 'collega.iii' } });
    expect(await ids('collega.iii', 'view=mine')).toContain(taskId);
    // The coordinator's lists of held and unheld tasks (the board's "da assegnare").
    expect(await ids('coordinatore.iii', 'view=unit&assigned=true')).toContain(taskId);
    expect(await ids('coordinatore.iii', 'view=unit&assigned=false')).not.toContain(taskId);
    const told = (await api('GET', '/notifications', 'collega.iii')).body.items.filter(
      (n: { kind: string; link: string }) =>
        n.kind === 'task-assigned' && n.link === `/attivita/${taskId}`,
    );
    expect(told).toHaveLength(1);
    // Assigning again to the same person is no news.
    await api('POST', `/tasks/${taskId}/assign`, 'coordinatore.iii', { username: 'collega.iii' });
    expect(
      (await api('GET', '/notifications', 'collega.iii')).body.items.filter(
        (n: { kind: string }) => n.kind === 'task-assigned',
      ),
    ).toHaveLength(1);
    expect(await ids('coordinatore.iii', 'view=unit')).toContain(taskId);
    // Another caseworker (a candidate, so the task is visible) may not release it.
    expectError(
      await api('POST', `/tasks/${taskId}/unclaim`, 'assistente.iii'),
      403,
      /^Solo chi ha in carico/,
    );
    expect(
      (await api('POST', `/tasks/${taskId}/unclaim`, 'coordinatore.iii')).body.assignee,
    ).toBeNull();
    expect(await ids('coordinatore.iii', 'view=unit&assigned=false')).toContain(taskId);
    expect(await ids('coordinatore.iii', 'view=unit&assigned=true')).not.toContain(taskId);
    expectError(
      await api('POST', `/tasks/${taskId}/unclaim`, 'coordinatore.iii'),
      409,
      'L’attività non è assegnata a nessuno.',
    );

    await claim(taskId, 'collega.iii');
    expect((await api('POST', `/tasks/${taskId}/unclaim`, 'collega.iii')).body.assignee).toBeNull();
    await claim(taskId, 'collega.iii');
    expect((await api('POST', `/tasks/${taskId}/complete`, 'collega.iii')).status).toBe(204);
    expect(await ids('coordinatore.iii', 'view=completed')).toContain(taskId);
    expect(await ids('collega.iii', 'view=completed')).toContain(taskId);
    expect(await ids('assistente.iii', 'view=completed')).not.toContain(taskId);
    expectError(
      await api('POST', `/tasks/${taskId}/assign`, 'coordinatore.iii', {
        username: 'assistente.iii',
      }),
      409,
      /^Attività già completata da collega\.iii/,
    );

    // A coordinators' task: claimable by the coordinator, invisible to caseworkers.
    const approval = await start('tl-approval');
    expect(await ids('coordinatore.iii', 'view=unit-unassigned')).toContain(approval.taskId);
    expect(await ids('assistente.iii', 'view=unit-unassigned')).not.toContain(approval.taskId);
    expectError(await api('GET', `/tasks/${approval.taskId}`, 'assistente.iii'), 404);
    expectError(await api('POST', `/tasks/${approval.taskId}/claim`, 'assistente.iii'), 404);
    await claim(approval.taskId, 'coordinatore.iii');
    // A coordinator who is not a candidate cannot claim, but can assign.
    const sign = await start('tl-sign');
    expectError(
      await api('POST', `/tasks/${sign.taskId}/claim`, 'coordinatore.iii'),
      403,
      /^Non sei tra i candidati/,
    );
    expect(
      (
        await api('POST', `/tasks/${sign.taskId}/assign`, 'coordinatore.iii', {
          username: 'coordinatore.iii',
        })
      ).status,
    ).toBe(200);
  });

  it('refuses front office, managers and administrators (403), another unit (404), caseworkers the coordinators’ actions (403)', async () => {
    const { taskId } = await start('tl-intake', 'III', { due: '2026-03-20T09:00:00Z' });
    const endpoints: Array<[string, string, unknown?]> = [
      ['GET', '/tasks'],
      ['GET', `/tasks/${taskId}`],
      ['GET', `/tasks/${taskId}/form`],
      ['GET', `/tasks/${taskId}/variables`],
      ['POST', `/tasks/${taskId}/claim`],
      ['POST', `/tasks/${taskId}/unclaim`],
      ['POST', `/tasks/${taskId}/assign`, { username: 'assistente.iii' }],
      ['POST', `/tasks/${taskId}/complete`, { variables: VALID_ANSWERS }],
      ['GET', '/task-filters'],
      ['POST', '/task-filters', { name: 'x', query: {} }],
      ['DELETE', '/task-filters/6f1c1f9e-2b7a-4c39-9d52-2f1d7a4f0b11'],
    ];
    for (const [method, path, body] of endpoints) {
      expect({
        path,
        status: (await server.request(method, `/api${path}`, { body })).status,
      }).toEqual({ path, status: 401 });
      for (const who of ['sportello.iii', 'dirigente', 'admin']) {
        const response = await api(method, path, who, body);
        expect({ who, method, path, status: response.status }).toEqual({
          who,
          method,
          path,
          status: 403,
        });
      }
    }
    for (const who of ['assistente.v', 'coordinatore.v']) {
      for (const [method, path, body] of endpoints.slice(1, 8)) {
        const response = await api(method, path, who, body);
        const expected = who === 'assistente.v' && path.endsWith('/assign') ? 403 : 404;
        expect({ who, method, path, status: response.status }).toEqual({
          who,
          method,
          path,
          status: expected,
        });
      }
    }
    expectError(
      await api('GET', '/tasks?view=unit', 'assistente.iii'),
      403,
      'La vista di tutta l’unità è riservata ai coordinatori.',
    );
    expectError(
      await api('POST', `/tasks/${taskId}/assign`, 'assistente.iii', {
        username: 'assistente.iii',
      }),
      403,
      'Solo il coordinatore dell’unità può assegnare le attività.',
    );
    expectError(await api('GET', '/tasks/99999', 'assistente.iii'), 404, 'Attività non trovata.');
    expectError(await api('GET', '/tasks/abc', 'assistente.iii'), 400);
    // Nothing changed.
    expect(await taskRow(taskId)).toMatchObject({ state: 'CREATED', assignee: null, version: 1 });
    expect(await jobState(taskId)).toBe('ACTIVATED');
  });

  it('saved filters: private to the owner, or shared within the unit; never across units', async () => {
    const create = (who: string, body: unknown) => api('POST', '/task-filters', who, body);
    const mine = await create('assistente.iii', {
      name: 'Urgenti',
      query: { view: 'unit-unassigned', priority: 80, dueBefore: '2026-04-01T00:00:00Z' },
    });
    expect(mine).toMatchObject({
      status: 201,
      body: {
        id: expect.any(String),
        name: 'Urgenti',
        query: { view: 'unit-unassigned', priority: 80, dueBefore: '2026-04-01T00:00:00Z' },
        owner: 'assistente.iii',
        sharedWithUnit: false,
      },
    });
    const shared = await create('assistente.iii', {
      name: 'Patti da firmare',
      query: { bpmnProcessId: 'tl-sign' },
      sharedWithUnit: true,
    });
    expect(shared.status).toBe(201);
    const coordinators = await create('coordinatore.v', {
      name: 'Unità V',
      query: { view: 'unit' },
      sharedWithUnit: true,
    });
    expect(coordinators.status).toBe(201);

    const names = async (who: string) =>
      (await api('GET', '/task-filters', who)).body.map((f: { name: string }) => f.name);
    expect(await names('assistente.iii')).toEqual(['Patti da firmare', 'Urgenti']);
    expect(await names('collega.iii')).toEqual(['Patti da firmare']);
    expect(await names('coordinatore.iii')).toEqual(['Patti da firmare']);
    expect(await names('assistente.v')).toEqual(['Unità V']);

    expectError(
      await create('assistente.iii', { name: 'urgenti', query: {} }),
      409,
      'Hai già un filtro chiamato «urgenti».',
    );
    expect((await create('collega.iii', { name: 'Urgenti', query: {} })).status).toBe(201);
    for (const body of [
      { name: '', query: {} },
      { name: 'x' },
      { name: 'x', query: { view: 'tutte' } },
      { name: 'x', query: { limit: 5 } },
      { name: 'x', query: {}, sharedWithUnit: 'sì' },
    ]) {
      expectError(await create('assistente.iii', body), 400);
    }

    expectError(
      await api('DELETE', `/task-filters/${shared.body.id}`, 'collega.iii'),
      403,
      /^Solo chi ha creato il filtro \(assistente\.iii\)/,
    );
    expectError(
      await api('DELETE', `/task-filters/${mine.body.id}`, 'collega.iii'),
      404,
      'Filtro non trovato.',
    );
    expectError(await api('DELETE', `/task-filters/${shared.body.id}`, 'assistente.v'), 404);
    expectError(
      await api('DELETE', `/task-filters/${coordinators.body.id}`, 'coordinatore.iii'),
      404,
    );
    expectError(await api('DELETE', '/task-filters/non-un-uuid', 'assistente.iii'), 400);
    expect((await api('DELETE', `/task-filters/${shared.body.id}`, 'assistente.iii')).status).toBe(
      204,
    );
    expect(await names('collega.iii')).toEqual(['Urgenti']);
  });

  it('repairs a crash: between "job completed" and "row updated", after a reservation, and between activation and recording', async () => {
    // The engine completed the job, the process died before the row: the reservation names the completer.
    const done = await start('tl-sign');
    await claim(done.taskId);
    const stale = new Date(clock.now().getTime() - 5 * 60 * 1000);
    await db.query(
      `UPDATE task SET completing_by = 'assistente.iii', completing_at = $2 WHERE job_key = $1`,
      [done.taskId, stale],
    );
    await engine.completeJob(done.taskId, {});
    await reconciler().reconcileNow();
    expect(await taskRow(done.taskId)).toMatchObject({
      state: 'COMPLETED',
      completed_by: 'assistente.iii',
    });
    expect(await ids('assistente.iii', 'view=mine')).not.toContain(done.taskId);

    // The process died after the reservation, before the engine: the task can be completed again.
    const open = await start('tl-sign');
    await claim(open.taskId);
    await db.query(
      `UPDATE task SET completing_by = 'assistente.iii', completing_at = $2 WHERE job_key = $1`,
      [open.taskId, stale],
    );
    expect((await api('POST', `/tasks/${open.taskId}/complete`, 'assistente.iii', {})).status).toBe(
      204,
    );
    expect(await taskRow(open.taskId)).toMatchObject({
      state: 'COMPLETED',
      completed_by: 'assistente.iii',
    });

    // A job completed outside the tasklist (a Zeebe client on the engine): completed by nobody known.
    const outside = await start('tl-sign');
    await engine.completeJob(outside.taskId, {});
    await reconciler().reconcileNow();
    expect(await taskRow(outside.taskId)).toMatchObject({ state: 'COMPLETED', completed_by: null });
    expectError(
      await api('POST', `/tasks/${outside.taskId}/claim`, 'assistente.iii'),
      409,
      `Attività già completata ${romeStamp(clock.now())}.`,
    );

    // Activated, not recorded: the row is written at the next start.
    const lost = await start('tl-sign');
    await db.query(`DELETE FROM task WHERE job_key = $1`, [lost.taskId]);
    wire(await server.restart());
    for (const [username] of accounts.filter(([, , , active]) => active !== false)) {
      tokens[username] = await server.login(username, `${username}-password`);
    }
    await poller().pollNow();
    expect(await ids('assistente.iii', 'view=unit-unassigned')).toContain(lost.taskId);
    expect(await jobState(lost.taskId)).toBe('ACTIVATED');
  });
});
