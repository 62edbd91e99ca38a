import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { spawnService, waitUntilReady } from '../support/child-service';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const run = promisify(execFile);
const serverUrl = process.env.TEST_DATABASE_URL;

/**
 * Issue 10, finding 8: on PostgreSQL the service runs as a role that owns nothing and is no
 * superuser, so the access log's triggers cannot be switched off nor the table emptied from
 * the service's connection. (PGlite has one superuser session: there the triggers are the
 * guard, as the README says.) Runs when TEST_DATABASE_URL names a server, as in CI.
 */
(serverUrl ? describe : describe.skip)('the service’s own PostgreSQL role', () => {
  jest.setTimeout(120_000);
  const role = `percorsi_app_t${process.pid}`;
  const password = 'una-password-lunga-di-prova';
  let database: TestDatabase;
  let runtimeUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const owner = database.env.DATABASE_URL;
    const { stdout } = await run(process.execPath, [join(__dirname, '../../dist/db-roles.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: owner,
        DATABASE_RUNTIME_ROLE: role,
        DATABASE_RUNTIME_PASSWORD: password,
      },
    });
    expect(stdout).toContain(`Role ${role} ready`);
    const url = new URL(owner);
    url.username = role;
    url.password = password;
    runtimeUrl = url.toString();
  });
  afterAll(async () => {
    await database?.drop();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  async function asRuntime<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: runtimeUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  const refusal = (client: Client, sql: string) =>
    client.query(sql).then(
      () => 'accepted',
      (error: Error) => error.message,
    );

  it('runs the whole service, migrated by the owner: sign-in, sessions, the access log', async () => {
    const service = spawnService({
      DATABASE_URL: runtimeUrl,
      DATA_DIR: database.dataDir,
      PORT: '0',
      ADMIN_PASSWORD: 'amministratore-di-prova',
    });
    try {
      await waitUntilReady(service);
      const url = /Percorsi is ready at (http:\/\/[^/]+)\//.exec(service.stdout())![1];
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'amministratore-di-prova' }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const accounts = await fetch(`${url}/api/accounts`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(accounts.status).toBe(200);
    } finally {
      service.process.kill('SIGTERM');
      await service.exited;
    }
    const logins = await asRuntime((client) =>
      client.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'login'`),
    );
    expect(logins.rows[0].n).toBe(1);
  });

  it('cannot empty, alter or rewrite the append-only tables, nor is it a superuser', async () => {
    await asRuntime(async (client) => {
      const [me] = (
        await client.query(`SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = $1`, [
          role,
        ])
      ).rows;
      expect(me).toEqual({ rolsuper: false, rolcreaterole: false });
      expect(await refusal(client, 'TRUNCATE access_log')).toBe(
        'permission denied for table access_log',
      );
      expect(await refusal(client, 'ALTER TABLE access_log DISABLE TRIGGER ALL')).toBe(
        'must be owner of table access_log',
      );
      expect(await refusal(client, `UPDATE diary_entry SET text = 'riscritto'`)).toBe(
        'permission denied for table diary_entry',
      );
      expect(await refusal(client, 'DELETE FROM deadline_extension')).toBe(
        'permission denied for table deadline_extension',
      );
      expect(await refusal(client, 'CREATE TABLE x (y int)')).toBe(
        'permission denied for schema public',
      );
      // What the service does: rows in and out of its ordinary tables.
      expect(await refusal(client, `SELECT count(*) FROM access_log`)).toBe('accepted');
      expect(await refusal(client, `UPDATE account SET display_name = display_name`)).toBe(
        'accepted',
      );
    });
  });
});
