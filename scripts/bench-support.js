// What the HTTP benchmarks share: the built app started on a database, sign-ins, and latency
// percentiles of sequential requests after a warm-up.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** dist/main.js with this environment, once /api/health/ready answers. */
async function startApp(env) {
  const child = spawn(process.execPath, [join(dist, 'main.js')], {
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  let url;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${out}`);
    url = /Percorsi is ready at (http:\/\/[^/]+)\//.exec(out)?.[1];
    if (!url) await sleep(10);
  }
  while ((await fetch(`${url}/api/health/ready`).catch(() => ({ ok: false }))).ok !== true)
    await sleep(10);
  return { child, url };
}

async function login(url, username, password) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok)
    throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

/** p50/p95/p99/mean of `requests` sequential GETs after `warmup` unmeasured ones. */
async function measure(label, target, { token, path, check }, { warmup, requests }) {
  const times = [];
  for (let i = 0; i < warmup + requests; i++) {
    const p = path();
    const t0 = process.hrtime.bigint();
    const response = await fetch(`${target}${p}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await response.json();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!response.ok) throw new Error(`${label} ${p}: ${response.status} ${JSON.stringify(body)}`);
    check?.(body, p);
    if (i >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return {
    label,
    p50: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

module.exports = { dist, sleep, pct, startApp, login, measure };
