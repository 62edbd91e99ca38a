import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseBpmnXml } from '../embedded/moddle';
import { JobStore } from '../embedded/persistence/job-store';
import { ActivatedJob, InstanceState, Key, Variables } from '../engine.port';

/** A process instance of a case: one of its paths, or a process a path called (at any depth). */
export interface CaseInstance {
  key: string;
  /** The instance it was called from, at the top: the case's path. */
  rootKey: string;
  parentKey: string | null;
  definitionKey: string;
  bpmnProcessId: string;
  version: number;
  state: InstanceState;
  /** The deployed process's name (its id when the model gives none). */
  name: string;
}

/** A message an instance of the case waits for now. */
export interface OpenSubscription {
  key: string;
  processInstanceKey: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
}

export interface CaseFlowEvent {
  id: string;
  processInstanceKey: string;
  elementId: string;
  elementType: string;
  intent: string;
  at: Date;
}

/** Where a job stands: the tasklist keeps its task rows true to this. */
export interface JobStatusRow {
  key: Key;
  state: 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'COMPLETED' | 'CANCELED' | 'ERROR_THROWN';
  endedAt: Date | null;
  /** The state of the job's instance, null when the instance is unknown. */
  instanceState: InstanceState | null;
}

/** An instance's own process and the path (the nearest ancestor with a business key) it is part of. */
export interface InstanceLineage {
  businessKey: string | null;
  processName: string | null;
  pathName: string | null;
}

/** Element names of this many process versions are kept in memory. */
const NAME_CACHE_SIZE = 100;
/** Nested sub-processes followed up to their process when reading variables. */
const MAX_SCOPE_DEPTH = 100;
/** Called processes inherit the case number of the nearest ancestor that has one. */
const MAX_CALL_DEPTH = 20;

/**
 * The engine's read side: instances, their flow events, incidents, message subscriptions and
 * jobs, as the rest of the application reads them. The embedded engine writes these tables in
 * its own transactions; on Zeebe an exporter's consumer writes the same rows (issue 12). So
 * the case file and the tasklist read here, never an engine's internal state, and the methods
 * that take an EntityManager read inside the caller's transaction.
 */
@Injectable()
export class EngineReadModel {
  private readonly names = new Map<string, Promise<Map<string, string>>>();

  private readonly jobs = new JobStore();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The variables visible at an element instance, for the Zeebe adapter (Zeebe 8.5 has no query
   * API): on a Zeebe cluster from the scopes the exporter's consumer keeps, as of its last pass;
   * when the gateway is a Percorsi's embedded engine on this database, from its committed state.
   */
  async variablesAt(processInstanceKey: Key, elementInstanceKey: Key): Promise<Variables> {
    const scopes: Array<{ variables: Variables }> = await this.dataSource.query(
      `WITH RECURSIVE chain (key, parent_key, variables, depth) AS (
         SELECT key, parent_key, variables, 0 FROM exported_scope WHERE key = $1
         UNION ALL
         SELECT s.key, s.parent_key, s.variables, c.depth + 1
           FROM exported_scope s JOIN chain c ON s.key = c.parent_key
          WHERE c.depth < ${MAX_SCOPE_DEPTH}
       )
       SELECT variables FROM chain ORDER BY depth DESC`,
      [elementInstanceKey],
    );
    if (scopes.length > 0) return Object.assign({}, ...scopes.map((scope) => scope.variables));
    return this.jobs.variablesAt(this.dataSource.manager, processInstanceKey, elementInstanceKey);
  }

