import { EntityManager } from 'typeorm';
import { changedRows } from '../../database/changed-rows';
import { romeDateOf } from '../../deadlines/calendar/rome-date.util';
import { insertRows } from '../embedded/persistence/sql';
import { FlowEvent } from '../embedded/types';

/** The steps a case waits at; events, gateways and the process itself pass at once. */
export const STEP_TYPES: readonly string[] = [
  'USER_TASK',
  'SERVICE_TASK',
  'SEND_TASK',
  'RECEIVE_TASK',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'MANUAL_TASK',
  'TASK',
  'CALL_ACTIVITY',
  'SUB_PROCESS',
  'INTERMEDIATE_CATCH_EVENT',
  'EVENT_BASED_GATEWAY',
  'MULTI_INSTANCE_BODY',
];
const IS_STEP = new Set(STEP_TYPES);

/**
 * Durations are counted in buckets an eighth of a doubling wide (bucket 0: under a second), so
 * a day's histogram of a step is a few hundred integers at most and a percentile read back from
 * it is within 4.5 % of the exact one, over any period.
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
 * Writes flow events, and folds them in the same transaction into the summaries the managers'
 * heatmap reads (a step's visits per day, a histogram of their durations by the day they began,
 * flows taken per day, and the visits still open): its figures stay current without scanning
 * millions of events per request. Both the embedded engine and the Zeebe exporter's consumer
 * write through here.
 */
export async function recordFlowEvents(
  manager: EntityManager,
  events: readonly FlowEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await insertRows(
    manager,
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
  await foldIntoSummaries(manager, events);
}

interface Visit {
  bpmnProcessId: string;
  elementId: string;
  activatedAt: Date;
}

class DayCounts {
  private readonly rows = new Map<
    string,
    { bpmnProcessId: string; id: string; day: string; n: number; durations: number[] }
  >();

  add(bpmnProcessId: string, id: string, at: Date, durationSeconds?: number): void {
    const day = romeDateOf(at);
    const key = `${bpmnProcessId}\u0000${day}\u0000${id}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { bpmnProcessId, id, day, n: 0, durations: [] };
      this.rows.set(key, row);
    }
    if (durationSeconds === undefined) {
      row.n += 1;
      return;
    }
    const bucket = durationBucket(durationSeconds);
    while (row.durations.length <= bucket) row.durations.push(0);
    row.durations[bucket] += 1;
  }

  /** In key order: two transactions counting the same days lock their rows in one order. */
  sorted() {
    return [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  }
}

async function foldIntoSummaries(
  manager: EntityManager,
  events: readonly FlowEvent[],
): Promise<void> {
  const steps = new DayCounts();
  const flows = new DayCounts();
  const opened = new Map<string, Visit & { processInstanceKey: string }>();
  const ended: Array<{ key: string; completedAt: Date | null }> = [];
  for (const e of events) {
    if (e.intent === 'SEQUENCE_FLOW_TAKEN') {
      flows.add(e.bpmnProcessId, e.elementId, e.timestamp);
    } else if (IS_STEP.has(e.elementType)) {
      if (e.intent === 'ELEMENT_ACTIVATED') {
        opened.set(e.elementInstanceKey, {
          processInstanceKey: e.processInstanceKey,
          bpmnProcessId: e.bpmnProcessId,
          elementId: e.elementId,
          activatedAt: e.timestamp,
        });
        steps.add(e.bpmnProcessId, e.elementId, e.timestamp);
      } else if (e.intent === 'ELEMENT_COMPLETED' || e.intent === 'ELEMENT_TERMINATED') {
        ended.push({
          key: e.elementInstanceKey,
          completedAt: e.intent === 'ELEMENT_COMPLETED' ? e.timestamp : null,
        });
      }
    }
  }

  // A visit that began in an earlier command is open in step_visit: it ends there.
  const earlier = ended.filter(({ key }) => !opened.has(key)).map(({ key }) => key);
  const stored = new Map<string, Visit>();
  if (earlier.length > 0) {
    const rows = await changedRows<{ key: string } & Visit>(
      manager,
      `DELETE FROM step_visit WHERE element_instance_key = ANY($1::bigint[])
       RETURNING element_instance_key::text AS key, bpmn_process_id AS "bpmnProcessId",
                 element_id AS "elementId", activated_at AS "activatedAt"`,
      [earlier],
    );
    for (const { key, ...visit } of rows) stored.set(key, visit);
  }
  for (const { key, completedAt } of ended) {
    const visit = opened.get(key) ?? stored.get(key);
    opened.delete(key);
    if (!visit || !completedAt) continue;
    const seconds = (completedAt.getTime() - new Date(visit.activatedAt).getTime()) / 1000;
    steps.add(visit.bpmnProcessId, visit.elementId, new Date(visit.activatedAt), seconds);
  }

  await insertRows(
    manager,
    'step_visit',
    [
      'element_instance_key',
      'process_instance_key',
      'bpmn_process_id',
      'element_id',
      'activated_at',
    ],
    [...opened.entries()].map(([key, visit]) => [
      key,
      visit.processInstanceKey,
      visit.bpmnProcessId,
      visit.elementId,
      visit.activatedAt,
    ]),
    'ON CONFLICT (element_instance_key) DO NOTHING',
  );
  await insertRows(
    manager,
    'step_day',
    ['bpmn_process_id', 'day', 'element_id', 'reached', 'durations'],
    steps.sorted().map((row) => [row.bpmnProcessId, row.day, row.id, row.n, row.durations]),
    // Histograms add up bucket by bucket (unnest pads the shorter one with nulls).
    `ON CONFLICT (bpmn_process_id, day, element_id) DO UPDATE
       SET reached = step_day.reached + EXCLUDED.reached,
           durations = ARRAY(
             SELECT coalesce(o, 0) + coalesce(n, 0)
               FROM unnest(step_day.durations, EXCLUDED.durations) WITH ORDINALITY AS t(o, n, i)
              ORDER BY i)`,
  );
  await insertRows(
    manager,
    'flow_day',
    ['bpmn_process_id', 'day', 'flow_id', 'taken'],
    flows.sorted().map((row) => [row.bpmnProcessId, row.day, row.id, row.n]),
    `ON CONFLICT (bpmn_process_id, day, flow_id) DO UPDATE SET taken = flow_day.taken + EXCLUDED.taken`,
  );
}
