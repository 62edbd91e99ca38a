import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor.decorator';
import { CaseAccess } from '../cases/case-access';
import { changedRows } from '../database/changed-rows';
import { TaskSubject } from './dto/task.dto';
import { Task } from './entities/task.entity';
import { RegisteredReferral } from './intake-prefill';

export type TaskView = 'mine' | 'unit-unassigned' | 'unit' | 'completed';

/** A view of one unit, for one person, with the optional criteria. */
export interface TaskListQuery {
  view: TaskView;
  unitCode: string;
  username: string;
  /** The caller's candidate groups (unit-unassigned). */
  groups: string[];
  /** completed: the whole unit's (coordinator) or only the caller's. */
  wholeUnit: boolean;
  bpmnProcessId?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  priority?: number;
  caseNumber?: string;
  /** Held by someone (true) or by nobody (false). */
  assigned?: boolean;
  limit: number;
  offset: number;
}

/** A row to write for an activated user task job. */
export type NewTask = Pick<
  Task,
  | 'jobKey'
  | 'processInstanceKey'
  | 'elementInstanceKey'
  | 'bpmnProcessId'
  | 'processDefinitionVersion'
  | 'elementId'
  | 'name'
  | 'processName'
  | 'pathName'
  | 'caseNumber'
  | 'unitCode'
  | 'assignee'
  | 'candidateGroups'
  | 'candidateUsers'
  | 'createdAt'
  | 'dueAt'
  | 'followUpAt'
  | 'priority'
  | 'formKey'
  | 'formDefinitionKey'
  | 'deadlineId'
>;

const COLUMNS = `job_key::text AS "jobKey", process_instance_key::text AS "processInstanceKey",
  element_instance_key::text AS "elementInstanceKey", bpmn_process_id AS "bpmnProcessId",
  process_definition_version AS "processDefinitionVersion", element_id AS "elementId", name,
  process_name AS "processName", path_name AS "pathName",
  case_number AS "caseNumber", unit_code AS "unitCode", assignee,
  candidate_groups AS "candidateGroups", candidate_users AS "candidateUsers",
  created_at AS "createdAt", due_at AS "dueAt", follow_up_at AS "followUpAt", priority,
  form_key AS "formKey", form_definition_key::text AS "formDefinitionKey", state, completed_at AS "completedAt", completed_by AS "completedBy",
  canceled_at AS "canceledAt", completing_by AS "completingBy", completing_at AS "completingAt",
  version`;

const INSERT_COLUMNS = [
  'job_key',
  'process_instance_key',
  'element_instance_key',
  'bpmn_process_id',
  'process_definition_version',
  'element_id',
  'name',
  'process_name',
  'path_name',
  'case_number',
  'unit_code',
  'assignee',
  'candidate_groups',
  'candidate_users',
  'created_at',
  'due_at',
  'follow_up_at',
  'priority',
  'form_key',
  'form_definition_key',
  'deadline_id',
] as const;

/**
 * The SQL of a view: written so that each view is a range scan of its
 * partial index (see the migration) in the order shown, stopping after one
 * page. State and assignee tests are literals so the planner can match the
 * partial indexes' predicates.
 */
/** Past this many matching tasks a list says "more than 1,000" instead of counting them all. */
export const COUNT_CAP = 1000;

export function taskListSql(query: TaskListQuery): {
  select: string;
  count: string;
  values: unknown[];
} {
  const values: unknown[] = [query.unitCode];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where = ['unit_code = $1'];
  switch (query.view) {
    case 'mine':
      where.push(`state = 'CREATED'`, `assignee = ${param(query.username)}`);
      break;
    case 'unit-unassigned':
      where.push(
        `state = 'CREATED'`,
        `assignee IS NULL`,
        `(candidate_groups && ${param(query.groups)}::text[] OR candidate_users && ${param([query.username])}::text[])`,
      );
      break;
    case 'unit':
      where.push(`state = 'CREATED'`);
      break;
    case 'completed':
      where.push(`state = 'COMPLETED'`);
      if (!query.wholeUnit) where.push(`completed_by = ${param(query.username)}`);
      break;
  }
  if (query.bpmnProcessId !== undefined)
    where.push(`bpmn_process_id = ${param(query.bpmnProcessId)}`);
  if (query.dueBefore !== undefined) where.push(`due_at < ${param(query.dueBefore)}`);
  if (query.dueAfter !== undefined) where.push(`due_at > ${param(query.dueAfter)}`);
  if (query.priority !== undefined) where.push(`priority = ${param(query.priority)}`);
  if (query.caseNumber !== undefined) where.push(`case_number = ${param(query.caseNumber)}`);
  if (query.assigned === true) where.push('assignee IS NOT NULL');
  if (query.assigned === false) where.push('assignee IS NULL');
  // Most urgent first (no due date last); the completed ones newest first.
  const order =
    query.view === 'completed'
      ? 'completed_at DESC, job_key DESC'
      : 'due_at ASC NULLS LAST, created_at ASC, job_key ASC';
  const filter = where.join(' AND ');
  // Counting a whole busy view cost most of a page's time (bench:tasklist): count up to a cap, in index order.
  const count = `SELECT count(*)::int AS total FROM (
    SELECT 1 FROM task WHERE ${filter} ORDER BY ${order} LIMIT ${COUNT_CAP + 1}) counted`;
  const select = `SELECT ${COLUMNS} FROM task WHERE ${filter} ORDER BY ${order}
    LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`;
  return { select, count, values };
}

