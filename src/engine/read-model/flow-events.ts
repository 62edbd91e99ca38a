import { EntityManager } from 'typeorm';
import { insertStatement, runStatement, Statement } from '../embedded/persistence/sql';
import { FlowEvent } from '../embedded/types';

/**
 * Durations are counted in buckets an eighth of a doubling wide (bucket 0: under a second), so
 * a day's histogram of a step is a few hundred integers at most and a percentile read back from
 * it is within 4.5 % of the exact one, over any period. The trigger computes the same in SQL.
 */
const BUCKETS_PER_DOUBLING = 8;

export function durationBucket(seconds: number): number {
  return seconds < 1 ? 0 : Math.floor(Math.log2(seconds) * BUCKETS_PER_DOUBLING) + 1;
}

/** The value a bucket stands for: its geometric middle. */
export function bucketSeconds(bucket: number): number {
  return bucket === 0 ? 0 : 2 ** ((bucket - 0.5) / BUCKETS_PER_DOUBLING);
}

/**
 * Writes flow events: the embedded engine's and the Zeebe exporter's consumer's. The statement
 * also folds them, in its transaction, into the summaries the managers' heatmap reads (the
 * trigger of migration 1795737500000: open visits, a step's visits per day with a histogram of
 * their durations by the day they began, flows taken per day).
 */
export async function recordFlowEvents(
  manager: EntityManager,
  events: readonly FlowEvent[],
): Promise<void> {
  const statement = flowEventsInsert(events);
  if (statement) await runStatement(manager, statement);
}

/** The INSERT of recordFlowEvents, for a caller that sends it with other writes. */
export function flowEventsInsert(events: readonly FlowEvent[]): Statement | null {
  return insertStatement(
    'flow_event',
    [
      'process_instance_key',
      'element_instance_key',
      'flow_scope_key',
      'element_id',
      'element_type',
      'event_type',
      'intent',
      'bpmn_process_id',
      'at',
    ],
    events.map((e) => [
      e.processInstanceKey,
      e.elementInstanceKey,
      e.flowScopeKey,
      e.elementId,
      e.elementType,
      e.bpmnEventType,
      e.intent,
      e.bpmnProcessId,
      e.timestamp,
    ]),
  );
}

/**
 * The process instance an element instance belongs to, while it is active (or the process
 * instance itself, in any state): Zeebe sets variables on active element instances only and
 * answers NOT_FOUND for others. Read from the open visits, the open incidents and the open
 * jobs: never the events, which at city scale are millions of rows without that key indexed.
 */
export async function instanceOfActiveElement(
  manager: EntityManager,
  elementInstanceKey: string,
): Promise<string | null> {
  const [row] = await manager.query(
    `SELECT key::text AS instance FROM process_instance WHERE key = $1
     UNION ALL SELECT process_instance_key::text FROM step_visit WHERE element_instance_key = $1
     UNION ALL SELECT process_instance_key::text FROM incident
                WHERE state = 'ACTIVE' AND element_instance_key = $1
     UNION ALL SELECT process_instance_key::text FROM job
                WHERE state IN ('ACTIVATABLE', 'ACTIVATED', 'FAILED') AND element_instance_key = $1
     LIMIT 1`,
    [elementInstanceKey],
  );
  return row?.instance ?? null;
}