  /** These instances and every process they called, at any depth. */
  async instanceTrees(manager: EntityManager, rootKeys: readonly Key[]): Promise<CaseInstance[]> {
    return manager.query(
      `WITH RECURSIVE tree (key, root_key) AS (
         SELECT r.key, r.key FROM unnest($1::bigint[]) AS r(key)
         UNION ALL
         SELECT p.key, t.root_key FROM process_instance p JOIN tree t ON p.parent_process_instance_key = t.key
       )
       SELECT t.key::text AS key, t.root_key::text AS "rootKey",
              pi.parent_process_instance_key::text AS "parentKey",
              pi.process_definition_key::text AS "definitionKey", pi.bpmn_process_id AS "bpmnProcessId",
              pi.version, pi.state, COALESCE(pd.name, pi.bpmn_process_id) AS name
         FROM tree t JOIN process_instance pi ON pi.key = t.key
         JOIN process_definition pd ON pd.key = pi.process_definition_key
        ORDER BY pi.started_at, t.key`,
      [rootKeys],
    );
  }

  /**
   * The instance of a process started under a business key, if any (starts stay idempotent);
   * `activeOnly`: one still running, so a path that ended can be started again.
   */
  async instanceByBusinessKey(
    businessKey: string,
    bpmnProcessId: string,
    activeOnly = false,
  ): Promise<Key | null> {
    const [row]: Array<{ key: string }> = await this.dataSource.query(
      `SELECT key::text FROM process_instance WHERE business_key = $1 AND bpmn_process_id = $2
          AND (NOT $3 OR state = 'ACTIVE')
        ORDER BY process_instance.key LIMIT 1`,
      [businessKey, bpmnProcessId, activeOnly],
    );
    return row?.key ?? null;
  }

  /** Open incidents per instance. */
  async activeIncidents(
    manager: EntityManager,
    instanceKeys: readonly string[],
  ): Promise<Map<string, number>> {
    const rows: Array<{ key: string; n: number }> = await manager.query(
      `SELECT process_instance_key::text AS key, count(*)::int AS n FROM incident
        WHERE state = 'ACTIVE' AND process_instance_key = ANY($1::bigint[]) GROUP BY process_instance_key`,
      [instanceKeys],
    );
    return new Map(rows.map((r) => [r.key, r.n]));
  }

  /** The messages of these names the instances wait for, oldest subscription first. */
  async openSubscriptions(
    manager: EntityManager,
    instanceKeys: readonly string[],
    messageNames: readonly string[],
  ): Promise<OpenSubscription[]> {
    return manager.query(
      `SELECT key::text AS key, process_instance_key::text AS "processInstanceKey", element_id AS "elementId",
              message_name AS "messageName", correlation_key AS "correlationKey"
         FROM message_subscription
        WHERE state = 'OPEN' AND process_instance_key = ANY($1::bigint[]) AND message_name = ANY($2::text[])
        ORDER BY message_subscription.key`,
      [instanceKeys, messageNames],
    );
  }

  /** Steps started and ended, for the timeline; a called process's own start and end are its caller's step. */
  async steps(
    manager: EntityManager,
    instances: readonly CaseInstance[],
  ): Promise<CaseFlowEvent[]> {
    const roots = instances.filter((i) => i.key === i.rootKey).map((i) => i.key);
    const called = instances.filter((i) => i.key !== i.rootKey).map((i) => i.key);
    return manager.query(
      `SELECT id::text, process_instance_key::text AS "processInstanceKey", element_id AS "elementId",
              element_type AS "elementType", intent, at
         FROM flow_event
        WHERE intent IN ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED')
          AND element_type IN ('USER_TASK', 'SERVICE_TASK', 'CALL_ACTIVITY', 'RECEIVE_TASK',
                               'INTERMEDIATE_CATCH_EVENT', 'BOUNDARY_EVENT', 'PROCESS')
          AND (process_instance_key = ANY($1::bigint[])
               OR (process_instance_key = ANY($2::bigint[]) AND element_type <> 'PROCESS'))
        ORDER BY flow_event.id`,
      [roots, called],
    );
  }

