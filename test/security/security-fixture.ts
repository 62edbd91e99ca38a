import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { NotificationKind } from '../../src/notifications/notification-kind';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { bpmn, serviceTask } from '../engine/models';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp, TestResponse } from '../support/test-app';
import { pdf } from '../support/documents';

const PASSWORD = 'una-password-di-prova';

/**
 * Who calls, in the order each route is called: the denied first, the allowed
 * last, so a change made by an allowed caller cannot alter a denied cell.
 * `anna.iii` is the case manager of the fixture case of unit III; `bruno.iii`
 * a caseworker of III not on it; `carla.v` and `coord.v` work in unit V.
 */
export const CALLERS = [
  'anonymous',
  'front.iii',
  'boss',
  'admin',
  'carla.v',
  'coord.v',
  'bruno.iii',
  'anna.iii',
  'coord.iii',
  'worker',
] as const;
export type Caller = (typeof CALLERS)[number];

const ACCOUNTS: Array<[Exclude<Caller, 'anonymous' | 'admin'>, string, string | null]> = [
  ['front.iii', 'front-office', 'III'],
  ['boss', 'manager', null],
  ['carla.v', 'caseworker', 'V'],
  ['coord.v', 'coordinator', 'V'],
  ['bruno.iii', 'caseworker', 'III'],
  ['anna.iii', 'caseworker', 'III'],
  ['coord.iii', 'coordinator', 'III'],
  ['worker', 'worker', null],
];

export interface Upload {
  fileName: string;
  content: Buffer;
  description?: string;
}

export interface Call {
  path: string;
  body?: unknown;
  upload?: Upload;
  /** Instead of the caller's fixture token (a session the call may end). */
  token?: string;
}

/** start → start a 120-day deadline → a user task of the unit's caseworkers (with a form) → end. */
const CASE_PATH = bpmn(
  'matrix-case-path',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    serviceTask(
      'startDeadline',
      'percorsi:start-deadline',
      '<zeebe:taskHeaders><zeebe:header key="kind" value="first-meeting" /><zeebe:header key="label" value="Primo incontro" /><zeebe:header key="amount" value="120" /><zeebe:header key="unit" value="calendarDays" /></zeebe:taskHeaders>',
    ),
    {
      id: 'meeting',
      type: 'bpmn:userTask',
      body: '<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="caseworker" /><zeebe:formDefinition formKey="intake-take-in-charge" /></bpmn:extensionElements>',
    },
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'startDeadline' },
    { id: 'f2', from: 'startDeadline', to: 'meeting' },
    { id: 'f3', from: 'meeting', to: 'end' },
  ],
);

/** One user task of the unit's caseworkers, no form: for the task actions. */
export const PLAIN_TASK = bpmn(
  'matrix-plain-task',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    {
      id: 'work',
      type: 'bpmn:userTask',
      body: '<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="caseworker" /></bpmn:extensionElements>',
    },
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'work' },
    { id: 'f2', from: 'work', to: 'end' },
  ],
);

