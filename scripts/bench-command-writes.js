#!/usr/bin/env node
// What a job completion writes, as separate statements or as one (issue 11): inside a
// transaction, the instance's state UPDATE (~5.8 KB), an INSERT of 5 flow events (their summary
// trigger included) and an INSERT of the next job, either as three statements (before) or as
// the state UPDATE with the two INSERTs as CTEs (`withWrites`, what the engine does now).
// Rounds of each alternate in one process, so the machine's drift falls on both.
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
const { NEW_JOB_COLUMNS } = require(join(dist, 'engine/embedded/persistence/job-store'));
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
    let key = 1_000_000;
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
      key += 20;
      const update = {
        text: `UPDATE process_instance SET revision = revision + 1, runner_state = $3
                WHERE key = $1 AND revision = $2 RETURNING NULL AS message_correlation_key`,
        params: [instance, revision++, state],
        prepared: true,
      };
      return { update, inserts: [flowEventsInsert(events), job] };
    };
    const separate = () =>
      db.transaction(async (manager) => {
        const { update, inserts } = writes();
        if ((await runStatement(manager, update)).length !== 1) throw new Error('row not updated');
        for (const insert of inserts) await runStatement(manager, insert);
      });
    const combined = () =>
      db.transaction(async (manager) => {
        const { update, inserts } = writes();
        const rows = await runStatement(manager, withWrites(update, inserts));
        if (rows.length !== 1) throw new Error('row not updated');
      });
    const msPer = async (transaction, count) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < count; i++) await transaction();
      return Number(process.hrtime.bigint() - started) / 1e6 / count;
    };
    await msPer(separate, 100);
    await msPer(combined, 100);
    const results = { separate: [], combined: [] };
    for (let round = 0; round < ROUNDS; round++) {
      results.separate.push(await msPer(separate, PER_ROUND));
      results.combined.push(await msPer(combined, PER_ROUND));
    }
    const line = (values) => values.map((v) => v.toFixed(2)).join(' ');
    console.log(
      `${url ? 'PostgreSQL' : 'PGlite'}: ms per transaction, ${ROUNDS} rounds of ${PER_ROUND}`,
    );
    console.log(`  three statements   ${line(results.separate)}`);
    console.log(`  one (withWrites)   ${line(results.combined)}`);
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
