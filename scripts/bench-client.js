#!/usr/bin/env node
// The web client's weight and speed, as a caseworker meets it:
// 1. gzip size of every file the build made, and of what the first screen (sign-in, shell and
//    tasklist) loads before any lazily loaded chunk (form-js, bpmn-js, editors) — from Vite's
//    manifest, following static imports;
// 2. time from pressing "Entra" to the tasklist being usable (its table or its empty message
//    shown), in headless Chromium against the built service, cold cache, median of 5.
// Usage: npm run bench:client   (builds first)
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } = require('node:fs');
const { tmpdir, cpus } = require('node:os');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');
const { chromium } = require('playwright-core');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'client', 'dist');
const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(7) + ' KB';
const gz = (file) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function sizes() {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8'));
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  const tasklist = Object.values(manifest).find((chunk) => /tasklist-screen/.test(chunk.file));
  const first = new Set();
  const follow = (chunk) => {
    if (first.has(chunk.file)) return;
    first.add(chunk.file);
    (chunk.css ?? []).forEach((css) => first.add(css));
    (chunk.imports ?? []).forEach((key) => follow(manifest[key]));
  };
  follow(entry);
  follow(tasklist);
  const assets = readdirSync(join(DIST, 'assets'))
    .map((name) => `assets/${name}`)
    .filter((file) => /\.(js|css)$/.test(file));
  const rows = assets
    .map((file) => ({ file, raw: statSync(join(DIST, file)).size, gzip: gz(file) }))
    .sort((a, b) => b.gzip - a.gzip);
  console.log('Largest files (minified, gzip -9):');
  for (const row of rows.slice(0, 14))
    console.log(
      `  ${row.file.padEnd(52)} ${kb(row.raw)} ${kb(row.gzip)}${first.has(row.file) ? '  (first screen)' : ''}`,
    );
  const icons = rows.filter((row) => /assets\/It[A-Z]/.test(row.file));
  console.log(`  … and ${icons.length} icon chunks of ~1 KB each, loaded as used`);
  const firstGzip = rows
    .filter((row) => first.has(row.file))
    .reduce((sum, row) => sum + row.gzip, 0);
  const fonts = readdirSync(join(DIST, 'assets'))
    .filter((name) => name.endsWith('.woff2'))
    .reduce((sum, name) => sum + statSync(join(DIST, 'assets', name)).size, 0);
  console.log(
    `First screen (sign-in + shell + tasklist), JS and CSS: ${kb(firstGzip)} gzip (target ≤ 150 KB)`,
  );
  console.log(`Fonts (Titillium Web, 4 weights, woff2, already compressed): ${kb(fonts)}`);
}

async function startService() {
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-bench-client-'));
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DEMO_ACCOUNTS: 'false',
      ADMIN_PASSWORD: 'bench-admin-password',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  let url;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    url = /Percorsi is ready at (http:\/\/[^/]+)\//.exec(out)?.[1];
    if (!url) await sleep(20);
  }
  const post = async (path, body, token) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const { accessToken } = await post('/api/auth/login', {
    username: 'admin',
    password: 'bench-admin-password',
  });
  await post(
    '/api/accounts',
    {
      username: 'bench.iii',
      displayName: 'Assistente di prova',
      role: 'caseworker',
      unitCode: 'III',
      password: 'bench-caseworker-pw',
    },
    accessToken,
  );
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function timeToTasklist(url) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const times = [];
  try {
    for (let round = 0; round < 6; round++) {
      const context = await browser.newContext({ locale: 'it-IT' });
      const page = await context.newPage();
      await page.goto(`${url}/`);
      await page.getByLabel('Nome utente').fill('bench.iii');
      await page.getByLabel('Password').fill('bench-caseworker-pw');
      // Timed inside the page: from the form's submit to the first frame that shows the list,
      // so neither Playwright's click checks nor its polling count.
      await page.evaluate(() =>
        document.querySelector('form').addEventListener('submit', () => {
          window.__submittedAt = performance.now();
        }),
      );
      await page.getByRole('button', { name: 'Entra' }).click();
      const handle = await page.waitForFunction(
        () =>
          document.body.innerText.includes('Nessuna attività in questa vista.') &&
          performance.now() - window.__submittedAt,
        null,
        { polling: 'raf' },
      );
      const elapsed = await handle.jsonValue();
      if (round > 0) times.push(Math.round(elapsed)); // the first round warms the service
      await context.close();
    }
  } finally {
    await browser.close();
  }
  times.sort((a, b) => a - b);
  console.log(
    `Sign-in submitted to tasklist drawn (headless Chromium, loopback, cold browser cache): median ${times[2]} ms, ` +
      `min ${times[0]} ms, max ${times[4]} ms (target ≤ 1000 ms)`,
  );
}

(async () => {
  console.log(`node ${process.version}, ${cpus().length} cores`);
  sizes();
  const service = await startService();
  try {
    await timeToTasklist(service.url);
  } finally {
    await service.stop();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
