import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { DeadlineEscalation } from '../../src/deadlines/deadline-escalation';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine, Variables } from '../../src/engine/engine.port';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'una-password-di-prova';

/** Unit III's people (plus a caseworker of unit V, who must never see III's work). */
const ACCOUNTS: Array<[string, string, string]> = [
  ['front.iii', 'front-office', 'III'],
  ['coord.iii', 'coordinator', 'III'],
  ['anna.iii', 'caseworker', 'III'],
  ['bruno.iii', 'caseworker', 'III'],
  ['carla.v', 'caseworker', 'V'],
];

export interface Task {
  id: string;
  name: string;
  elementId: string;
  assignee: string | null;
  dueDate: string | null;
  processInstanceKey: string;
}

/**
 * Drives a shipped path as its users do: the real app over HTTP on its own database, the
 * shipped models deployed at start, a clock the test moves. One per spec file.
 */
export class PathDriver {
  readonly tokens: Record<string, string> = {};
  readonly ids: Record<string, string> = {};
  server!: TestApp;
  db!: DataSource;
  engine!: EmbeddedEngine;

  constructor(readonly clock = new TestClock('2026-03-02T09:00:00.000Z')) {}

  async start(): Promise<this> {
    this.server = await startTestApp({}, undefined, { engine: { clock: this.clock.now } });
    this.db = this.server.app.get(DataSource);
    this.engine = this.server.app.get(ProcessEngine) as EmbeddedEngine;
    const hash = await hashPassword(PASSWORD);
    for (const [username, role, unit] of ACCOUNTS) {
      const [row] = await this.db.query(
        `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
        [username, role, unit, hash],
      );
      this.ids[username] = row.id;
      this.tokens[username] = await this.server.login(username, PASSWORD);
    }
    return this;
  }

  stop(): Promise<void> {
    return this.server?.drop();
  }

  as(who: string): { token: string } {
    return { token: this.tokens[who] };
  }

  /** A person registered by the front office and a case opened by unit III's coordinator. */
  async openCase(
    surname = 'Rossi',
    name = 'Maria',
  ): Promise<{ caseId: string; caseNumber: string }> {
    const { caseId, caseNumber } = await this.open(surname, name);
    return { caseId, caseNumber };
  }

  /**
   * A case opened on a path from the case file (`path` as the API names it): recorded as the
   * case's path, so the decisions it awaits are offered there. `key` is the path's instance.
   */
  async openCaseOnPath(
    surname: string,
    name: string,
    path: string,
  ): Promise<{ caseId: string; caseNumber: string; key: string }> {
    return this.open(surname, name, path);
  }

  private async open(
    surname: string,
    name: string,
    path?: string,
  ): Promise<{ caseId: string; caseNumber: string; key: string }> {
    const person = await this.server.request('POST', '/api/persons', {
      ...this.as('front.iii'),
      body: { surname, name },
    });
    if (person.status !== 201)
      throw new Error(`person: ${person.status} ${JSON.stringify(person.body)}`);
    const opened = await this.server.request('POST', '/api/cases', {
      ...this.as('coord.iii'),
      body: { personId: person.body.id, ...(path && { path }) },
    });
    if (opened.status !== 201)
      throw new Error(`case: ${opened.status} ${JSON.stringify(opened.body)}`);
    return {
      caseId: opened.body.id,
      caseNumber: opened.body.caseNumber,
      key: opened.body.pathInstances?.[0]?.processInstanceKey ?? '',
    };
  }

  /** Starts a path for a case with the variables the intake's open-case worker gives it. */
  async startPath(
    bpmnProcessId: string,
    opened: { caseId: string; caseNumber: string },
    variables: Variables = {},
  ): Promise<string> {
    const caseManagerOptions = ['anna.iii', 'bruno.iii', 'coord.iii'].map((u) => ({
      value: this.ids[u],
      label: u,
    }));
    const { processInstanceKey } = await this.engine.createInstance({
      bpmnProcessId,
      businessKey: opened.caseNumber,
      variables: { ...opened, unitCode: 'III', caseManagerOptions, ...variables },
    });
    await this.engine.settle();
    return processInstanceKey;
  }

  /**
   * Waits for a task of the case to show in someone's view: the tasklist fills in the
   * background, after the engine's owed work (a called path starting, its deadline workers),
   * which a loaded CI machine took more than 5 s to get through; so up to 20 s, settling.
   */
  async task(who: string, caseNumber: string, name: string, view = 'unit'): Promise<Task> {
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      const page = await this.server.request(
        'GET',
        `/api/tasks?view=${view}&caseNumber=${caseNumber}`,
        this.as(who),
      );
      const task = (page.body?.items ?? []).find((t: Task) => t.name === name);
      if (task) return task;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await this.engine.settle();
    }
    const open = await this.openTaskNames(caseNumber);
    throw new Error(
      `no task «${name}» for ${caseNumber} in ${who}'s ${view} view; open: ${open}; incidents: ${await this.incidentsOf(caseNumber)}`,
    );
  }

  /** Claims the task if nobody holds it, then completes it with the form's data. */
  async complete(who: string, task: Task, data: Record<string, unknown>): Promise<void> {
    if (!task.assignee) {
      const claimed = await this.server.request(
        'POST',
        `/api/tasks/${task.id}/claim`,
        this.as(who),
      );
      if (claimed.status >= 300)
        throw new Error(`claim: ${claimed.status} ${JSON.stringify(claimed.body)}`);
    }
    const done = await this.server.request('POST', `/api/tasks/${task.id}/complete`, {
      ...this.as(who),
      body: { variables: data },
    });
    if (done.status !== 204)
      throw new Error(`complete «${task.name}»: ${done.status} ${JSON.stringify(done.body)}`);
    await this.engine.settle();
  }

  /** Finds, claims and completes in one step. */
  async do(
    who: string,
    caseNumber: string,
    name: string,
    data: Record<string, unknown> = {},
  ): Promise<Task> {
    const task = await this.task(who, caseNumber, name);
    await this.complete(who, task, data);
    return task;
  }

  /** Moves the clock to an instant and lets due timers fire. */
  async moveTo(iso: string): Promise<void> {
    this.clock.advance(Date.parse(iso) - this.clock.now().getTime());
    await this.engine.settle();
  }

  async advanceDays(days: number): Promise<void> {
    this.clock.advanceDays(days);
    await this.engine.settle();
  }

  /** One pass of the deadline reminders and breaches. */
  escalate(): Promise<unknown> {
    return this.server.app.get(DeadlineEscalation).runNow();
  }

  async publish(name: string, correlationKey: string, variables: Variables = {}): Promise<void> {
    await this.engine.publishMessage({ name, correlationKey, variables, timeToLiveMs: 0 });
    await this.engine.settle();
  }

  async state(processInstanceKey: string): Promise<string | undefined> {
    const [row] = await this.db.query(`SELECT state FROM process_instance WHERE key = $1`, [
      processInstanceKey,
    ]);
    return row?.state;
  }

  /** The case's deadlines as the case manager's API shows them. */
  async deadlines(
    caseId: string,
    who = 'coord.iii',
  ): Promise<
    Array<{ id: string; kind: string; dueDate: string; status: string; legalBasis: string | null }>
  > {
    const response = await this.server.request(
      'GET',
      `/api/cases/${caseId}/deadlines`,
      this.as(who),
    );
    if (response.status !== 200) throw new Error(`deadlines: ${response.status}`);
    return response.body;
  }

  async incidents(processInstanceKey: string): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT error_message FROM incident WHERE process_instance_key = $1 AND state = 'ACTIVE'`,
      [processInstanceKey],
    );
    return rows.map((r: { error_message: string }) => r.error_message);
  }

  /** The open incidents of the case's instances and the processes they called (for a failure's message). */
  private async incidentsOf(caseNumber: string): Promise<string> {
    const rows = await this.db.query(
      `SELECT i.element_id, i.error_message FROM incident i
         JOIN process_instance p ON p.key = i.process_instance_key
        WHERE i.state = 'ACTIVE' AND (p.business_key = $1 OR p.parent_process_instance_key IN
              (SELECT key FROM process_instance WHERE business_key = $1))`,
      [caseNumber],
    );
    return JSON.stringify(rows);
  }

  private async openTaskNames(caseNumber: string): Promise<string> {
    const rows = await this.db.query(
      `SELECT name, assignee FROM task WHERE case_number = $1 AND state = 'CREATED'`,
      [caseNumber],
    );
    return JSON.stringify(rows);
  }
}
