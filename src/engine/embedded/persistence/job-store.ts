import { EntityManager } from 'typeorm';
import { ActivatedJob, ActivateJobsCommand } from '../../engine.port';
import { RuntimeState } from '../runtime/runtime-state';
import { visibleIn } from '../runtime/variable-scopes';
import { Key, Variables } from '../types';
import { changedRows } from '../../../database/changed-rows';
import { preparedQuery } from '../../../database/prepared-query';
import { Statement } from './sql';

interface ActivatedRow {
  key: string;
  type: string;
  process_instance_key: string;
  bpmn_process_id: string;
  element_id: string;
  element_instance_key: string;
  custom_headers: Record<string, string>;
  retries: number;
  deadline: Date;
}

/** Job rows: hand-out to workers, time-outs, and the transitions a worker asks for. */
/** The columns a new job's row is written with, by either engine (the values in this order). */
export const NEW_JOB_COLUMNS = [
  'key',
  'type',
  'state',
  'process_instance_key',
  'element_id',
  'element_instance_key',
  'bpmn_process_id',
  'retries',
  'custom_headers',
  'created_at',
] as const;

export class JobStore {
  /**
   * Hands out up to maxJobsToActivate jobs of a type. SKIP LOCKED lets
   * concurrent workers (and processes) take disjoint jobs. Variables are those
   * visible at the job's element, read from the committed instance state.
   */
  async activate(
    manager: EntityManager,
    command: ActivateJobsCommand,
    now: Date,
  ): Promise<ActivatedJob[]> {
    const deadline = new Date(now.getTime() + command.timeoutMs);
    const rows = await preparedQuery<ActivatedRow>(
      manager,
      `UPDATE job SET state = 'ACTIVATED', worker = $2, deadline = $3
        WHERE key IN (
          SELECT key FROM job
           WHERE type = $1 AND state = 'ACTIVATABLE' AND (retry_at IS NULL OR retry_at <= $4)
           ORDER BY key LIMIT $5 FOR UPDATE SKIP LOCKED)
        RETURNING key::text, type, process_instance_key::text, bpmn_process_id, element_id,
                  element_instance_key::text, custom_headers, retries, deadline`,
      [command.type, command.worker, deadline, now, command.maxJobsToActivate],
    );
    if (rows.length === 0) return [];
    rows.sort((a, b) => (BigInt(a.key) < BigInt(b.key) ? -1 : 1));
    const instances = await storedScopes(manager, [
      ...new Set(rows.map((r) => r.process_instance_key)),
    ]);
    const byKey = new Map(instances.map((i) => [i.key, i]));
    return rows.map((row) => {
      const instance = byKey.get(row.process_instance_key);
      const all = instance?.scopes ? visibleIn(instance.scopes, row.element_instance_key) : {};
      return {
        key: row.key,
        type: row.type,
        processInstanceKey: row.process_instance_key,
        bpmnProcessId: row.bpmn_process_id,
        processDefinitionKey: instance?.definitionKey ?? '0',
        processDefinitionVersion: instance?.version ?? 0,
        elementId: row.element_id,
        elementInstanceKey: row.element_instance_key,
        customHeaders: row.custom_headers,
        worker: command.worker,
        retries: row.retries,
        deadline: row.deadline.getTime(),
        variables: command.fetchVariables ? pick(all, command.fetchVariables) : all,
      };
    });
  }

  /** The variables visible at an element instance, from the committed instance state. */
  async variablesAt(
    manager: EntityManager,
    processInstanceKey: Key,
    elementInstanceKey: Key,
  ): Promise<Variables> {
    const [instance] = await storedScopes(manager, [processInstanceKey]);
    return instance?.scopes ? visibleIn(instance.scopes, elementInstanceKey) : {};
  }

  /** Jobs whose activation timed out go back to the pool, without using a retry (Zeebe). */
  async releaseTimedOut(manager: EntityManager, now: Date): Promise<number> {
    const rows = await changedRows(
      manager,
      `UPDATE job SET state = 'ACTIVATABLE', worker = NULL, deadline = NULL
        WHERE state = 'ACTIVATED' AND deadline <= $1 RETURNING key`,
      [now],
    );
    return rows.length;
  }

  /** Types of jobs whose retry back-off ended in (since, now]. */
  async typesRetryableSince(manager: EntityManager, since: Date, now: Date): Promise<string[]> {
    const rows: Array<{ type: string }> = await manager.query(
      `SELECT DISTINCT type FROM job WHERE state = 'ACTIVATABLE' AND retry_at > $1 AND retry_at <= $2`,
      [since, now],
    );
    return rows.map((r) => r.type);
  }

  async instanceOf(manager: EntityManager, jobKey: Key): Promise<Key | null> {
    const rows = await preparedQuery<{ key: Key }>(
      manager,
      `SELECT process_instance_key::text AS key FROM job WHERE key = $1`,
      [jobKey],
    );
    return rows[0]?.key ?? null;
  }

  /** A job's end by its worker (completed, or a BPMN error thrown): one row back if it was open. */
  endStatement(jobKey: Key, state: 'COMPLETED' | 'ERROR_THROWN', now: Date): Statement {
    return {
      text: `UPDATE job SET state = $2, ended_at = $3, worker = NULL, deadline = NULL
              WHERE key = $1 AND state IN ('ACTIVATABLE', 'ACTIVATED') RETURNING key`,
      params: [jobKey, state, now],
      prepared: true,
    };
  }

  /** A failure: back to the pool after the back-off, or FAILED (an incident) with no retries left. */
  async fail(
    manager: EntityManager,
    jobKey: Key,
    retries: number,
    errorMessage: string | null,
    retryAt: Date | null,
  ): Promise<boolean> {
    const rows = await changedRows(
      manager,
      `UPDATE job SET retries = $2, error_message = $3, retry_at = $4, worker = NULL, deadline = NULL,
              state = CASE WHEN $2 > 0 THEN 'ACTIVATABLE' ELSE 'FAILED' END
        WHERE key = $1 AND state IN ('ACTIVATABLE', 'ACTIVATED') RETURNING key`,
      [jobKey, retries, errorMessage, retryAt],
    );
    return rows.length === 1;
  }

  /** A new deadline for an activated job; false when it is not activated (or unknown). */
  async updateDeadline(manager: EntityManager, jobKey: Key, deadline: Date): Promise<boolean> {
    const rows = await changedRows(
      manager,
      `UPDATE job SET deadline = $2 WHERE key = $1 AND state = 'ACTIVATED' RETURNING key`,
      [jobKey, deadline],
    );
    return rows.length === 1;
  }

  async updateRetries(manager: EntityManager, jobKey: Key, retries: number): Promise<boolean> {
    const rows = await changedRows(
      manager,
      `UPDATE job SET retries = $2 WHERE key = $1 AND state IN ('ACTIVATABLE', 'ACTIVATED', 'FAILED') RETURNING key`,
      [jobKey, retries],
    );
    return rows.length === 1;
  }
}

function pick(variables: Variables, names: string[]): Variables {
  return Object.fromEntries(names.filter((n) => n in variables).map((n) => [n, variables[n]]));
}

function storedScopes(
  manager: EntityManager,
  processInstanceKeys: Key[],
): Promise<
  Array<{
    key: string;
    definitionKey: string;
    version: number;
    scopes: RuntimeState['scopes'] | null;
  }>
> {
  return preparedQuery(
    manager,
    `SELECT key::text, process_definition_key::text AS "definitionKey", version,
            runner_state->'runtime'->'scopes' AS scopes
       FROM process_instance WHERE key = ANY($1::bigint[])`,
    [processInstanceKeys],
  );
}
