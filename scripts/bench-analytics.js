#!/usr/bin/env node
// The managers' figures at city scale (issue 13), on PostgreSQL (BENCH_DATABASE_URL, default the
// local test server): a fresh database percorsi_bench_<pid>, the real app started from dist/ (the
// migrations run and the shipped paths are deployed), then bulk-loaded with SQL: 100,000 cases over
// the 8 units with 64 caseworkers, two legal deadlines each (with met, breached, extended ones), one
// instance of the longest shipped path each with 5,000,000 flow events between them, 1,000,000 tasks.
// Then, over HTTP as a manager, sequential requests after a warm-up for every dashboard query and
// the heatmap (target p95 ≤ 300 ms), and the CSV of every running deadline (~100,000 rows; target
// ≤ 5 s with the server's memory flat).
// Usage: npm run bench:analytics   [BENCH_CASES=100000 BENCH_EVENTS_PER_CASE=50 BENCH_TASKS=1000000 BENCH_REQUESTS=40
//                                   BENCH_KEEP_DATABASE=1]
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir, cpus } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { dist, sleep, startApp, login, measure } = require('./bench-support');

const { hashPassword } = require(join(dist, 'auth/password-hasher'));
const { parseBpmnXml } = require(join(dist, 'engine/embedded/moddle'));
const { FlowSummaries1795737500000 } = require(
  join(dist, 'database/migrations/1795737500000-flow-summaries'),
);

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const EVENTS_PER_CASE = Number(process.env.BENCH_EVENTS_PER_CASE ?? 50);
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const WARMUP = 5;
const UNITS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
const PASSWORD = 'bench-password-1234';
const KEY_BASE = 2251799813685248n;

/** The steps and flows of the path the instances run, from its deployed XML. */
async function pathShape(db) {
  const {
    rows: [path],
  } = await db.query(
    `SELECT bpmn_process_id, key::text AS key, version, xml FROM process_definition
      ORDER BY length(xml) DESC LIMIT 1`,
  );
  const { elementsById } = await parseBpmnXml(path.xml);
  const steps = [];
  const flows = [];
  for (const [id, element] of Object.entries(elementsById)) {
    if (element.$type === 'bpmn:SequenceFlow') flows.push(id);
    else if (/Task$|CallActivity$/.test(element.$type)) steps.push(id);
  }
  return { ...path, steps, flows };
}