/** Waits for the Prefettura's eviction date (a decision recorded from the case file). */
const DECISION_PATH = bpmn(
  'matrix-decision',
  [
    { id: 'start', type: 'bpmn:startEvent' },
    {
      id: 'evictionDate',
      type: 'bpmn:intermediateCatchEvent',
      body: '<bpmn:messageEventDefinition messageRef="EvictionDate" />',
    },
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [
    { id: 'f1', from: 'start', to: 'evictionDate' },
    { id: 'f2', from: 'evictionDate', to: 'end' },
  ],
  '<bpmn:message id="EvictionDate" name="data-sgombero-fissata"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>',
);

export const PDF = pdf('Relazione di prova');

export interface OpenedCase {
  caseId: string;
  caseNumber: string;
  personId: string;
}

/**
 * One app, and in unit III a case with a path (a running deadline and an open
 * task with a form), a document, a diary entry; a referral; a second case for
 * the task actions; a case of unit V. Every account of every role signed in.
 */
export class SecurityFixture {
  server!: TestApp;
  db!: DataSource;
  engine!: EmbeddedEngine;
  readonly tokens: Partial<Record<Caller, string>> = {};
  readonly ids: Record<string, string> = {};
  main!: OpenedCase & {
    instanceKey: string;
    deadlineId: string;
    documentId: string;
    /** The main case's second path, waiting for an outside decision. */
    decisionKey: string;
    householdId: string;
  };
  taskCase!: OpenedCase;
  grantCase!: OpenedCase;
  caseV!: OpenedCase & { documentId: string; instanceKey: string; taskId: string };
  tasks!: {
    read: string;
    claim: string;
    unclaim: string;
    assign: string;
    complete: string;
  };
  referralId!: string;
  referralDocumentId!: string;
  diaryId!: string;
  notificationId!: string;
  filterId!: string;
  definitionKey!: string;
  cancelKey!: string;
  private nextName = 0;

  async start(env: Record<string, string> = {}): Promise<this> {
    this.server = await startTestApp(env);
    this.db = this.server.app.get(DataSource);
    this.engine = this.server.app.get(ProcessEngine) as EmbeddedEngine;
    const hash = await hashPassword(PASSWORD);
    for (const [username, role, unit] of ACCOUNTS) {
      const [row] = await this.db.query(
        `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
        [username, role, unit, hash],
      );
      this.ids[username] = row.id;
    }
    for (const [username] of ACCOUNTS) {
      this.tokens[username] = await this.server.login(username, PASSWORD);
    }
    this.tokens.admin = await this.server.login('admin', TEST_ADMIN_PASSWORD);
    const [admin] = await this.db.query(`SELECT id FROM account WHERE username = 'admin'`);
    this.ids.admin = admin.id;

    const deployed = await this.engine.deploy([
      { name: 'matrix-case-path.bpmn', content: CASE_PATH },
      { name: 'matrix-plain-task.bpmn', content: PLAIN_TASK },
      { name: 'matrix-decision.bpmn', content: DECISION_PATH },
    ]);
    this.definitionKey = deployed[0].processDefinitionKey;

    const main = await this.openCase('coord.iii', 'anna.iii', 'Rossi', 'Maria');
    const instanceKey = await this.startPath('matrix-case-path', main);
    const read = await this.waitForTask(main.caseNumber);
    this.expectOk(await this.call('anna.iii', 'POST', `/api/tasks/${read}/claim`));
    const deadlines = await this.call('anna.iii', 'GET', `/api/cases/${main.caseId}/deadlines`);
    const document = await this.call('anna.iii', 'POST', `/api/cases/${main.caseId}/documents`, {
      path: '',
      upload: { fileName: 'relazione.pdf', content: PDF, description: 'Relazione' },
    });
    const diary = await this.call('anna.iii', 'POST', `/api/cases/${main.caseId}/diary`, {
      path: '',
      body: { kind: 'meeting', occurredAt: '2026-03-02T10:00:00Z', text: 'Primo colloquio.' },
    });
    this.diaryId = this.expectOk(diary).body.id;
    const household = await this.call('front.iii', 'POST', '/api/households', {
      path: '',
      body: {
        address: 'Via Maqueda 100, Palermo',
        members: [{ personId: main.personId, relationship: 'intestatario' }],
      },
    });
    this.main = {
      ...main,
      instanceKey,
      deadlineId: this.expectOk(deadlines).body[0].id,
      documentId: this.expectOk(document).body.id,
      decisionKey: await this.startPath('matrix-decision', main),
      householdId: this.expectOk(household).body.id,
    };

    this.taskCase = await this.openCase('coord.iii', 'anna.iii', 'Verdi', 'Giuseppe');
    const taskIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      await this.startPath('matrix-plain-task', this.taskCase);
      taskIds.push(await this.waitForTask(this.taskCase.caseNumber, taskIds));
    }
    const [claim, unclaim, assign, complete] = taskIds;
    for (const id of [unclaim, complete]) {
      this.expectOk(await this.call('anna.iii', 'POST', `/api/tasks/${id}/claim`));
    }
    this.tasks = { read, claim, unclaim, assign, complete };
    this.grantCase = await this.openCase('coord.iii', 'anna.iii', 'Neri', 'Lucia');

    const caseV = await this.openCase('coord.v', 'carla.v', 'Russo', 'Anna', 'V');
    const instanceV = await this.startPath('matrix-case-path', caseV);
    const taskV = await this.waitForTask(caseV.caseNumber);
    const documentV = await this.call('carla.v', 'POST', `/api/cases/${caseV.caseId}/documents`, {
      path: '',
      upload: { fileName: 'decreto.pdf', content: PDF },
    });
    this.caseV = {
      ...caseV,
      instanceKey: instanceV,
      taskId: taskV,
      documentId: this.expectOk(documentV).body.id,
    };

    const referral = await this.call('front.iii', 'POST', '/api/referrals', {
      path: '',
      body: { channel: 'police', urgency: 'urgent', requestText: 'Segnalazione urgente.' },
    });
    this.referralId = this.expectOk(referral).body.id;
    const attachment = await this.call('front.iii', 'POST', '', {
      path: `/api/referrals/${this.referralId}/documents`,
      upload: { fileName: 'verbale.pdf', content: PDF },
    });
    this.referralDocumentId = this.expectOk(attachment).body.id;
    const [notification] = await this.server.app
      .get(NotificationsService)
      .notify([this.ids['anna.iii']], {
        kind: NotificationKind.Generic,
        subject: 'Promemoria',
        body: 'Testo',
      });
    this.notificationId = notification;
    const filter = await this.call('anna.iii', 'POST', '/api/task-filters', {
      path: '',
      body: { name: 'Le mie', query: { view: 'mine' } },
    });
    this.filterId = this.expectOk(filter).body.id;
    this.cancelKey = (
      await this.engine.createInstance({ bpmnProcessId: 'matrix-plain-task', variables: {} })
    ).processInstanceKey;
    await this.engine.settle();
    return this;
  }

  stop(): Promise<void> {
    return this.server?.drop();
  }

  /** A new session of the caller, for calls that end or renew one. */
  async freshSession(who: Caller): Promise<{ accessToken: string; refreshToken: string }> {
    const password = who === 'admin' ? TEST_ADMIN_PASSWORD : PASSWORD;
    const login = await this.server.request('POST', '/api/auth/login', {
      body: { username: who, password },
    });
    return this.expectOk(login).body;
  }

  /** An account nobody else uses, created by the administrator, for calls that change one. */
  async spareAccount(): Promise<string> {
    const created = await this.call('admin', 'POST', '/api/accounts', {
      path: '/api/accounts',
      body: {
        username: `riserva.${this.uniqueName().toLowerCase()}`,
        displayName: 'Account di riserva',
        role: 'caseworker',
        unitCode: 'III',
        password: 'una-password-di-riserva',
      },
    });
    return this.expectOk(created).body.id;
  }

  /** A name no other registered person has (names hold letters only). */
  uniqueName(): string {
    let n = this.nextName++;
    let letters = '';
    do {
      letters = String.fromCharCode(97 + (n % 26)) + letters;
      n = Math.floor(n / 26);
    } while (n > 0);
    return `Esposito${letters}`;
  }

  async person(surname = this.uniqueName(), name = 'Carmela'): Promise<string> {
    return this.expectOk(
      await this.call('front.iii', 'POST', '/api/persons', { path: '', body: { surname, name } }),
    ).body.id;
  }

  async openCase(
    coordinator: Caller,
    caseManager: Caller,
    surname: string,
    name: string,
    unit = 'III',
  ): Promise<OpenedCase> {
    const personId = await this.person(surname, name);
    const opened = await this.call(coordinator, 'POST', '/api/cases', {
      path: '',
      body: { personId, caseManagerId: this.ids[caseManager] },
    });
    const { id, caseNumber } = this.expectOk(opened).body;
    expect(caseNumber).toContain(`-${unit}-`);
    return { caseId: id, caseNumber, personId };
  }

  /** Starts a path for a case, as the intake's worker does (a case_path row for the case's process view). */
  async startPath(bpmnProcessId: string, opened: OpenedCase): Promise<string> {
    const { processInstanceKey } = await this.engine.createInstance({
      bpmnProcessId,
      businessKey: opened.caseNumber,
      variables: { caseId: opened.caseId, caseNumber: opened.caseNumber },
    });
    await this.db.query(
      `INSERT INTO case_path (case_id, bpmn_process_id, process_instance_key, started_at) VALUES ($1, $2, $3, now())`,
      [opened.caseId, bpmnProcessId, processInstanceKey],
    );
    await this.engine.settle();
    return processInstanceKey;
  }

  /** The newest open task of the case not in `known` (the tasklist fills in the background). */
  async waitForTask(caseNumber: string, known: string[] = []): Promise<string> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const rows: Array<{ id: string }> = await this.db.query(
        `SELECT job_key::text AS id FROM task WHERE case_number = $1 AND state = 'CREATED'`,
        [caseNumber],
      );
      const found = rows.find((r) => !known.includes(r.id));
      if (found) return found.id;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no task for ${caseNumber}`);
  }

  /** One request as `who`: JSON, or multipart for an upload; `call.path` overrides `path` when set. */
  async call(
    who: Caller,
    method: string,
    path: string,
    call: Call = { path },
  ): Promise<TestResponse> {
    const url = call.path || path;
    const token = call.token ?? (who === 'anonymous' ? undefined : this.tokens[who]);
    if (!call.upload) return this.server.request(method, url, { token, body: call.body });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(call.upload.content)]), call.upload.fileName);
    if (call.upload.description) form.append('description', call.upload.description);
    const response = await fetch(this.server.baseUrl + url, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, headers: response.headers, body };
  }

  expectOk(response: TestResponse): TestResponse {
    if (response.status >= 300) {
      throw new Error(`fixture step failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response;
  }
}
