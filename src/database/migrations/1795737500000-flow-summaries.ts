import { MigrationInterface, QueryRunner } from 'typeorm';

const STEP_TYPES = `('USER_TASK', 'SERVICE_TASK', 'SEND_TASK', 'RECEIVE_TASK', 'BUSINESS_RULE_TASK',
  'SCRIPT_TASK', 'MANUAL_TASK', 'TASK', 'CALL_ACTIVITY', 'SUB_PROCESS', 'INTERMEDIATE_CATCH_EVENT',
  'EVENT_BASED_GATEWAY', 'MULTI_INSTANCE_BODY')`;
/** The day in Rome, and durationBucket() of src/engine/read-model/flow-events.ts, in SQL. */
const ROME_DAY = (at: string) => `(${at} AT TIME ZONE 'Europe/Rome')::date`;
const BUCKET = (seconds: string) =>
  `CASE WHEN ${seconds} < 1 THEN 0 ELSE floor(ln(${seconds}) / ln(2) * 8)::int + 1 END`;
/**
 * From rows (path, day, step, visits begun, duration bucket or null, completed in it) to each
 * day's visits begun (`reached`) and its histogram as a dense array of counts (`histogram`).
 */
const HISTOGRAMS = (rows: string) => `per_bucket AS (
    SELECT bpmn_process_id, day, element_id, bucket, sum(n)::int AS n FROM ${rows}
     WHERE bucket IS NOT NULL GROUP BY 1, 2, 3, 4),
  histogram AS (
    SELECT m.bpmn_process_id, m.day, m.element_id,
           array_agg(coalesce(p.n, 0) ORDER BY b) AS durations
      FROM (SELECT bpmn_process_id, day, element_id, max(bucket) AS top
              FROM per_bucket GROUP BY 1, 2, 3) m
     CROSS JOIN generate_series(0, m.top) AS b
      LEFT JOIN per_bucket p ON p.bpmn_process_id = m.bpmn_process_id AND p.day = m.day
                            AND p.element_id = m.element_id AND p.bucket = b
     GROUP BY 1, 2, 3),
  reached AS (
    SELECT bpmn_process_id, day, element_id, sum(reached)::int AS n FROM ${rows} GROUP BY 1, 2, 3)`;
/** Adds days' rows into step_day: counts add up, histograms bucket by bucket. */
const INTO_STEP_DAY = `INSERT INTO step_day (bpmn_process_id, day, element_id, reached, durations)
  SELECT r.bpmn_process_id, r.day, r.element_id, r.n, coalesce(h.durations, '{}')
    FROM reached r
    LEFT JOIN histogram h ON h.bpmn_process_id = r.bpmn_process_id AND h.day = r.day
                         AND h.element_id = r.element_id
   ORDER BY 1, 2, 3
  ON CONFLICT (bpmn_process_id, day, element_id) DO UPDATE
    SET reached = step_day.reached + EXCLUDED.reached,
        durations = ARRAY(
          SELECT coalesce(o, 0) + coalesce(n, 0)
            FROM unnest(step_day.durations, EXCLUDED.durations) WITH ORDINALITY AS t(o, n, i)
           ORDER BY i)`;

/**
 * Summaries of the flow events for the managers' heatmap, kept by the transactions that write
 * the events: a step's visits per day with a histogram of their durations, flows taken per day,
 * and the visits still open. Reading 5,000,000 events per request took 2-6 s; these are
 * filled from the events already recorded.
 *
 * A transaction appends its counts to the *_delta tables (no row is updated: concurrent
 * commands completing the same step on the same day would queue on its row); readers add the
 * deltas to the days, and compact_flow_summaries() folds them in every few seconds.
 */