  /**
   * The elements of a path's diagram where an open incident stops it: the failed step of the
   * path itself, or the call step whose called process (at any depth) has one.
   */
  async incidentElementIds(manager: EntityManager, rootKey: string): Promise<string[]> {
    const rows: Array<{ elementId: string }> = await manager.query(
      `WITH RECURSIVE called (key, call_element_instance_key) AS (
         SELECT p.key, p.parent_element_instance_key FROM process_instance p
          WHERE p.parent_process_instance_key = $1
         UNION ALL
         SELECT p.key, c.call_element_instance_key
           FROM process_instance p JOIN called c ON p.parent_process_instance_key = c.key
       )
       SELECT i.element_id AS "elementId" FROM incident i
        WHERE i.process_instance_key = $1 AND i.state = 'ACTIVE'
       UNION
       SELECT f.element_id FROM called c
         JOIN incident i ON i.process_instance_key = c.key AND i.state = 'ACTIVE'
         JOIN flow_event f ON f.process_instance_key = $1
          AND f.element_instance_key = c.call_element_instance_key AND f.intent = 'ELEMENT_ACTIVATED'`,
      [rootKey],
    );
    return rows.map((r) => r.elementId);
  }

  /** Each instance's process: its definition key and name (its id when the model gives none). */
  async processesOf(
    manager: EntityManager,
    instanceKeys: readonly Key[],
  ): Promise<Map<Key, { definitionKey: Key; processName: string }>> {
    if (instanceKeys.length === 0) return new Map();
    const rows: Array<{ key: string; definitionKey: string; processName: string }> =
      await manager.query(
        `SELECT pi.key::text AS key, pi.process_definition_key::text AS "definitionKey",
                COALESCE(pd.name, pi.bpmn_process_id) AS "processName"
           FROM process_instance pi JOIN process_definition pd ON pd.key = pi.process_definition_key
          WHERE pi.key = ANY($1::bigint[])`,
        [instanceKeys],
      );
    return new Map(rows.map(({ key, ...process }) => [key, process]));
  }

  /** The state of each message subscription (OPEN, CORRELATED, CLOSED), by key. */
  async subscriptionStates(
    manager: EntityManager,
    subscriptionKeys: readonly Key[],
  ): Promise<Map<Key, 'OPEN' | 'CORRELATED' | 'CLOSED'>> {
    if (subscriptionKeys.length === 0) return new Map();
    const rows: Array<{ key: string; state: 'OPEN' | 'CORRELATED' | 'CLOSED' }> =
      await manager.query(
        `SELECT key::text AS key, state FROM message_subscription WHERE key = ANY($1::bigint[])`,
        [subscriptionKeys],
      );
    return new Map(rows.map((row) => [row.key, row.state]));
  }

  /** The status of each job; a key the engine does not know is missing from the map. */
  async jobStatuses(jobKeys: readonly Key[]): Promise<Map<Key, JobStatusRow>> {
    const rows: JobStatusRow[] = await this.dataSource.query(
      `SELECT j.key::text, j.state, j.ended_at AS "endedAt", i.state AS "instanceState"
         FROM job j LEFT JOIN process_instance i ON i.key = j.process_instance_key
        WHERE j.key = ANY($1::bigint[])`,
      [jobKeys],
    );
    return new Map(rows.map((row) => [row.key, row]));
  }

