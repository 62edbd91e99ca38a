import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InstanceState, Variables } from '../engine.port';

export interface DefinitionRow {
  key: string;
  bpmnProcessId: string;
  version: number;
  name: string | null;
  resourceName: string;
  deployedAt: Date;
}

export interface InstanceRow {
  key: string;
  bpmnProcessId: string;
  version: number;
  businessKey: string | null;
  state: InstanceState;
  startedAt: Date;
  endedAt: Date | null;
}

export interface InstanceDetailRow extends InstanceRow {
  variables: Variables;
}

/** Where an instance is and where it has been, from its flow events. */
export interface ElementStates {
  activeElementIds: string[];
  completedElementIds: string[];
  takenSequenceFlowIds: string[];
}

export interface FlowEventRow {
  id: string;
  elementId: string;
  elementType: string;
  eventType: string;
  intent: string;
  elementInstanceKey: string;
  flowScopeKey: string | null;
  at: Date;
}

export interface IncidentRow {
  key: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementInstanceKey: string;
  jobKey: string | null;
  errorType: string;
  errorMessage: string;
  state: 'ACTIVE' | 'RESOLVED';
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface DefinitionFilter {
  bpmnProcessId?: string;
}

export interface InstanceFilter {
  bpmnProcessId?: string;
  state?: InstanceState;
  businessKey?: string;
}

export interface IncidentFilter {
  processInstanceKey?: string;
  state?: 'ACTIVE' | 'RESOLVED';
}

const DEFINITION_COLUMNS = `key::text AS key, bpmn_process_id AS "bpmnProcessId", version, name,
  resource_name AS "resourceName", deployed_at AS "deployedAt"`;

const INSTANCE_COLUMNS = `key::text AS key, bpmn_process_id AS "bpmnProcessId", version,
  business_key AS "businessKey", state, started_at AS "startedAt", ended_at AS "endedAt"`;

const INCIDENT_COLUMNS = `key::text AS key, process_instance_key::text AS "processInstanceKey",
  bpmn_process_id AS "bpmnProcessId", element_id AS "elementId",
  element_instance_key::text AS "elementInstanceKey", job_key::text AS "jobKey",
  error_type AS "errorType", error_message AS "errorMessage", state,
  created_at AS "createdAt", resolved_at AS "resolvedAt"`;

/**
 * The engine's tables as the HTTP API reads them. The engine writes them;
 * this only reads, and `flow_event` is the read model of where an instance is.
 * Every query of the module is here.
 */
@Injectable()
export class EngineReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Latest version first within each process. */
  async definitions(
    filter: DefinitionFilter,
    page: PageRequest,
  ): Promise<{ rows: DefinitionRow[]; total: number }> {
    const where = conditions({ bpmn_process_id: filter.bpmnProcessId });
    return this.paged(
      `SELECT ${DEFINITION_COLUMNS} FROM process_definition ${where.sql}
        ORDER BY bpmn_process_id, version DESC`,
      `SELECT count(*)::int AS total FROM process_definition ${where.sql}`,
      where.values,
      page,
    );
  }

