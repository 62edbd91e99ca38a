import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { deployerNameSql } from '../../models/shipped-by';
import { InstanceState, Variables } from '../engine.port';
import { instanceOfActiveElement } from '../read-model/flow-events';

export interface DefinitionRow {
  key: string;
  bpmnProcessId: string;
  version: number;
  name: string | null;
  resourceName: string;
  checksum: string;
  deployedAt: Date;
  /** As a person reads it: the account's display name, "Percorsi" for the shipped paths. */
  deployedBy: string | null;
}

/** The latest version of a process, and where its XML is. */
export interface LatestDefinitionRow {
  key: string;
  bpmnProcessId: string;
  version: number;
  name: string | null;
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

export interface InstanceListRow extends InstanceRow {
  processName: string | null;
  /** Open incidents. */
  incidents: number;
}

export interface InstanceDetailRow extends InstanceRow {
  variables: Variables;
}

/** Where an instance is and where it has been, from its flow events. */
export interface ElementStates {
  activeElementIds: string[];
  /** Elements with more than one active instance (tokens that met at a step), and how many. */
  repeatedActiveElements: Record<string, number>;
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

/** An incident with what the incident list shows beside it. */
export interface IncidentListRow extends IncidentRow {
  processDefinitionKey: string;
  processName: string | null;
  businessKey: string | null;
  /** The job's retries now (null for an incident without a job). */
  retries: number | null;
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
  /** The Roman numeral of the business key (`process_instance.unit_code`). */
  unitCode?: string;
  /** With (true) or without (false) an open incident. */
  hasIncident?: boolean;
  startedAfter?: Date;
  startedBefore?: Date;
}

export interface IncidentFilter {
  processInstanceKey?: string;
  state?: 'ACTIVE' | 'RESOLVED';
  bpmnProcessId?: string;
}

const DEFINITION_COLUMNS = `d.key::text AS key, d.bpmn_process_id AS "bpmnProcessId", d.version, d.name,
  d.resource_name AS "resourceName", d.checksum, d.deployed_at AS "deployedAt",
  ${deployerNameSql('d.deployed_by')} AS "deployedBy"`;

const INSTANCE_COLUMNS = `key::text AS key, bpmn_process_id AS "bpmnProcessId", version,
  business_key AS "businessKey", state, started_at AS "startedAt", ended_at AS "endedAt"`;

const INCIDENT_COLUMNS = `key::text AS key, process_instance_key::text AS "processInstanceKey",
  bpmn_process_id AS "bpmnProcessId", element_id AS "elementId",
  element_instance_key::text AS "elementInstanceKey", job_key::text AS "jobKey",
  error_type AS "errorType", error_message AS "errorMessage", state,
  created_at AS "createdAt", resolved_at AS "resolvedAt"`;

const INSTANCE_LIST_COLUMNS = `pi.key::text AS key, pi.bpmn_process_id AS "bpmnProcessId", pi.version,
  pi.business_key AS "businessKey", pi.state, pi.started_at AS "startedAt", pi.ended_at AS "endedAt",
  d.name AS "processName",
  (SELECT count(*)::int FROM incident i WHERE i.process_instance_key = pi.key AND i.state = 'ACTIVE')
    AS incidents`;

const INCIDENT_LIST_COLUMNS = `i.key::text AS key, i.process_instance_key::text AS "processInstanceKey",
  i.bpmn_process_id AS "bpmnProcessId", i.element_id AS "elementId",
  i.element_instance_key::text AS "elementInstanceKey", i.job_key::text AS "jobKey",
  i.error_type AS "errorType", i.error_message AS "errorMessage", i.state,
  i.created_at AS "createdAt", i.resolved_at AS "resolvedAt",
  pi.process_definition_key::text AS "processDefinitionKey", d.name AS "processName",
  pi.business_key AS "businessKey", j.retries`;

const INCIDENT_LIST_FROM = `incident i
  JOIN process_instance pi ON pi.key = i.process_instance_key
  JOIN process_definition d ON d.key = pi.process_definition_key
  LEFT JOIN job j ON j.key = i.job_key`;

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
    const where = conditions({ 'd.bpmn_process_id': filter.bpmnProcessId });
    return this.paged(
      `SELECT ${DEFINITION_COLUMNS}
         FROM process_definition d LEFT JOIN account a ON a.username = d.deployed_by ${where.sql}
        ORDER BY d.bpmn_process_id, d.version DESC`,
      `SELECT count(*)::int AS total FROM process_definition d ${where.sql}`,
      where.values,
      page,
    );
  }