  /**
   * Jobs of a type activated by a worker and not yet ended, by key after `afterKey`: what a
   * worker holds. Without variables (read them with the engine's `variablesAt`).
   */
  async activatedJobs(query: {
    type: string;
    worker: string;
    afterKey: Key | null;
    limit: number;
  }): Promise<ActivatedJob[]> {
    const rows: Array<{
      key: string;
      process_instance_key: string;
      bpmn_process_id: string;
      process_definition_key: string;
      version: number;
      element_id: string;
      element_instance_key: string;
      custom_headers: Record<string, string>;
      retries: number;
      deadline: Date;
    }> = await this.dataSource.query(
      `SELECT j.key::text, j.process_instance_key::text, j.bpmn_process_id,
              i.process_definition_key::text, i.version, j.element_id,
              j.element_instance_key::text, j.custom_headers, j.retries, j.deadline
         FROM job j JOIN process_instance i ON i.key = j.process_instance_key
        WHERE j.state = 'ACTIVATED' AND j.type = $1 AND j.worker = $2 AND j.key > $3::bigint
        ORDER BY j.key LIMIT $4`,
      [query.type, query.worker, query.afterKey ?? '0', query.limit],
    );
    return rows.map((row) => ({
      key: row.key,
      type: query.type,
      processInstanceKey: row.process_instance_key,
      bpmnProcessId: row.bpmn_process_id,
      processDefinitionKey: row.process_definition_key,
      processDefinitionVersion: row.version,
      elementId: row.element_id,
      elementInstanceKey: row.element_instance_key,
      customHeaders: row.custom_headers,
      worker: query.worker,
      retries: row.retries,
      deadline: row.deadline.getTime(),
      variables: {},
    }));
  }

  /**
   * For each instance: its process's name and, from the nearest ancestor with a business key
   * (call activities inherit the case), that key and that process's name: the path.
   */
  async lineage(instanceKeys: readonly Key[]): Promise<Map<Key, InstanceLineage>> {
    if (instanceKeys.length === 0) return new Map();
    const rows: Array<{
      start: string;
      business_key: string | null;
      process_name: string | null;
      path_name: string | null;
    }> = await this.dataSource.query(
      `WITH RECURSIVE chain (start, key, parent, business_key, depth) AS (
         SELECT key, key, parent_process_instance_key, business_key, 0
           FROM process_instance WHERE key = ANY($1::bigint[])
         UNION ALL
         SELECT c.start, p.key, p.parent_process_instance_key, p.business_key, c.depth + 1
           FROM chain c JOIN process_instance p ON p.key = c.parent
          WHERE c.business_key IS NULL AND c.depth < ${MAX_CALL_DEPTH}
       )
       SELECT s.key::text AS start, holder.business_key, own.name AS process_name,
              path.name AS path_name
         FROM process_instance s
         JOIN process_definition own ON own.key = s.process_definition_key
         LEFT JOIN chain holder ON holder.start = s.key AND holder.business_key IS NOT NULL
         LEFT JOIN process_instance root ON root.key = holder.key
         LEFT JOIN process_definition path ON path.key = root.process_definition_key
        WHERE s.key = ANY($1::bigint[])`,
      [instanceKeys],
    );
    return new Map(
      rows.map((row) => [
        row.start,
        { businessKey: row.business_key, processName: row.process_name, pathName: row.path_name },
      ]),
    );
  }

  /** Names of a process version's elements, parsed once from its deployed XML. */
  elementNames(bpmnProcessId: string, version: number): Promise<Map<string, string>> {
    const cacheKey = `${bpmnProcessId}@${version}`;
    let names = this.names.get(cacheKey);
    if (!names) {
      names = this.readNames(bpmnProcessId, version);
      names.catch(() => this.names.delete(cacheKey));
      if (this.names.size >= NAME_CACHE_SIZE) {
        this.names.delete(this.names.keys().next().value as string);
      }
      this.names.set(cacheKey, names);
    }
    return names;
  }

  private async readNames(bpmnProcessId: string, version: number): Promise<Map<string, string>> {
    const [row]: Array<{ xml: string }> = await this.dataSource.query(
      `SELECT xml FROM process_definition WHERE bpmn_process_id = $1 AND version = $2`,
      [bpmnProcessId, version],
    );
    const names = new Map<string, string>();
    if (!row) return names;
    const { elementsById } = await parseBpmnXml(row.xml);
    for (const [id, element] of Object.entries(elementsById)) {
      const name = typeof element.name === 'string' ? element.name.trim() : '';
      if (name) names.set(id, name);
    }
    return names;
  }
}