async function load(db, path) {
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET maintenance_work_mem = '256MB'`);
  const hash = await hashPassword(PASSWORD);
  // Eight caseworkers per unit, one of them half time; the manager.
  await db.query(
    `INSERT INTO account (username, display_name, role, unit_code, password_hash, fte)
     SELECT 'cw-' || k || '-' || u, 'Assistente ' || k || ' ' || u, 'caseworker', u, $1,
            CASE WHEN k = 8 THEN 0.5 ELSE 1 END
       FROM unnest($2::text[]) AS u, generate_series(1, 8) AS k`,
    [hash, UNITS],
  );
  await db.query(
    `INSERT INTO account (username, display_name, role, password_hash) VALUES ('bench-manager', 'Dirigente', 'manager', $1)`,
    [hash],
  );
  await db.query(
    `INSERT INTO unit_population (unit_code, population) SELECT u, 80000 FROM unnest($1::text[]) u`,
    [UNITS],
  );
  await db.query(
    `INSERT INTO person (surname, name) SELECT 'Cognome' || n, 'Nome' || n FROM generate_series(1, $1::int) n`,
    [CASES],
  );
  await db.query(
    `CREATE TEMP TABLE bench_case AS
       SELECT row_number() OVER (ORDER BY id)::int AS n, id AS person_id FROM person`,
  );
  await db.query(
    `INSERT INTO social_case (case_number, unit_code, person_id, status, opened_at, case_manager_id)
     SELECT 'SSC-' || u.code || '-' || (2024 + b.n % 3) || '-' || lpad(b.n::text, 6, '0'), u.code,
            b.person_id, CASE WHEN b.n % 10 = 0 THEN 'closed' ELSE 'open' END,
            now() - (b.n % 700) * interval '1 day',
            (SELECT id FROM account WHERE username = 'cw-' || (1 + b.n % 8) || '-' || u.code)
       FROM bench_case b JOIN LATERAL (SELECT ($1::text[])[1 + b.n % 8] AS code) u ON true`,
    [UNITS],
  );
  await db.query(
    `CREATE TEMP TABLE bench_sc AS
       SELECT row_number() OVER (ORDER BY c.case_number)::int AS n, c.id, c.case_number, c.status, c.opened_at,
              c.case_manager_id
         FROM social_case c`,
  );
  await db.query(`ALTER TABLE bench_sc ADD PRIMARY KEY (n)`);
  // One instance of the path per case: running for open cases, completed for closed ones.
  await db.query(
    `INSERT INTO process_instance (key, process_definition_key, bpmn_process_id, version, business_key,
        state, started_at, ended_at)
     SELECT $1::bigint + s.n::bigint * 1000, $2::bigint, $3, $4, s.case_number,
            CASE WHEN s.status = 'open' THEN 'ACTIVE' ELSE 'COMPLETED' END, s.opened_at,
            CASE WHEN s.status = 'open' THEN NULL ELSE s.opened_at + interval '200 days' END
       FROM bench_sc s`,
    [String(KEY_BASE), path.key, path.bpmn_process_id, path.version],
  );
  await db.query(
    `INSERT INTO case_path (case_id, bpmn_process_id, process_instance_key, started_at)
     SELECT s.id, $2, $1::bigint + s.n::bigint * 1000, s.opened_at FROM bench_sc s`,
    [String(KEY_BASE), path.bpmn_process_id],
  );
  await db.query(
    `UPDATE social_case SET closed_at = opened_at + interval '200 days' WHERE status = 'closed'`,
  );
  // Per instance: element instances activated then completed (the last one of a running case
  // still open), and flows taken between them, days apart.
  const stepInstances = Math.floor((EVENTS_PER_CASE * 2) / 5);
  const flowEvents = EVENTS_PER_CASE - stepInstances * 2;
  await db.query(
    `INSERT INTO flow_event (process_instance_key, element_instance_key, flow_scope_key, element_id,
        element_type, event_type, intent, bpmn_process_id, at)
     SELECT i.key, i.key + 1 + e.k, i.key, e.element_id, e.type, 'UNSPECIFIED', e.intent, $1, e.at
       FROM (SELECT $2::bigint + s.n::bigint * 1000 AS key, s.opened_at, s.status FROM bench_sc s) i
       CROSS JOIN LATERAL (
         SELECT k, ($3::text[])[1 + k % array_length($3::text[], 1)] AS element_id,
                'USER_TASK' AS type, 'ELEMENT_ACTIVATED' AS intent,
                i.opened_at + k * interval '3 days' + (abs(hashint8(i.key + k)) % 24) * interval '1 hour' AS at
           FROM generate_series(0, $4::int - 1) k
         UNION ALL
         SELECT k, ($3::text[])[1 + k % array_length($3::text[], 1)], 'USER_TASK', 'ELEMENT_COMPLETED',
                i.opened_at + k * interval '3 days' + (abs(hashint8(i.key + k * 7)) % 60) * interval '1 hour'
                  + interval '1 hour'
           FROM generate_series(0, $4::int - 1) k
          WHERE NOT (i.status = 'open' AND k = $4::int - 1)
         UNION ALL
         SELECT 500 + k, ($5::text[])[1 + k % array_length($5::text[], 1)], 'SEQUENCE_FLOW',
                'SEQUENCE_FLOW_TAKEN', i.opened_at + k * interval '3 days'
           FROM generate_series(0, $6::int - 1) k
       ) e`,
    [path.bpmn_process_id, String(KEY_BASE), path.steps, stepInstances, path.flows, flowEvents],
  );
  // The heatmap's summaries, as the upgrade to them computes them from recorded events (the
  // engine keeps them per command; bulk-loaded events bypass it).
  const summaries = new FlowSummaries1795737500000();
  const shim = { query: (sql) => db.query(sql) };
  const summarising = process.hrtime.bigint();
  await summaries.down(shim);
  await summaries.up(shim);
  console.log(
    `heatmap summaries computed from the events in ${(Number(process.hrtime.bigint() - summarising) / 1e9).toFixed(0)} s`,
  );
  // Two legal deadlines per case: due over the last and the next year; past ones met on time
  // (60 %), late (15 %), breached (15 %) or still running (10 %); one in ten extended.
  await db.query(
    `INSERT INTO case_deadline (case_id, kind, label, legal_basis, due_date, status, process_instance_key,
        element_id, met_at)
     SELECT s.id, d.kind, d.label, d.basis, d.due,
            CASE WHEN d.due >= current_date THEN 'running'
                 WHEN d.r < 0.75 THEN 'met' WHEN d.r < 0.9 THEN 'breached' ELSE 'running' END,
            $1::bigint + s.n::bigint * 1000, 'bench-' || d.kind,
            CASE WHEN d.due < current_date AND d.r < 0.6 THEN d.due - interval '2 days' + interval '10 hours'
                 WHEN d.due < current_date AND d.r < 0.75 THEN d.due + interval '5 days' END
       FROM bench_sc s
       CROSS JOIN LATERAL (
         SELECT k.kind, k.label, k.basis,
                (current_date + ((abs(hashint4(s.n * 3 + k.i)) % 730) - 365))::date AS due,
                (abs(hashint4(s.n * 5 + k.i)) % 1000) / 1000.0 AS r
           FROM (VALUES (1, 'adi-first-meeting', 'Primo incontro ADI', 'DM 13/12/2023 art. 7'),
                        (2, 'court-report', 'Relazione al Tribunale per i Minorenni', 'L. 184/1983 art. 5-bis'))
                AS k(i, kind, label, basis)
       ) d`,
    [String(KEY_BASE)],
  );
  await db.query(
    `INSERT INTO deadline_extension (deadline_id, previous_due, new_due, reason, granted_by, recorded_by)
     SELECT d.id, d.due_date - 30, d.due_date, 'Relazione sanitaria attesa', 'Tribunale per i Minorenni',
            (SELECT id FROM account WHERE username = 'bench-manager')
       FROM case_deadline d WHERE abs(hashtext(d.id::text)) % 10 = 0`,
  );
  await db.query(
    `INSERT INTO task (job_key, process_instance_key, element_instance_key, bpmn_process_id,
        process_definition_version, element_id, name, case_number, unit_code, assignee,
        candidate_groups, candidate_users, created_at, due_at, priority, form_key, state, completed_at)
     SELECT $1::bigint + 100000000 + g, $1::bigint + s.n::bigint * 1000, $1::bigint + 200000000 + g, $2, $3,
            'passo', 'Passo', c.case_number, c.unit_code, a.username, '{caseworker}', '{}',
            now() - (g % 700) * interval '1 day', now() + ((g % 181) - 90) * interval '1 day', 50, 'bench-form',
            CASE WHEN g % 5 = 0 THEN 'CREATED' ELSE 'COMPLETED' END,
            CASE WHEN g % 5 = 0 THEN NULL ELSE now() - (g % 600) * interval '1 day' END
       FROM generate_series(1, $4::int) g
       JOIN bench_sc s ON s.n = 1 + (g::bigint * 7919) % $5::int
       JOIN social_case c ON c.id = s.id
       JOIN account a ON a.id = s.case_manager_id`,
    [String(KEY_BASE), path.bpmn_process_id, path.version, TASKS, CASES],
  );
  for (const table of [
    'flow_event',
    'step_day',
    'flow_day',
    'step_visit',
    'process_instance',
    'case_deadline',
    'deadline_extension',
    'task',
    'social_case',
    'case_path',
    'account',
  ])
    await db.query(`VACUUM ANALYZE ${table}`);
}

/** The server's resident memory (MB), sampled while a download runs. */
function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function csvDownload(url, token, path, pid) {
  const samples = [rssMb(pid)];
  const timer = setInterval(() => samples.push(rssMb(pid)), 50);
  const t0 = process.hrtime.bigint();
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  return { seconds, rows: lines - 1, bytes, rssBefore: samples[0], rssPeak: Math.max(...samples) };
}

(async () => {
  console.log(
    `node ${process.version}, ${cpus().length} cores; ${CASES} cases, ~${CASES * EVENTS_PER_CASE} flow events, ${TASKS} tasks, ${REQUESTS} requests per measurement`,
  );
  const name = `percorsi_bench_${process.pid}`;
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-bench-'));
  let app;
  let db;
  try {
    const dbUrl = new URL(PG_URL);
    dbUrl.pathname = `/${name}`;
    app = await startApp({
      DATABASE_URL: dbUrl.toString(),
      DATA_DIR: dataDir,
      DEMO_ACCOUNTS: 'false',
      ADMIN_PASSWORD: 'bench-admin-password',
    });
    db = new Client({ connectionString: dbUrl.toString() });
    await db.connect();
    const path = await pathShape(db);
    const started = process.hrtime.bigint();
    await load(db, path);
    const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const {
      rows: [sizes],
    } = await db.query(
      `SELECT (SELECT count(*) FROM flow_event)::int AS events, (SELECT count(*) FROM task)::int AS tasks,
              (SELECT count(*) FROM case_deadline)::int AS deadlines,
              (SELECT count(*) FROM case_deadline WHERE status = 'running')::int AS running,
              pg_size_pretty(pg_total_relation_size('flow_event')) AS flow_size`,
    );
    console.log(
      `PostgreSQL ${(await db.query(`SHOW server_version`)).rows[0].server_version}; load ${loadSeconds.toFixed(0)} s; ` +
        `${sizes.events} flow events (${sizes.flow_size}), ${sizes.tasks} tasks, ${sizes.deadlines} deadlines (${sizes.running} running); ` +
        `path ${path.bpmn_process_id} (${path.steps.length} steps, ${path.flows.length} flows)`,
    );
    const token = await login(app.url, 'bench-manager', PASSWORD);
    const options = { warmup: WARMUP, requests: REQUESTS };
    const get = (label, path) => measure(label, app.url, { token, path: () => path }, options);
    const results = [
      await get('deadlines by unit', '/api/stats/deadlines?groupBy=unit'),
      await get('deadlines by kind', '/api/stats/deadlines?groupBy=kind'),
      await get('deadlines by case manager', '/api/stats/deadlines?groupBy=caseManager'),
      await get('deadlines by path', '/api/stats/deadlines?groupBy=path'),
      await get('deadlines month by month (12)', '/api/stats/deadlines/months?months=12'),
      await get(
        'breached in unit III, first page',
        '/api/stats/deadlines/cases?measure=breached&unitCode=III',
      ),
      await get('trends, 12 months, city', '/api/stats/trends?interval=month&periods=12'),
      await get(
        'trends, 26 weeks, unit III, one path',
        `/api/stats/trends?interval=week&periods=26&unitCode=III&bpmnProcessId=${path.bpmn_process_id}`,
      ),
      await get('caseloads by unit and ambito', '/api/stats/caseloads'),
      await get('caseworkers of unit III', '/api/stats/caseworkers?unitCode=III'),
      await get(
        `heatmap of ${path.bpmn_process_id} (90 days)`,
        `/api/stats/paths/${path.bpmn_process_id}/elements`,
      ),
      await get(
        `heatmap of ${path.bpmn_process_id} (2 years)`,
        `/api/stats/paths/${path.bpmn_process_id}/elements?from=${new Date(Date.now() - 730 * 864e5).toISOString().slice(0, 10)}`,
      ),
    ];
    for (const r of results) {
      console.log(
        `${r.label.padEnd(52)} p50 ${r.p50.toFixed(0).padStart(5)} ms  p95 ${r.p95.toFixed(0).padStart(5)} ms  ` +
          `p99 ${r.p99.toFixed(0).padStart(5)} ms  (target p95 ≤ 300 ms: ${r.p95 <= 300 ? 'met' : 'NOT met'})`,
      );
    }
    await sleep(200);
    const csv = await csvDownload(
      app.url,
      token,
      '/api/stats/deadlines/cases?measure=running&format=csv',
      app.child.pid,
    );
    console.log(
      `CSV of the running deadlines: ${csv.rows} rows, ${(csv.bytes / 1e6).toFixed(1)} MB in ${csv.seconds.toFixed(1)} s ` +
        `(target ≤ 5 s: ${csv.seconds <= 5 ? 'met' : 'NOT met'}); server RSS ${csv.rssBefore.toFixed(0)} MB before, ` +
        `${csv.rssPeak.toFixed(0)} MB at most during`,
    );
  } finally {
    if (app) {
      app.child.kill('SIGTERM');
      await new Promise((resolve) => app.child.on('exit', resolve));
    }
    await db?.end();
    // BENCH_KEEP_DATABASE=1 leaves it for EXPLAIN ANALYZE (drop it by hand afterwards).
    if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`database kept: ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
