#!/usr/bin/env node
// The gateway row of bench-engine.js: an ordinary @camunda8/sdk worker in its own process,
// as another system would run it. Completes BENCH_TOTAL jobs of type `bench`, then prints
// `done <tasks/s>` (timed from its first job to its last). Settings come from the environment
// (ZEEBE_ADDRESS, ZEEBE_CLIENT_ID/SECRET, CAMUNDA_OAUTH_URL).
const { Camunda8 } = require('@camunda8/sdk');

const total = Number(process.env.BENCH_TOTAL);
const zeebe = new Camunda8({
  CAMUNDA_SECURE_CONNECTION: false,
  CAMUNDA_TOKEN_DISK_CACHE_DISABLE: true,
}).getZeebeGrpcApiClient();
let completed = 0;
let firstAt = 0n;

const taskHandler = async (job) => {
  if (firstAt === 0n) firstAt = process.hrtime.bigint();
  const acknowledged = await job.complete({});
  if (++completed === total) {
    const seconds = Number(process.hrtime.bigint() - firstAt) / 1e9;
    const cpu = process.cpuUsage();
    const busy = (cpu.user + cpu.system) / 1e6;
    process.stdout.write(
      `done ${(total / seconds).toFixed(1)} (worker CPU ${busy.toFixed(1)} s)\n`,
    );
    setImmediate(() => zeebe.close().then(() => process.exit(0)));
  }
  return acknowledged;
};

// Zeebe 8.5 offers both: polling workers and job streams (pushed as jobs become available).
if (process.env.BENCH_STREAM === 'true') {
  void zeebe.streamJobs({ type: 'bench', worker: 'bench', timeout: 60_000, taskHandler });
} else {
  zeebe.createWorker({
    taskType: 'bench',
    maxJobsToActivate: Number(process.env.BENCH_MAX_JOBS ?? 32),
    timeout: 60_000,
    pollInterval: 10,
    taskHandler,
  });
}
