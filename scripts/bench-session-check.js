#!/usr/bin/env node
// What the session check adds to every authenticated request (issue 5): the real app from dist/
// on the embedded PGlite (or BENCH_DATABASE_URL's PostgreSQL server, a fresh database there),
// 10,000 other sessions in the table, then sequential timings after a warm-up of
//   - SessionService.isLive alone (the one primary-key query the access token guard adds), and
//   - a whole GET /api/auth/me over HTTP, for scale.
// Usage: npm run build && node scripts/bench-session-check.js   [BENCH_REQUESTS=1000]
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');

const dist = join(__dirname, '..', 'dist');
const { createApp } = require(join(dist, 'app.factory'));
const { AppConfig } = require(join(dist, 'config/app-config'));
const { SessionService } = require(join(dist, 'auth/session.service'));
const { DataSource } = require('typeorm');

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const PASSWORD = 'bench-admin-password-1234';
const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (ns) => (Number(ns) / 1e6).toFixed(3);

async function timed(label, work) {
  for (let i = 0; i < 100; i++) await work();
  const samples = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(process.hrtime.bigint() - start);
  }
  samples.sort((a, b) => (a < b ? -1 : 1));
  console.log(
    `${label.padEnd(34)} median ${ms(pct(samples, 50))} ms   p95 ${ms(pct(samples, 95))} ms`,
  );
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-bench-session-'));
  const serverUrl = process.env.BENCH_DATABASE_URL;
  const database = `percorsi_bench_${process.pid}`;
  const env = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DEMO_ACCOUNTS: 'false',
    ADMIN_PASSWORD: PASSWORD,
  };
  if (serverUrl) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    env.DATABASE_URL = url.toString();
  }
  const app = await createApp(AppConfig.fromEnvironment(env));
  await app.listen(0, '127.0.0.1');
  try {
    const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    }).then((r) => r.json());
    await app.get(DataSource).query(
      `INSERT INTO session (account_id, method, created_at, expires_at)
       SELECT id, 'password', now(), now() + interval '12 hours' FROM account, generate_series(1, 10000)`,
    );
    const sessionId = JSON.parse(Buffer.from(login.accessToken.split('.')[1], 'base64url')).sid;
    const sessions = app.get(SessionService);
    console.log(
      `${serverUrl ? 'PostgreSQL' : 'PGlite'}, ${REQUESTS} sequential calls, 10,001 sessions`,
    );
    await timed('session check (isLive)', () => sessions.isLive(sessionId));
    await timed('GET /api/auth/me (whole request)', () =>
      fetch(`${base}/api/auth/me`, {
        headers: { authorization: `Bearer ${login.accessToken}` },
      }).then((r) => r.text()),
    );
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (serverUrl) {
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