/** Every query of the task table. Changes are guarded updates that bump `version`. */
@Injectable()
export class TasksRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseAccess: CaseAccess,
  ) {}

  async find(jobKey: string): Promise<Task | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM task WHERE job_key = $1`, [
      jobKey,
    ]);
    return row ?? null;
  }

  async list(query: TaskListQuery): Promise<{ rows: Task[]; total: number; totalExact: boolean }> {
    const { select, count, values } = taskListSql(query);
    const countValues = values.slice(0, values.length - 2);
    const rows: Task[] = await this.dataSource.query(select, values);
    const [{ total }] = await this.dataSource.query(count, countValues);
    return { rows, total: Math.min(total, COUNT_CAP), totalExact: total <= COUNT_CAP };
  }

  /** How many tasks a view holds, up to COUNT_CAP (the count walks the view's index). */
  async count(query: Omit<TaskListQuery, 'limit' | 'offset'>): Promise<number> {
    const { count, values } = taskListSql({ ...query, limit: 0, offset: 0 });
    const [{ total }] = await this.dataSource.query(count, values.slice(0, values.length - 2));
    return Math.min(total, COUNT_CAP);
  }

  /** At-least-once delivery: a job seen again keeps its row as it is. */
  async insertMany(tasks: readonly NewTask[]): Promise<number> {
    if (tasks.length === 0) return 0;
    const values: unknown[] = [];
    const tuples = tasks.map((task) => {
      const row = [
        task.jobKey,
        task.processInstanceKey,
        task.elementInstanceKey,
        task.bpmnProcessId,
        task.processDefinitionVersion,
        task.elementId,
        task.name,
        task.processName,
        task.pathName,
        task.caseNumber,
        task.unitCode,
        task.assignee,
        task.candidateGroups,
        task.candidateUsers,
        task.createdAt,
        task.dueAt,
        task.followUpAt,
        task.priority,
        task.formKey,
        task.formDefinitionKey,
        task.deadlineId,
      ];
      return `(${row.map((value) => {
        values.push(value);
        return `$${values.length}`;
      })})`;
    });
    const inserted = await changedRows(
      this.dataSource.manager,
      `INSERT INTO task (${INSERT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (job_key) DO NOTHING RETURNING job_key`,
      values,
    );
    return inserted.length;
  }

  /** Open rows after a key, in key order: the reconciler's sweep. */
  async openAfter(
    jobKey: string | null,
    limit: number,
  ): Promise<Array<Pick<Task, 'jobKey' | 'version' | 'completingBy' | 'completingAt'>>> {
    return this.dataSource.query(
      `SELECT job_key::text AS "jobKey", version, completing_by AS "completingBy",
              completing_at AS "completingAt"
         FROM task WHERE state = 'CREATED' AND job_key > $1 ORDER BY job_key LIMIT $2`,
      [jobKey ?? '-1', limit],
    );
  }

  /** The open ones among these tasks, for the reconciler. */
  openAmong(
    jobKeys: readonly string[],
  ): Promise<Array<Pick<Task, 'jobKey' | 'version' | 'completingBy' | 'completingAt'>>> {
    return this.dataSource.query(
      `SELECT job_key::text AS "jobKey", version, completing_by AS "completingBy",
              completing_at AS "completingAt"
         FROM task WHERE state = 'CREATED' AND job_key = ANY($1::bigint[])`,
      [jobKeys],
    );
  }

  /** The unassigned task is taken by `username`; false if it is no longer open and free. */
  claim(jobKey: string, username: string): Promise<boolean> {
    return this.changed(
      `UPDATE task SET assignee = $2, version = version + 1
        WHERE job_key = $1 AND state = 'CREATED' AND assignee IS NULL AND completing_by IS NULL`,
      [jobKey, username],
    );
  }

  /** Sets or clears the assignee of the task as it was read (version). */
  reassign(jobKey: string, version: number, assignee: string | null): Promise<boolean> {
    return this.changed(
      `UPDATE task SET assignee = $3, version = version + 1
        WHERE job_key = $1 AND version = $2 AND state = 'CREATED' AND completing_by IS NULL`,
      [jobKey, version, assignee],
    );
  }

  /**
   * Marks a completion as started by its assignee. Exactly one of concurrent
   * callers holding the same version wins; the new version is returned.
   */
  async reserveCompletion(
    jobKey: string,
    version: number,
    username: string,
    now: Date,
  ): Promise<number | null> {
    const rows = await changedRows<{ version: number }>(
      this.dataSource.manager,
      `UPDATE task SET completing_by = $3, completing_at = $4, version = version + 1
        WHERE job_key = $1 AND version = $2 AND state = 'CREATED' AND assignee = $3
          AND completing_by IS NULL
        RETURNING version`,
      [jobKey, version, username, now],
    );
    return rows[0]?.version ?? null;
  }

  /** Gives a reservation back (the engine refused, or it was abandoned). */
  releaseCompletion(jobKey: string, version: number): Promise<boolean> {
    return this.changed(
      `UPDATE task SET completing_by = NULL, completing_at = NULL, version = version + 1
        WHERE job_key = $1 AND version = $2 AND state = 'CREATED'`,
      [jobKey, version],
    );
  }

  /**
   * The engine completed the job: the row follows. `version` guards against
   * anyone having touched the row since it was read; `by` null means "the
   * holder of the reservation" (crash repair), or nobody known.
   */
  markCompleted(
    jobKey: string,
    version: number | null,
    by: string | null,
    at: Date,
  ): Promise<boolean> {
    return this.closed(
      `UPDATE task SET state = 'COMPLETED', completed_at = $3,
              completed_by = COALESCE($4, completing_by),
              completing_by = NULL, completing_at = NULL, version = version + 1
        WHERE job_key = $1 AND state = 'CREATED' AND ($2::int IS NULL OR version = $2::int)`,
      [jobKey, version, at, by],
    );
  }

  /** The engine ended the job without completing it. */
  markCanceled(jobKey: string, at: Date): Promise<boolean> {
    return this.closed(
      `UPDATE task SET state = 'CANCELED', canceled_at = $2,
              completing_by = NULL, completing_at = NULL, version = version + 1
        WHERE job_key = $1 AND state = 'CREATED'`,
      [jobKey, at],
    );
  }

  /** The case (or referral) and person behind each number: a page's rows, in one query. */
  async subjectsOf(numbers: readonly string[]): Promise<Map<string, TaskSubject>> {
    if (numbers.length === 0) return new Map();
    const rows: Array<TaskSubject & { number: string }> = await this.dataSource.query(
      `SELECT c.case_number AS number, c.id AS "caseId", p.id AS "personId",
              p.surname || ' ' || p.name AS "personName"
         FROM social_case c JOIN person p ON p.id = c.person_id
        WHERE c.case_number = ANY($1::text[])
       UNION ALL
       SELECT r.referral_number, NULL, p.id, p.surname || ' ' || p.name
         FROM referral r JOIN person p ON p.id = r.person_id
        WHERE r.referral_number = ANY($1::text[])`,
      [numbers],
    );
    return new Map(rows.map(({ number, ...subject }) => [number, subject]));
  }

  /** Display names of these usernames (a page's holders and completers), in one query. */
  async displayNames(usernames: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(usernames)];
    if (wanted.length === 0) return new Map();
    const rows: Array<{ username: string; displayName: string }> = await this.dataSource.query(
      `SELECT username, display_name AS "displayName" FROM account WHERE username = ANY($1::text[])`,
      [wanted],
    );
    return new Map(rows.map((row) => [row.username, row.displayName]));
  }

  /**
   * The referral a task works on, as the sportello registered it, and its person: the intake's
   * own (its business key is the referral number) or the one a case was opened from.
   */
  async referral(
    businessKey: string | null,
  ): Promise<(RegisteredReferral & { personId: string | null }) | null> {
    if (!businessKey) return null;
    const [row] = await this.dataSource.query(
      `SELECT r.received_at AS "receivedAt", r.channel, r.sender_name AS "senderName",
              r.request_text AS "requestText", p.id AS "personId", p.surname, p.name,
              p.tax_code AS "taxCode", p.birth_date::text AS "birthDate"
         FROM referral r LEFT JOIN person p ON p.id = r.person_id
        WHERE r.referral_number = $1
           OR r.id = (SELECT referral_id FROM social_case WHERE case_number = $1)`,
      [businessKey],
    );
    if (!row) return null;
    const { surname, name, taxCode, birthDate, ...referral } = row;
    return { ...referral, person: row.personId ? { surname, name, taxCode, birthDate } : null };
  }

  /** The case a task works on, for the access log (null for a task without a case). */
  async caseOf(caseNumber: string | null): Promise<{ id: string; personId: string } | null> {
    if (!caseNumber) return null;
    const [row] = await this.dataSource.query(
      `SELECT id, person_id AS "personId" FROM social_case WHERE case_number = $1`,
      [caseNumber],
    );
    return row ?? null;
  }

  /** Whether the person may open the case file of this case number (CaseAccess's rule). */
  async readsCase(actor: Actor, caseNumber: string | null): Promise<boolean> {
    if (!caseNumber) return false;
    const params: unknown[] = [caseNumber];
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM social_case c WHERE c.case_number = $1 AND ${this.caseAccess.visibleTo(actor, params)}`,
      params,
    );
    return rows.length > 0;
  }

  /** An active account of one of the roles in the unit, by username (any case). */
  async activeAccount(
    username: string,
    unitCode: string,
    roles: readonly string[],
  ): Promise<{ id: string; username: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, username FROM account
        WHERE lower(username) = lower($1) AND active AND unit_code = $2 AND role = ANY($3::text[])`,
      [username, unitCode, roles],
    );
    return row ?? null;
  }

  /**
   * Gives a task the form version it lacked (created before its form was deployed), once:
   * the key it has afterwards, this one or a concurrent caller's.
   */
  async pinForm(jobKey: string, formDefinitionKey: string): Promise<string> {
    const [row] = await changedRows<{ key: string }>(
      this.dataSource.manager,
      `UPDATE task SET form_definition_key = COALESCE(form_definition_key, $2) WHERE job_key = $1
       RETURNING form_definition_key::text AS key`,
      [jobKey, formDefinitionKey],
    );
    return row?.key ?? formDefinitionKey;
  }

  /** The draft one person keeps of a task's answers, or null. */
  async draft(jobKey: string, accountId: string): Promise<{ data: object; savedAt: Date } | null> {
    const [row] = await this.dataSource.query(
      `SELECT data, saved_at AS "savedAt" FROM task_draft WHERE job_key = $1 AND account_id = $2`,
      [jobKey, accountId],
    );
    return row ?? null;
  }

  /** Keeps a draft while the task is open; false once it is not (completed meanwhile). */
  async saveDraft(jobKey: string, accountId: string, data: object, at: Date): Promise<boolean> {
    const rows = await changedRows(
      this.dataSource.manager,
      `INSERT INTO task_draft (job_key, account_id, data, saved_at)
       SELECT job_key, $2, $3, $4 FROM task WHERE job_key = $1 AND state = 'CREATED'
       ON CONFLICT (job_key, account_id) DO UPDATE SET data = EXCLUDED.data, saved_at = EXCLUDED.saved_at
       RETURNING job_key`,
      [jobKey, accountId, JSON.stringify(data), at],
    );
    return rows.length === 1;
  }

  async deleteDraft(jobKey: string, accountId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM task_draft WHERE job_key = $1 AND account_id = $2`, [
      jobKey,
      accountId,
    ]);
  }

  /** Closes the task (an UPDATE of its row) and, in the same statement, forgets its drafts. */
  private async closed(update: string, values: unknown[]): Promise<boolean> {
    const rows = await changedRows(
      this.dataSource.manager,
      `WITH closed AS (${update} RETURNING job_key),
            drafts AS (DELETE FROM task_draft WHERE job_key IN (SELECT job_key FROM closed))
       SELECT job_key FROM closed`,
      values,
    );
    return rows.length === 1;
  }

  private async changed(sql: string, values: unknown[]): Promise<boolean> {
    const rows = await changedRows(this.dataSource.manager, `${sql} RETURNING job_key`, values);
    return rows.length === 1;
  }
}