  async definitionXml(key: string): Promise<{ xml: string; resourceName: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT xml, resource_name AS "resourceName" FROM process_definition WHERE key = $1`,
      [key],
    );
    return row ?? null;
  }

  /** Where one instance is and has been (for a case's process view). */
  async instanceElements(key: string): Promise<ElementStates> {
    return elementStates(this.dataSource.manager, key);
  }

  async instanceState(key: string): Promise<InstanceState | null> {
    const [row] = await this.dataSource.query(`SELECT state FROM process_instance WHERE key = $1`, [
      key,
    ]);
    return row?.state ?? null;
  }

  /**
   * The instance, its element states and its open incidents, read in one
   * snapshot so they agree with each other while the engine moves it on.
   */
  async instanceDetail(key: string): Promise<{
    instance: InstanceDetailRow;
    elements: ElementStates;
    incidents: IncidentRow[];
  } | null> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [instance] = await manager.query(
        // An active instance's variables are in its engine state (root scope = the instance key).
        `SELECT ${INSTANCE_COLUMNS},
                COALESCE(runner_state->'runtime'->'scopes'->(key::text)->'variables', variables) AS variables
           FROM process_instance WHERE key = $1`,
        [key],
      );
      if (!instance) return null;
      return {
        instance,
        elements: await elementStates(manager, key),
        incidents: await manager.query(
          `SELECT ${INCIDENT_COLUMNS} FROM incident
            WHERE process_instance_key = $1 AND state = 'ACTIVE' ORDER BY created_at, key`,
          [key],
        ),
      };
    });
  }

  /** Newest first. */
  async instances(
    filter: InstanceFilter,
    page: PageRequest,
  ): Promise<{ rows: InstanceRow[]; total: number }> {
    const where = conditions({
      bpmn_process_id: filter.bpmnProcessId,
      state: filter.state,
      business_key: filter.businessKey,
    });
    return this.paged(
      `SELECT ${INSTANCE_COLUMNS} FROM process_instance ${where.sql}
        ORDER BY started_at DESC, key DESC`,
      `SELECT count(*)::int AS total FROM process_instance ${where.sql}`,
      where.values,
      page,
    );
  }

  /** In the order they happened. */
  async flowEvents(
    processInstanceKey: string,
    page: PageRequest,
  ): Promise<{ rows: FlowEventRow[]; total: number }> {
    return this.paged(
      `SELECT id::text, element_id AS "elementId", element_type AS "elementType",
              event_type AS "eventType", intent, element_instance_key::text AS "elementInstanceKey",
              flow_scope_key::text AS "flowScopeKey", at
         FROM flow_event WHERE process_instance_key = $1 ORDER BY id`,
      `SELECT count(*)::int AS total FROM flow_event WHERE process_instance_key = $1`,
      [processInstanceKey],
      page,
    );
  }

  /** Newest first. */
  async incidents(
    filter: IncidentFilter,
    page: PageRequest,
  ): Promise<{ rows: IncidentRow[]; total: number }> {
    const where = conditions({
      process_instance_key: filter.processInstanceKey,
      state: filter.state,
    });
    return this.paged(
      `SELECT ${INCIDENT_COLUMNS} FROM incident ${where.sql} ORDER BY created_at DESC, key DESC`,
      `SELECT count(*)::int AS total FROM incident ${where.sql}`,
      where.values,
      page,
    );
  }

  private async paged<T>(
    select: string,
    count: string,
    values: unknown[],
    page: PageRequest,
  ): Promise<{ rows: T[]; total: number }> {
    const n = values.length;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${select} LIMIT $${n + 1} OFFSET $${n + 2}`, [
        ...values,
        page.limit,
        page.offset,
      ]),
      this.dataSource.query(count, values),
    ]);
    return { rows, total };
  }
}

/**
 * Active: element instances activated and not yet completed or terminated
 * (the process itself left out). Completed elements and taken sequence flows:
 * each id once, in the order first reached.
 */
async function elementStates(manager: EntityManager, key: string): Promise<ElementStates> {
  const active: Array<{ elementId: string }> = await manager.query(
    `SELECT a.element_id AS "elementId" FROM flow_event a
      WHERE a.process_instance_key = $1 AND a.intent = 'ELEMENT_ACTIVATED' AND a.element_type <> 'PROCESS'
        AND NOT EXISTS (
          SELECT 1 FROM flow_event e
           WHERE e.process_instance_key = $1 AND e.element_instance_key = a.element_instance_key
             AND e.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED'))
      ORDER BY a.id`,
    [key],
  );
  const reached: Array<{ intent: string; elementId: string }> = await manager.query(
    `SELECT intent, element_id AS "elementId" FROM flow_event
      WHERE process_instance_key = $1 AND element_type <> 'PROCESS'
        AND intent IN ('ELEMENT_COMPLETED', 'SEQUENCE_FLOW_TAKEN')
      GROUP BY intent, element_id ORDER BY min(id)`,
    [key],
  );
  const idsOf = (intent: string) =>
    reached.filter((r) => r.intent === intent).map((r) => r.elementId);
  return {
    activeElementIds: [...new Set(active.map((r) => r.elementId))],
    completedElementIds: idsOf('ELEMENT_COMPLETED'),
    takenSequenceFlowIds: idsOf('SEQUENCE_FLOW_TAKEN'),
  };
}

/** `WHERE column = $n AND …` for the filters that are set. */
function conditions(filters: Record<string, string | undefined>): {
  sql: string;
  values: string[];
} {
  const set = Object.entries(filters).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return {
    sql: set.length
      ? `WHERE ${set.map(([column], i) => `${column} = $${i + 1}`).join(' AND ')}`
      : '',
    values: set.map(([, value]) => value),
  };
}