  /** The latest version of every process. */
  async latestDefinitions(): Promise<LatestDefinitionRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (bpmn_process_id) key::text AS key, bpmn_process_id AS "bpmnProcessId",
              version, name
         FROM process_definition ORDER BY bpmn_process_id, version DESC`,
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
   * The case an instance works for: its root instance is one of the case's paths, or was started
   * with the case's number as business key. With the case's person, for the access log.
   */
  async caseOf(key: string): Promise<{ caseId: string; personId: string } | null> {
    const [row] = await this.dataSource.query(
      `WITH RECURSIVE up (key, parent, business_key) AS (
         SELECT key, parent_process_instance_key, business_key FROM process_instance WHERE key = $1
         UNION ALL
         SELECT p.key, p.parent_process_instance_key, p.business_key
           FROM process_instance p JOIN up ON p.key = up.parent
       )
       SELECT c.id AS "caseId", c.person_id AS "personId"
         FROM up JOIN social_case c
           ON c.id = (SELECT cp.case_id FROM case_path cp WHERE cp.process_instance_key = up.key)
           OR c.case_number = up.business_key
        LIMIT 1`,
      [key],
    );
    return row ?? null;
  }

  /** The process instance an active element instance (or a process instance itself) belongs to. */
  instanceOfElement(elementInstanceKey: string): Promise<string | null> {
    return instanceOfActiveElement(this.dataSource.manager, elementInstanceKey);
  }

  /** A job's type, or null for an unknown key. */
  async jobType(key: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT type FROM job WHERE key = $1`, [key]);
    return row?.type ?? null;
  }

  /** Whether the coordinator granted this account (an administrator) the case, unexpired. */
  async granted(caseId: string, accountId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM case_grant WHERE case_id = $1 AND manager_id = $2 AND expires_at > now()`,
      [caseId, accountId],
    );
    return rows.length > 0;
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
            WHERE process_instance_key = $1 AND state = 'ACTIVE' ORDER BY created_at, incident.key`,
          [key],
        ),
      };
    });
  }

  /**
   * Newest first. Each filter alone, or with the others, walks an index in
   * that order (process_instance_started, _process_started, _unit_started)
   * and stops after the page; the count reads the same index.
   */
  async instances(
    filter: InstanceFilter,
    page: PageRequest,
  ): Promise<{ rows: InstanceListRow[]; total: number }> {
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const where: string[] = [];
    if (filter.bpmnProcessId !== undefined)
      where.push(`pi.bpmn_process_id = ${param(filter.bpmnProcessId)}`);
    if (filter.state !== undefined) where.push(`pi.state = ${param(filter.state)}`);
    if (filter.businessKey !== undefined)
      where.push(`pi.business_key = ${param(filter.businessKey)}`);
    if (filter.unitCode !== undefined) where.push(`pi.unit_code = ${param(filter.unitCode)}`);
    if (filter.startedAfter !== undefined)
      where.push(`pi.started_at >= ${param(filter.startedAfter)}`);
    if (filter.startedBefore !== undefined)
      where.push(`pi.started_at < ${param(filter.startedBefore)}`);
    if (filter.hasIncident !== undefined) {
      where.push(
        `${filter.hasIncident ? '' : 'NOT '}EXISTS (SELECT 1 FROM incident i
          WHERE i.process_instance_key = pi.key AND i.state = 'ACTIVE')`,
      );
    }
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.paged(
      `SELECT ${INSTANCE_LIST_COLUMNS}
         FROM process_instance pi JOIN process_definition d ON d.key = pi.process_definition_key
         ${sql} ORDER BY pi.started_at DESC, pi.key DESC`,
      `SELECT count(*)::int AS total FROM process_instance pi ${sql}`,
      values,
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
         FROM flow_event WHERE process_instance_key = $1 ORDER BY flow_event.id`,
      `SELECT count(*)::int AS total FROM flow_event WHERE process_instance_key = $1`,
      [processInstanceKey],
      page,
    );
  }

  /** Newest first. */
  async incidents(
    filter: IncidentFilter,
    page: PageRequest,
  ): Promise<{ rows: IncidentListRow[]; total: number }> {
    const where = conditions({
      'i.process_instance_key': filter.processInstanceKey,
      'i.state': filter.state,
      'i.bpmn_process_id': filter.bpmnProcessId,
    });
    return this.paged(
      `SELECT ${INCIDENT_LIST_COLUMNS} FROM ${INCIDENT_LIST_FROM} ${where.sql}
        ORDER BY i.created_at DESC, i.key DESC`,
      `SELECT count(*)::int AS total FROM incident i ${where.sql}`,
      where.values,
      page,
    );
  }

  async incident(key: string): Promise<IncidentListRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${INCIDENT_LIST_COLUMNS} FROM ${INCIDENT_LIST_FROM} WHERE i.key = $1`,
      [key],
    );
    return row ?? null;
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
  const instances = new Map<string, number>();
  for (const { elementId } of active) instances.set(elementId, (instances.get(elementId) ?? 0) + 1);
  return {
    activeElementIds: [...instances.keys()],
    repeatedActiveElements: Object.fromEntries([...instances].filter(([, n]) => n > 1)),
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
