import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { prepareDataDir } from '../../src/database/data-dir';
import { startTestApp } from './test-app';
import {
  PGLITE_TEMPLATE_VARIABLE,
  POSTGRES_TEMPLATE_VARIABLE,
  TestDatabase,
  withServer,
} from './test-database';

/**
 * Tests that start the service as a child process run the built dist/, so
 * build it once. SKIP_BUILD=1 reuses the dist/ there is (quicker when only
 * in-process suites run). The web client (client/dist, which the browser tests
 * load from the app) is built whenever it is missing or older than its sources,
 * whatever SKIP_BUILD says: a fresh one costs a few file stats.
 */
export default async function globalSetup(): Promise<void> {
  await preparePgliteTemplate();
  await preparePostgresTemplate();
  if (clientIsStale()) {
    execFileSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', 'client', '--logLevel', 'warn'],
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
      { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
  }
  if (process.env.SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build'], {
    stdio: 'inherit',
  });
}

/**
 * On PGlite every test file gets its own folder; running initdb in each costs seconds. One
 * cluster made here is copied instead (the workers inherit the variable).
 */
async function preparePgliteTemplate(): Promise<void> {
  if (process.env.TEST_DATABASE_URL || process.env[PGLITE_TEMPLATE_VARIABLE]) return;
  const template = mkdtempSync(join(tmpdir(), 'percorsi-pglite-template-'));
  // Made as the service makes a DATA_DIR, so its copies raise no warning about their modes.
  prepareDataDir(template);
  await EmbeddedPostgres.initialise(join(template, 'pgdata'));
  await firstStart({
    kind: 'pglite',
    env: { DATA_DIR: template },
    dataDir: template,
    drop: async () => {},
  });
  process.env[PGLITE_TEMPLATE_VARIABLE] = template;
}

/** On a PostgreSQL server every test database is a copy of one the first start made here. */
async function preparePostgresTemplate(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl || process.env[POSTGRES_TEMPLATE_VARIABLE]) return;
  const name = `percorsi_template_${process.pid}`;
  await withServer(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-template-'));
  await firstStart({
    kind: 'postgres',
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    dataDir,
    drop: async () => {},
  });
  rmSync(dataDir, { recursive: true, force: true });
  process.env[POSTGRES_TEMPLATE_VARIABLE] = name;
}

/**
 * The service's first start — migrations, the shipped paths and forms deployed — costs ~10 s
 * of every test's app start; done once, each test starts where a restart would. The accounts
 * it creates go: each test makes its own.
 */
async function firstStart(database: TestDatabase): Promise<void> {
  const app = await startTestApp({}, database);
  await app.app.get(DataSource).query(`DELETE FROM account`);
  await app.close();
}

function clientIsStale(): boolean {
  const built = join('client', 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sources = ['client/index.html', 'client/vite.config.mts', 'package-lock.json'];
  return [...sources, ...filesUnder('client/src')].some((file) => statSync(file).mtimeMs > builtAt);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
