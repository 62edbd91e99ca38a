#!/usr/bin/env node
// Tasklist and case search at city scale (issue 4), on PostgreSQL (BENCH_DATABASE_URL, default the
// local test server): a fresh database percorsi_bench_<pid>, the real app started from dist/ (so the
// migrations run), then 100,000 cases over the 8 units and 1,000,000 task rows bulk-loaded with SQL,
// ANALYZE, and latencies over HTTP with real tokens (sequential requests, after a warm-up):
//   - a caseworker's "my unit, unassigned, open, by due date": first page and offset 500 (limit 25);
//   - a coordinator's case search by tax code, and the front office's person lookup by tax code.
// Usage: npm run bench:tasklist   [BENCH_CASES=100000 BENCH_TASKS=1000000 BENCH_REQUESTS=500]
const { mkdtempSync, rmSync } = require('node:fs');
const { randomUUID } = require('node:crypto');
const { tmpdir, cpus } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');

const { dist, startApp, login: loginAs, measure: measureRequests } = require('./bench-support');
const { hashPassword } = require(join(dist, 'auth/password-hasher'));
const { taxCodeCheckCharacter } = require(
  join(dist, 'cases/tax-code/tax-code-check-character.util'),
);

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const TASKS = Number(process.env.BENCH_TASKS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARMUP = 50;
const UNITS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
const UNIT = 'III';
const PASSWORD = 'bench-password-1234';
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** Plausible, unique tax codes with a valid check character: SSSNNN YY M DD ZZZZ C. */
function taxCodes(count) {
  const letters = 'BCDFGHLMNPRSTVZAEIOU';
  const months = 'ABCDEHLMPRST';
  const seen = new Set();
  const out = [];
  while (out.length < count) {
    const female = Math.random() < 0.5;
    const day = 1 + Math.floor(Math.random() * 28) + (female ? 40 : 0);
    const first15 =
      Array.from({ length: 6 }, () => pick(letters)).join('') +
      String(Math.floor(Math.random() * 100)).padStart(2, '0') +
      pick(months) +
      String(day).padStart(2, '0') +
      pick('ABCDEFGHILM') +
      String(1 + Math.floor(Math.random() * 999)).padStart(3, '0');
    const code = first15 + taxCodeCheckCharacter(first15);
    if (seen.has(code)) continue;
    seen.add(code);
    out.push({ code, sex: female ? 'F' : 'M' });
  }
  return out;
}

async function load(db) {
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET maintenance_work_mem = '256MB'`);
  const codes = taxCodes(CASES);
  const ids = codes.map(() => randomUUID());
  await db.query(
    `INSERT INTO person (id, tax_code, surname, name, birth_date, sex)
     SELECT id, tax_code, 'Cognome' || n, 'Nome' || n, DATE '1940-01-01' + (n % 25000)::int, sex
       FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS u(id, tax_code, sex, n)`,
    [ids, codes.map((c) => c.code), codes.map((c) => c.sex)],
  );
  // Case numbers as the register writes them: SSC-<unit>-<year>-<000001>, unique per unit and year.
  await db.query(
    `INSERT INTO social_case (case_number, unit_code, person_id, status, opened_at)
     SELECT 'SSC-' || ($2::text[])[1 + n % 8] || '-' || (2020 + (n / 8) % 7) || '-' || lpad((1 + n / 56)::text, 6, '0'),
            ($2::text[])[1 + n % 8], id, CASE WHEN n % 10 = 0 THEN 'closed' ELSE 'open' END,
            make_timestamptz((2020 + (n / 8) % 7)::int, 1, 1, 9, 0, 0, 'UTC') + (n % 360) * interval '1 day'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n)`,
    [ids, UNITS],
  );
  await db.query(
    `CREATE TEMP TABLE bench_case AS
       SELECT row_number() OVER (ORDER BY case_number)::int AS n, case_number, unit_code FROM social_case`,
  );
  await db.query(`ALTER TABLE bench_case ADD PRIMARY KEY (n)`);
  // Tasks as the tasklist writes them: ~78 % completed, ~20 % open (half of them unassigned),
  // ~2 % cancelled; assignees cw-<k>-<unit>; due dates over ±90 days, 15 % without; 90 % for caseworkers, 10 % coordinators.
  await db.query(
    `INSERT INTO task (job_key, process_instance_key, element_instance_key, bpmn_process_id,
        process_definition_version, element_id, name, case_number, unit_code, assignee,
        candidate_groups, candidate_users, created_at, due_at, follow_up_at, priority, form_key,
        state, completed_at, completed_by, canceled_at)
     SELECT 2251799813685248 + g * 3, 2251799813685248 + g * 3 + 1, 2251799813685248 + g * 3 + 2,
            p.path, 1, p.element, p.label, c.case_number, c.unit_code,
            CASE WHEN x.state = 'CREATED' AND x.r2 < 0.5 THEN NULL ELSE x.who || '-' || c.unit_code END,
            CASE WHEN x.r3 < 0.9 THEN '{caseworker}'::text[] ELSE '{coordinator}'::text[] END, '{}',
            x.created, CASE WHEN x.r4 < 0.15 THEN NULL ELSE now() + (x.r5 * 180 - 90) * interval '1 day' END,
            NULL, CASE WHEN x.r2 < 0.1 THEN 80 ELSE 50 END, 'bench-form',
            x.state,
            CASE WHEN x.state = 'COMPLETED' THEN x.created + x.r5 * interval '20 days' END,
            CASE WHEN x.state = 'COMPLETED' THEN x.who || '-' || c.unit_code END,
            CASE WHEN x.state = 'CANCELED' THEN x.created + x.r5 * interval '20 days' END
       FROM (SELECT g, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                    CASE WHEN s < 0.20 THEN 'CREATED' WHEN s < 0.22 THEN 'CANCELED' ELSE 'COMPLETED' END AS state,
                    'cw-' || (1 + floor(random() * 6))::int AS who,
                    CASE WHEN s < 0.22 THEN now() - random() * interval '60 days'
                         ELSE now() - random() * interval '730 days' END AS created
               FROM (SELECT g, random() AS s FROM generate_series(1, $1::int) g) r) x
       JOIN bench_case c ON c.n = 1 + (x.g::bigint * 7919) % $2::int
       JOIN (VALUES (0, 'presa-in-carico', 'valutazione', 'Valutazione del bisogno'),
                    (1, 'presa-in-carico', 'progetto', 'Progetto individualizzato'),
                    (2, 'sostegno-economico', 'istruttoria', 'Istruttoria della domanda'),
                    (3, 'tutela-minori', 'relazione', 'Relazione al tribunale'))
            AS p(k, path, element, label) ON p.k = x.g % 4`,
    [TASKS, CASES],
  );
  await db.query(`VACUUM ANALYZE task`);
  await db.query(`VACUUM ANALYZE person`);
  await db.query(`VACUUM ANALYZE social_case`);
}

async function accounts(db) {
  const hash = await hashPassword(PASSWORD);
  const made = [
    ['bench-caseworker', 'caseworker'],
    ['bench-coordinator', 'coordinator'],
    ['bench-front', 'front-office'],
  ];
  for (const [username, role] of made) {
    await db.query(
      `INSERT INTO account (username, display_name, role, unit_code, password_hash, password_changed_at)
       VALUES ($1, $1, $2, $3, $4, now())`,
      [username, role, UNIT, hash],
    );
  }
}

const login = (url, username) => loginAs(url, username, PASSWORD);
const measure = (label, target, request) =>
  measureRequests(label, target, request, { warmup: WARMUP, requests: REQUESTS });

(async () => {
  console.log(
    `node ${process.version}, ${cpus().length} cores; ${CASES} cases, ${TASKS} tasks, ${REQUESTS} requests per measurement`,
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
    const server = (await admin.query(`SELECT current_setting('server_version') AS v`)).rows[0].v;
    app = await startApp({
      DATABASE_URL: dbUrl.toString(),
      DATA_DIR: dataDir,
      DEMO_ACCOUNTS: 'false',
      ADMIN_PASSWORD: 'bench-admin-password',
    });
    db = new Client({ connectionString: dbUrl.toString() });
    await db.connect();
    const started = process.hrtime.bigint();
    await load(db);
    const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    await accounts(db);
    const { rows: sizes } = await db.query(
      `SELECT pg_size_pretty(pg_total_relation_size('task')) AS task,
              pg_size_pretty(pg_relation_size('task_open_unassigned')) AS idx,
              (SELECT count(*) FROM task WHERE unit_code = $1 AND state = 'CREATED' AND assignee IS NULL)::int AS unassigned
         FROM (SELECT 1) one`,
      [UNIT],
    );
    console.log(
      `PostgreSQL ${server}; load ${loadSeconds.toFixed(1)} s (persons, cases, tasks, VACUUM ANALYZE); ` +
        `task table ${sizes[0].task}, task_open_unassigned ${sizes[0].idx}; unit ${UNIT}: ${sizes[0].unassigned} open unassigned rows`,
    );
    const { rows: unitCodes } = await db.query(
      `SELECT p.tax_code FROM social_case c JOIN person p ON p.id = c.person_id WHERE c.unit_code = $1`,
      [UNIT],
    );
    const unitTaxCodes = unitCodes.map((r) => r.tax_code);
    const { rows: allCodes } = await db.query(`SELECT tax_code FROM person`);
    const anyTaxCodes = allCodes.map((r) => r.tax_code);

    const caseworker = await login(app.url, 'bench-caseworker');
    const coordinator = await login(app.url, 'bench-coordinator');
    const front = await login(app.url, 'bench-front');
    const page = (offset) => (body) => {
      if (body.items.length !== 25) throw new Error(`offset ${offset}: ${body.items.length} items`);
    };
    const one = (body, p) => {
      const items = Array.isArray(body) ? body : body.items;
      if (items.length !== 1) throw new Error(`${p}: ${items.length} results`);
    };
    const results = [
      await measure('tasks unit-unassigned, first page (limit 25)', app.url, {
        token: caseworker,
        path: () => `/api/tasks?view=unit-unassigned&limit=25&offset=0`,
        check: page(0),
      }),
      await measure('tasks unit-unassigned, offset 500 (limit 25)', app.url, {
        token: caseworker,
        path: () => `/api/tasks?view=unit-unassigned&limit=25&offset=500`,
        check: page(500),
      }),
      await measure('cases by tax code (coordinator)', app.url, {
        token: coordinator,
        path: () => `/api/cases?taxCode=${pick(unitTaxCodes)}`,
        check: one,
      }),
      await measure('persons by tax code (front office)', app.url, {
        token: front,
        path: () => `/api/persons?taxCode=${pick(anyTaxCodes)}`,
        check: one,
      }),
    ];
    for (const r of results) {
      const target = r.label.startsWith('tasks') ? 50 : 20;
      console.log(
        `${r.label.padEnd(46)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  ` +
          `mean ${r.mean.toFixed(1)} ms  (target p95 ≤ ${target} ms: ${r.p95 <= target ? 'met' : 'NOT met'})`,
      );
    }
    if (process.env.BENCH_EXPLAIN === '1') {
      const show = async (sql, values) => {
        const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
        console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
      };
      const { taskListSql } = require(join(dist, 'tasks/tasks.repository'));
      for (const offset of [0, 500]) {
        const q = taskListSql({
          view: 'unit-unassigned',
          unitCode: UNIT,
          username: 'bench-caseworker',
          groups: ['caseworker', `caseworker-${UNIT}`],
          wholeUnit: false,
          limit: 25,
          offset,
        });
        await show(q.select, q.values);
        await show(q.count, q.values.slice(0, -2));
      }
      // The count as an index-only scan of task_open_unassigned, for comparison.
      await db.query(`SET enable_bitmapscan = off`);
      const q = taskListSql({
        view: 'unit-unassigned',
        unitCode: UNIT,
        username: 'bench-caseworker',
        groups: ['caseworker', `caseworker-${UNIT}`],
        wholeUnit: false,
        limit: 25,
        offset: 0,
      });
      await show(q.count, q.values.slice(0, -2));
      await db.query(`RESET enable_bitmapscan`);
      const from = `FROM social_case c JOIN person p ON p.id = c.person_id LEFT JOIN account m ON m.id = c.case_manager_id
        WHERE c.unit_code = $1 AND p.tax_code = $2`;
      await show(`SELECT count(*)::int AS total ${from}`, [UNIT, unitTaxCodes[0]]);
      await show(
        `SELECT c.*, p.tax_code, (SELECT array_agg(DISTINCT cp.bpmn_process_id) FROM case_path cp WHERE cp.case_id = c.id) AS paths
        ${from} ORDER BY c.opened_at DESC, c.id LIMIT 20 OFFSET 0`,
        [UNIT, unitTaxCodes[0]],
      );
    }
  } finally {
    if (app) {
      app.child.kill('SIGTERM');
      await new Promise((resolve) => app.child.on('exit', resolve));
    }
    await db?.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
