import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** Names the folder of an initialised PGlite cluster that test folders start from (global setup). */
export const PGLITE_TEMPLATE_VARIABLE = 'PERCORSI_TEST_PGLITE_TEMPLATE';
/** Names the database on TEST_DATABASE_URL's server that test databases are copied from. */
export const POSTGRES_TEMPLATE_VARIABLE = 'PERCORSI_TEST_POSTGRES_TEMPLATE';

/** Where a test's data lives: a fresh PostgreSQL database, or a fresh PGlite folder. */
export interface TestDatabase {
  kind: 'postgres' | 'pglite';
  /** Environment for the application: DATABASE_URL or DATA_DIR. */
  env: Record<string, string>;
  /** The folder for DATA_DIR in both cases (JWT secret, PGlite data). */
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * With TEST_DATABASE_URL, each call creates its own database on that server
 * (dropped by drop()); without it, each call gets its own PGlite folder.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-test-'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const template = process.env[PGLITE_TEMPLATE_VARIABLE];
    if (template) cpSync(join(template, 'pgdata'), join(dataDir, 'pgdata'), { recursive: true });
    return {
      kind: 'pglite',
      env: { DATA_DIR: dataDir },
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `percorsi_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const template = process.env[POSTGRES_TEMPLATE_VARIABLE];
  await withServer(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    dataDir,
    drop: async () => {
      await withServer(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function withServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
