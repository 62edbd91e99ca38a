#!/usr/bin/env node
// Engine throughput for one model (start → 10 service tasks → end), in one run:
//   1. raw bpmn-engine in memory (tasks as wait states, signalled directly): the library's own limit,
//      with the broker events the embedded engine installs (src/engine/embedded/broker-events.ts);
//   2. the embedded engine on PGlite;  3. on PostgreSQL (BENCH_DATABASE_URL, default the local test server);
//   4. `gateway`: on PGlite through the embedded Zeebe gateway, jobs completed over gRPC by an
//      ordinary @camunda8/sdk worker in its own process (scripts/bench-gateway-worker.js).
// Prints completed tasks/s, job round trip p50/p99 (complete a job → the next job activated),
// and RSS with 10,000 instances waiting: just created, settled (the runners of the last 200 still
// in memory) and once idle. Usage: npm run bench:engine  [BENCH_INSTANCES=200 BENCH_WAITING=10000]
require('reflect-metadata');
const { mkdtempSync, rmSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { spawn } = require('node:child_process');
const { createServer } = require('node:net');

const { dist, engineModel } = require('./bench-support');
const { createApp } = require(join(dist, 'app.factory'));
const { AppConfig } = require(join(dist, 'config/app-config'));
const { ProcessEngine } = require(join(dist, 'engine/engine.port'));
const { BROKER_EVENTS_INSTALLED } = require(join(dist, 'engine/embedded/engine-factory'));

const TASKS = 10;
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 200);
const WAITING = Number(process.env.BENCH_WAITING ?? 10000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Runners leave memory this long after their last command: long enough to measure the settled
// heap with them still live, short enough to measure the idle one within the run (default 60 s).
const IDLE_SECONDS = 15;
const TARGETS = (process.env.BENCH_TARGETS ?? 'raw,pglite,postgres,gateway').split(',');

const rssMb = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function rawBpmnEngine(xml) {
  const { Engine } = require('bpmn-engine');
  const elements = require('bpmn-elements');
  const { BpmnModdle } = require('bpmn-moddle');
  const { Serializer, TypeResolver } = require('moddle-context-serializer');
  const noop = () => {};
  const Logger = () => ({ debug: noop, error: noop, warn: noop });
  // Parsed once, as the embedded engine does per deployed version.
  const types = { ...elements, ServiceTask: elements.SignalTask };
  const sourceContext = Serializer(await new BpmnModdle().fromXML(xml), TypeResolver(types));
  const started = process.hrtime.bigint();
  let completed = 0;
  for (let i = 0; i < INSTANCES; i++) {
    const engine = new Engine({ sourceContext, Logger, elements: types });
    let waiting = null;
    engine.broker.subscribeTmp('event', 'activity.wait', (_r, msg) => (waiting = msg.content), {
      noAck: true,
    });
    const api = await engine.execute();
    for (let t = 0; t < TASKS; t++) {
      const current = waiting;
      waiting = null;
      api.signal({ id: current.id, executionId: current.executionId });
      completed++;
    }
    if (engine.state !== 'idle') throw new Error(`raw engine ended in ${engine.state}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { tasksPerSecond: completed / seconds };
}

async function durable(label, env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-bench-'));
  const config = AppConfig.fromEnvironment({
    LOG_LEVEL: 'warn',
    DEMO_ACCOUNTS: 'false',
    ADMIN_PASSWORD: 'bench-admin-password',
    DATA_DIR: dataDir,
    ENGINE_LIVE_IDLE_SECONDS: String(IDLE_SECONDS),
    // ENGINE_* settings of the environment apply (e.g. ENGINE_MAX_LIVE_INSTANCES).
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ENGINE_'))),
    ...env,
  });
  const app = await createApp(config);
  await app.init();
  const engine = app.get(ProcessEngine);
  try {
    await engine.deploy([{ name: 'bench.bpmn', content: engineModel(TASKS) }]);

    // Round trip, one instance at a time: complete a job → its successor activated.
    const roundTrips = [];
    for (let i = 0; i < 20; i++) {
      await engine.createInstance({ bpmnProcessId: 'bench' });
      let [job] = await engine.activateJobs({
        type: 'bench',
        maxJobsToActivate: 1,
        timeoutMs: 60000,
        worker: 'rt',
      });
      while (job) {
        const t0 = process.hrtime.bigint();
        await engine.completeJob(job.key, {});
        [job] = await engine.activateJobs({
          type: 'bench',
          maxJobsToActivate: 1,
          timeoutMs: 60000,
          worker: 'rt',
        });
        if (job) roundTrips.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }

    // Throughput: INSTANCES instances, workers completing jobs in batches with 8 in flight.
    const started = process.hrtime.bigint();
    for (let i = 0; i < INSTANCES; i++) await engine.createInstance({ bpmnProcessId: 'bench' });
    const createdAt = process.hrtime.bigint();
    let completed = 0;
    const total = INSTANCES * TASKS;
    const worker = async () => {
      while (completed < total) {
        const jobs = await engine.activateJobs({
          type: 'bench',
          maxJobsToActivate: 16,
          timeoutMs: 60000,
          worker: 'tp',
        });
        if (jobs.length === 0) {
          await new Promise((r) => setTimeout(r, 2));
          continue;
        }
        for (const job of jobs) {
          await engine.completeJob(job.key, {});
          completed++;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const ended = process.hrtime.bigint();
    const taskSeconds = Number(ended - createdAt) / 1e9;

    // Memory with many instances waiting at their first task.
    const waitStart = process.hrtime.bigint();
    for (let i = 0; i < WAITING; i++) await engine.createInstance({ bpmnProcessId: 'bench' });
    const waitSeconds = Number(process.hrtime.bigint() - waitStart) / 1e9;
    global.gc?.();
    await new Promise((r) => setTimeout(r, 1000));
    const waitingRss = rssMb();
    const live = engine.liveInstances;
    // V8 gives back the heap it grew into during the burst over its next collections.
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 2000));
      global.gc?.();
    }
    const settledRss = rssMb();
    const settledLive = engine.liveInstances;
    // What holds it: JavaScript objects (the live runners) vs memory outside the JS heap (PGlite's WASM).
    const { heapUsed: settledHeap, external: settledExternal } = process.memoryUsage();
    // Then idle: the runners leave memory, the instances wait in the database.
    await new Promise((r) => setTimeout(r, (IDLE_SECONDS - 5) * 1000));
    global.gc?.();
    await new Promise((r) => setTimeout(r, 5000));
    global.gc?.();
    return {
      label,
      tasksPerSecond: total / taskSeconds,
      startsPerSecond: INSTANCES / (Number(createdAt - started) / 1e9),
      p50: pct(roundTrips, 50),
      p99: pct(roundTrips, 99),
      waitingRss,
      settledRss,
      settledLive,
      settledHeap: settledHeap / 1048576,
      settledExternal: settledExternal / 1048576,
      idleRss: rssMb(),
      idleLive: engine.liveInstances,
      waitingStartsPerSecond: WAITING / waitSeconds,
      live,
    };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same model and instances, the jobs completed by an SDK worker over the gateway. */
async function throughGateway(label) {
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-bench-'));
  const port = await freePort();
  const config = AppConfig.fromEnvironment({
    LOG_LEVEL: 'warn',
    DEMO_ACCOUNTS: 'false',
    ADMIN_PASSWORD: 'bench-admin-password',
    DATA_DIR: dataDir,
    ZEEBE_GATEWAY_PORT: String(port),
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ENGINE_'))),
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const engine = app.get(ProcessEngine);
  try {
    await engine.deploy([{ name: 'bench.bpmn', content: engineModel(TASKS) }]);
    for (let i = 0; i < INSTANCES; i++) await engine.createInstance({ bpmnProcessId: 'bench' });
    const worker = spawn(process.execPath, [join(__dirname, 'bench-gateway-worker.js')], {
      env: {
        PATH: process.env.PATH,
        BENCH_TOTAL: String(INSTANCES * TASKS),
        BENCH_MAX_JOBS: process.env.BENCH_MAX_JOBS ?? '32',
        BENCH_STREAM: process.env.BENCH_STREAM ?? 'false',
        ZEEBE_ADDRESS: `127.0.0.1:${port}`,
        ZEEBE_CLIENT_ID: 'admin',
        ZEEBE_CLIENT_SECRET: 'bench-admin-password',
        CAMUNDA_OAUTH_URL: `http://127.0.0.1:${app.getHttpServer().address().port}/api/auth/oauth/token`,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    worker.stdout.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => worker.on('exit', resolve));
    const done = /done ([\d.]+)/.exec(output);
    if (code !== 0 || !done) throw new Error(`gateway worker failed (${code}): ${output}`);
    process.stdout.write(`  worker: ${output.trim()}\n`);
    return { label, tasksPerSecond: Number(done[1]) };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

(async () => {
  console.log(
    `node ${process.version}, ${require('node:os').cpus().length} cores; model: start → ${TASKS} service tasks → end; ${INSTANCES} instances; broker events ${BROKER_EVENTS_INSTALLED ? 'installed' : 'NOT installed'}`,
  );
  const xml = engineModel(TASKS);
  const raw = TARGETS.includes('raw') ? await rawBpmnEngine(xml) : { tasksPerSecond: NaN };
  console.log(`raw bpmn-engine (memory)      ${raw.tasksPerSecond.toFixed(0)} tasks/s`);
  const db = `percorsi_bench_${process.pid}`;
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  try {
    const url = new URL(PG_URL);
    url.pathname = `/${db}`;
    const runs = [
      ['pglite', 'embedded on PGlite', {}],
      ['postgres', 'embedded on PostgreSQL', { DATABASE_URL: url.toString() }],
    ].filter(([target]) => TARGETS.includes(target));
    for (const [, label, env] of runs) {
      const r = await durable(label, env);
      console.log(
        `${label.padEnd(30)}${r.tasksPerSecond.toFixed(0)} tasks/s (${((r.tasksPerSecond / raw.tasksPerSecond) * 100).toFixed(0)}% of raw), ` +
          `starts ${r.startsPerSecond.toFixed(0)}/s, round trip p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms, ` +
          `RSS with ${WAITING} waiting ${r.waitingRss.toFixed(0)} MB (${r.live} live runners; ${r.waitingStartsPerSecond.toFixed(0)} starts/s), settled ${r.settledRss.toFixed(0)} MB (${r.settledLive} live; JS heap in use ${r.settledHeap.toFixed(0)} MB, outside it ${r.settledExternal.toFixed(0)} MB), idle ${r.idleRss.toFixed(0)} MB (${r.idleLive} live)`,
      );
    }
    if (TARGETS.includes('gateway')) {
      const r = await throughGateway('PGlite via gateway (gRPC, SDK)');
      console.log(`${r.label.padEnd(30)}${r.tasksPerSecond.toFixed(0)} tasks/s`);
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
