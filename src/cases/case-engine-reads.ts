import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InstanceState } from '../engine/engine.port';

/** A process instance of a case: one of its paths, or a process a path called (at any depth). */
export interface CaseInstance {
  key: string;
  /** The case path (case_path) it belongs to. */
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

/**
 * What the case file reads of the engine's tables (instances, flow events, incidents, message
 * subscriptions), inside the caller's transaction: the case's paths and everything they called.
 * Nothing here reads an instance's runner state.
 */
@Injectable()
export class CaseEngineReads {
  async instances(manager: EntityManager, caseId: string): Promise<CaseInstance[]> {
    return manager.query(
      `WITH RECURSIVE tree (key, root_key) AS (
         SELECT cp.process_instance_key, cp.process_instance_key FROM case_path cp WHERE cp.case_id = $1
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
      [caseId],
    );
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
}
