#!/usr/bin/env node
// What a job completion writes (issue 11): the job's end, the instance's state UPDATE (~5.8 KB),
// an INSERT of 5 flow events (their summary trigger included) and an INSERT of the next job.
// Timed three ways: three statements after the job's end in a transaction (the first engine),
// the UPDATE with the INSERTs as CTEs (`withWrites`) after the job's end in a transaction (the
// engine until 2026-12-07; on PostgreSQL with the row's locking SELECT first), and all of it as
// one autocommit statement guarded by the row's revision and the job's state (what the engine
// does now: InstanceExecutor.runGuarded). Rounds of each alternate in one process, so the
// machine's drift falls on all.
// Usage: npm run bench:writes   [BENCH_DATABASE_URL=postgres://… for PostgreSQL; default PGlite]
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { DataSource } = require('typeorm');

const { dist, engineModel } = require('./bench-support');
const { createApp } = require(join(dist, 'app.factory'));
const { AppConfig } = require(join(dist, 'config/app-config'));
const { insertStatement, runStatement, withWrites } = require(
  join(dist, 'engine/embedded/persistence/sql'),
);
const { flowEventsInsert } = require(join(dist, 'engine/read-model/flow-events'));
const { JobStore, NEW_JOB_COLUMNS } = require(join(dist, 'engine/embedded/persistence/job-store'));
const { ProcessEngine } = require(join(dist, 'engine/engine.port'));

const ROUNDS = 6;
const PER_ROUND = 300;
const state = JSON.stringify({ padding: 'x'.repeat(5800) });

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-bench-'));
  // On PostgreSQL, a database of its own, dropped at the end.
  const server = process.env.BENCH_DATABASE_URL;
  const name = `percorsi_writes_${process.pid}`;
  const admin = server ? new Client({ connectionString: server }) : null;
  let url;
  if (admin) {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    url = new URL(server);
    url.pathname = `/${name}`;
  }
  const app = await createApp(
    AppConfig.fromEnvironment({
      LOG_LEVEL: 'warn',
      DEMO_ACCOUNTS: 'false',
      ADMIN_PASSWORD: 'bench-admin-password',
      DATA_DIR: dataDir,
      ...(url ? { DATABASE_URL: url.toString() } : {}),
    }),
  );
  await app.init();
  const db = app.get(DataSource);
  try {
    // A real instance (waiting at its task) whose row the transactions rewrite.
    const engine = app.get(ProcessEngine);
    await engine.deploy([{ name: 'bench.bpmn', content: engineModel(1) }]);
    const { processInstanceKey: instance } = await engine.createInstance({
      bpmnProcessId: 'bench',
    });
    const [{ revision: first }] = await db.query(
      'SELECT revision FROM process_instance WHERE key = $1',
      [instance],
    );
    let revision = first;
    // Each completion ends the job the one before created.
    const [{ key: firstJob }] = await db.query(
      `SELECT key::text FROM job WHERE process_instance_key = $1`,
      [instance],
    );
    let openJob = firstJob;
    let key = 1_000_000;
    const jobs = new JobStore();
    const writes = () => {
      const events = Array.from({ length: 5 }, (_, i) => ({
        processInstanceKey: instance,
        elementInstanceKey: String(key + i),
        flowScopeKey: instance,
        elementId: `task${i}`,
        elementType: 'SERVICE_TASK',
        bpmnEventType: 'UNSPECIFIED',
        intent: i % 2 ? 'ELEMENT_ACTIVATED' : 'ELEMENT_COMPLETED',
        bpmnProcessId: 'bench',
        timestamp: new Date(),
      }));
      const job = insertStatement('job', NEW_JOB_COLUMNS, [
        [
          key + 10,
          'bench',
          'ACTIVATABLE',
          instance,
          'task1',
          key + 11,
          'bench',
          3,
          '{}',
          new Date(),
        ],
      ]);
      const end = jobs.endStatement(openJob, 'COMPLETED', new Date());
      openJob = String(key + 10);
      key += 20;
      const update = {
        text: `UPDATE process_instance SET revision = revision + 1, runner_state = $3
                WHERE key = $1 AND revision = $2 RETURNING NULL AS message_correlation_key`,
        params: [instance, revision++, state],
        prepared: true,
      };
      return { end, update, inserts: [flowEventsInsert(events), job] };
    };
    const ended = (rows) => {
      if (rows.length !== 1) throw new Error('job not ended');
    };
    // As the engine locked the row on PostgreSQL before (a PGlite process is its only writer).
    const lock = (manager) =>
      url
        ? manager.query(`SELECT revision FROM process_instance WHERE key = $1 FOR UPDATE`, [
            instance,
          ])
        : undefined;
    const separate = () =>
      db.transaction(async (manager) => {
        const { end, update, inserts } = writes();
        await lock(manager);
        ended(await runStatement(manager, end));
        if ((await runStatement(manager, update)).length !== 1) throw new Error('row not updated');
        for (const insert of inserts) await runStatement(manager, insert);
      });
    const combined = () =>
      db.transaction(async (manager) => {
        const { end, update, inserts } = writes();
        await lock(manager);
        ended(await runStatement(manager, end));
        const rows = await runStatement(manager, withWrites(update, inserts));
        if (rows.length !== 1) throw new Error('row not updated');
      });
    // The executor's statement (saveInOneStatement): a refusal divides by zero.
    const single = async () => {
      const { end, update, inserts } = writes();
      const check = {
        text: `SELECT 1 / ((SELECT count(*) FROM w0) * (SELECT count(*) FROM w1))::int AS ok`,
        params: [],
        prepared: true,
      };
      await runStatement(db.manager, withWrites(check, [update, end, ...inserts]));
    };
    const msPer = async (completion, count) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < count; i++) await completion();
      return Number(process.hrtime.bigint() - started) / 1e6 / count;
    };
    const variants = { separate, combined, single };
    const results = { separate: [], combined: [], single: [] };
    for (const variant of Object.values(variants)) await msPer(variant, 100);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, variant] of Object.entries(variants))
        results[name].push(await msPer(variant, PER_ROUND));
    }
    const line = (values) => values.map((v) => v.toFixed(2)).join(' ');
    console.log(
      `${url ? 'PostgreSQL' : 'PGlite'}: ms per completion's writes, ${ROUNDS} rounds of ${PER_ROUND}`,
    );
    console.log(`  transaction, three statements   ${line(results.separate)}`);
    console.log(`  transaction, withWrites         ${line(results.combined)}`);
    console.log(`  one autocommit statement        ${line(results.single)}`);
  } finally {
    await app.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
