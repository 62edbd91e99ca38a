#!/usr/bin/env node
// Time from process start to ready (GET /api/health/ready answers 200) and idle RSS,
// for a first start (empty DATA_DIR: PGlite initdb + migrations) and a second start.
// Usage: npm run bench:startup   (BENCH_DATABASE_URL=postgres://... to measure on PostgreSQL too)
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const MAIN = join(__dirname, '..', 'dist', 'main.js');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function measure(label, env) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  let url;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`${label}: exited with ${child.exitCode}`);
    url = /Percorsi is ready at (http:\/\/[^/]+)\//.exec(out)?.[1];
    if (!url) await sleep(5);
  }
  while ((await fetch(`${url}/api/health/ready`).catch(() => ({ ok: false }))).ok !== true)
    await sleep(5);
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  await sleep(5000);
  const idle = rssMb(child.pid);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  console.log(
    `${label.padEnd(34)} ready ${(readyMs / 1000).toFixed(2)} s   idle RSS ${idle.toFixed(0)} MB`,
  );
  return { readyMs, idle };
}

(async () => {
  console.log(`node ${process.version}, ${require('node:os').cpus().length} cores`);
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-bench-'));
  try {
    await measure('PGlite, first start (empty)', { DATA_DIR: dataDir });
    await measure('PGlite, second start', { DATA_DIR: dataDir, DEMO_ACCOUNTS: 'false' });
    if (process.env.BENCH_DATABASE_URL) {
      await measure('PostgreSQL', {
        DATA_DIR: dataDir,
        DATABASE_URL: process.env.BENCH_DATABASE_URL,
        DEMO_ACCOUNTS: 'false',
      });
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