export class FlowSummaries1795737500000 implements MigrationInterface {
  name = 'FlowSummaries1795737500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE step_visit (
        element_instance_key bigint PRIMARY KEY,
        process_instance_key bigint NOT NULL,
        bpmn_process_id varchar(255) NOT NULL,
        element_id varchar(255) NOT NULL,
        activated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX step_visit_element ON step_visit (bpmn_process_id, element_id)`,
      `CREATE TABLE step_day (
        bpmn_process_id varchar(255) NOT NULL,
        day date NOT NULL,
        element_id varchar(255) NOT NULL,
        reached int NOT NULL,
        durations int[] NOT NULL,
        PRIMARY KEY (bpmn_process_id, day, element_id)
      )`,
      `CREATE TABLE flow_day (
        bpmn_process_id varchar(255) NOT NULL,
        day date NOT NULL,
        flow_id varchar(255) NOT NULL,
        taken int NOT NULL,
        PRIMARY KEY (bpmn_process_id, day, flow_id)
      )`,
      `CREATE TABLE step_day_delta (
        bpmn_process_id varchar(255) NOT NULL,
        day date NOT NULL,
        element_id varchar(255) NOT NULL,
        reached int NOT NULL,
        bucket int,
        n int NOT NULL
      )`,
      `CREATE INDEX step_day_delta_day ON step_day_delta (bpmn_process_id, day)`,
      `CREATE TABLE flow_day_delta (
        bpmn_process_id varchar(255) NOT NULL,
        day date NOT NULL,
        flow_id varchar(255) NOT NULL,
        taken int NOT NULL
      )`,
      `CREATE INDEX flow_day_delta_day ON flow_day_delta (bpmn_process_id, day)`,
      // Counted by the statement that inserts the events, in its transaction: both engines
      // write them (src/engine/read-model/flow-events.ts), and a trigger costs no round trip on
      // the engine's hot path (the same folding from the application took a quarter of its
      // throughput: bench:engine).
      `CREATE FUNCTION fold_flow_events() RETURNS trigger LANGUAGE plpgsql AS $fold$
       BEGIN
         INSERT INTO step_visit (element_instance_key, process_instance_key, bpmn_process_id,
                                 element_id, activated_at)
         SELECT element_instance_key, process_instance_key, bpmn_process_id, element_id, at
           FROM new_events
          WHERE intent = 'ELEMENT_ACTIVATED' AND element_type IN ${STEP_TYPES}
         ON CONFLICT DO NOTHING;
         WITH ended AS (
           DELETE FROM step_visit v USING new_events e
            WHERE v.element_instance_key = e.element_instance_key
              AND e.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
           RETURNING v.bpmn_process_id, v.element_id, v.activated_at, e.intent, e.at)
         INSERT INTO step_day_delta (bpmn_process_id, day, element_id, reached, bucket, n)
         SELECT bpmn_process_id, ${ROME_DAY('at')}, element_id, count(*)::int, NULL, 0
           FROM new_events
          WHERE intent = 'ELEMENT_ACTIVATED' AND element_type IN ${STEP_TYPES}
          GROUP BY 1, 2, 3
         UNION ALL
         SELECT bpmn_process_id, ${ROME_DAY('activated_at')}, element_id, 0,
                ${BUCKET('extract(epoch FROM at - activated_at)')}, count(*)::int
           FROM ended WHERE intent = 'ELEMENT_COMPLETED'
          GROUP BY 1, 2, 3, 5;
         INSERT INTO flow_day_delta (bpmn_process_id, day, flow_id, taken)
         SELECT bpmn_process_id, ${ROME_DAY('at')}, element_id, count(*)::int FROM new_events
          WHERE intent = 'SEQUENCE_FLOW_TAKEN' GROUP BY 1, 2, 3;
         RETURN NULL;
       END
       $fold$`,
      `CREATE TRIGGER flow_event_summaries AFTER INSERT ON flow_event
         REFERENCING NEW TABLE AS new_events
         FOR EACH STATEMENT EXECUTE FUNCTION fold_flow_events()`,
      `CREATE FUNCTION compact_flow_summaries() RETURNS void LANGUAGE plpgsql AS $compact$
       BEGIN
         WITH moved AS (DELETE FROM step_day_delta RETURNING *),
         ${HISTOGRAMS('moved')}
         ${INTO_STEP_DAY};
         WITH moved AS (DELETE FROM flow_day_delta RETURNING *)
         INSERT INTO flow_day (bpmn_process_id, day, flow_id, taken)
         SELECT bpmn_process_id, day, flow_id, sum(taken)::int FROM moved
          GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
         ON CONFLICT (bpmn_process_id, day, flow_id) DO UPDATE
           SET taken = flow_day.taken + EXCLUDED.taken;
       END
       $compact$`,
      // Events gathered per element instance (one pass, whatever the planner estimates; a
      // self-join planned on stale statistics ran for hours).
      `ANALYZE flow_event`,
      `CREATE TEMPORARY TABLE visit_summary AS
       SELECT element_instance_key, max(process_instance_key) AS process_instance_key,
              max(bpmn_process_id) AS bpmn_process_id, max(element_id) AS element_id,
              min(at) FILTER (WHERE intent = 'ELEMENT_ACTIVATED') AS activated_at,
              min(at) FILTER (WHERE intent = 'ELEMENT_COMPLETED') AS completed_at,
              bool_or(intent <> 'ELEMENT_ACTIVATED') AS ended
         FROM flow_event
        WHERE element_type IN ${STEP_TYPES}
          AND intent IN ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
        GROUP BY element_instance_key`,
      `INSERT INTO step_visit
       SELECT element_instance_key, process_instance_key, bpmn_process_id, element_id, activated_at
         FROM visit_summary WHERE activated_at IS NOT NULL AND NOT ended`,
      `WITH counted AS (
         SELECT bpmn_process_id, ${ROME_DAY('activated_at')} AS day, element_id, 1 AS reached,
                CASE WHEN completed_at IS NULL THEN NULL
                     ELSE ${BUCKET('extract(epoch FROM completed_at - activated_at)')} END AS bucket,
                1 AS n
           FROM visit_summary WHERE activated_at IS NOT NULL),
       ${HISTOGRAMS('counted')}
       ${INTO_STEP_DAY}`,
      `DROP TABLE visit_summary`,
      // Its one reader was the heatmap's scan of the events; every insert paid for it.
      `DROP INDEX flow_event_element`,
      `INSERT INTO flow_day (bpmn_process_id, day, flow_id, taken)
       SELECT bpmn_process_id, ${ROME_DAY('at')}, element_id, count(*)::int FROM flow_event
        WHERE intent = 'SEQUENCE_FLOW_TAKEN' GROUP BY 1, 2, 3`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX flow_event_element ON flow_event (bpmn_process_id, element_id, at)`,
    );
    await queryRunner.query(`DROP TRIGGER flow_event_summaries ON flow_event`);
    await queryRunner.query(`DROP FUNCTION fold_flow_events()`);
    await queryRunner.query(`DROP FUNCTION compact_flow_summaries()`);
    for (const table of [
      'flow_day_delta',
      'step_day_delta',
      'flow_day',
      'step_day',
      'step_visit',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
