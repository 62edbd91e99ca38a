import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher';
import { createApp } from '../../src/app.factory';
import { AppOptions } from '../../src/app.module';
import { AppConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_ADMIN_PASSWORD = 'test-admin-password-1';
const WORKER_PASSWORD = 'test-worker-password-1';
/** The external program's account workerLogin() creates, for clients that sign in themselves. */
export const TEST_WORKER = { username: 'worker.test', password: WORKER_PASSWORD };

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  baseUrl: string;
  database: TestDatabase;
  /** GET/POST/... on the running server, returning status and parsed JSON body. */
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  login(username: string, password: string): Promise<string>;
  /** Signs in an external program's account (role worker, created on first use): jobs are its. */
  workerLogin(): Promise<string>;
  /** Closes the app; the database stays for a restart unless drop() is called. */
  close(): Promise<void>;
  restart(): Promise<TestApp>;
  drop(): Promise<void>;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  rawBody?: string;
}

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Requests to a running service (this process's or another's) at its base URL. */
export function requestsTo(baseUrl: string): TestApp['request'] {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
}

/** The real application over real HTTP on a free loopback port, on its own database. */
export async function startTestApp(
  env: Record<string, string> = {},
  database?: TestDatabase,
  options: AppOptions = {},
): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const config = AppConfig.fromEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO_ACCOUNTS: 'false',
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    ...db.env,
    ...env,
  });
  const app = await createApp(config, options);
  // A free port, unless the test needs to know it beforehand (e.g. an OIDC redirect URI).
  await app.listen(env.PORT ? config.port : 0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const request = requestsTo(baseUrl);

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await recordBpmnCoverage(app.get(DataSource));
    await app.close();
  };
  const testApp: TestApp = {
    app,
    config,
    baseUrl,
    database: db,
    request,
    login: async (username, password) => {
      const response = await request('POST', '/api/auth/login', { body: { username, password } });
      if (response.status !== 200)
        throw new Error(`login of ${username} failed: ${response.status}`);
      return response.body.accessToken as string;
    },
    workerLogin: async () => {
      await app.get(DataSource).query(
        `INSERT INTO account (username, display_name, role, password_hash) VALUES ('worker.test', 'Worker di prova', 'worker', $1)
           ON CONFLICT DO NOTHING`,
        [await hashPassword(WORKER_PASSWORD)],
      );
      return testApp.login('worker.test', WORKER_PASSWORD);
    },
    close,
    restart: async () => {
      await close();
      return startTestApp(env, db, options);
    },
    drop: async () => {
      await close();
      await db.drop();
    },
  };
  return testApp;
}

/**
 * For `npm run coverage:bpmn`: the elements and sequence flows this app's engine took, written
 * to BPMN_COVERAGE_DIR before the test's database goes.
 */
async function recordBpmnCoverage(dataSource: DataSource): Promise<void> {
  const dir = process.env.BPMN_COVERAGE_DIR;
  if (!dir) return;
  try {
    const taken: Array<{ processId: string; elementId: string }> = await dataSource.query(
      `SELECT DISTINCT bpmn_process_id AS "processId", element_id AS "elementId" FROM flow_event`,
    );
    writeFileSync(join(dir, `${process.pid}-${randomUUID()}.json`), JSON.stringify(taken));
  } catch (error) {
    // A test whose database is already gone (a crash test) has nothing to count.
    process.stderr.write(`coverage:bpmn: nothing recorded (${String(error)})\n`);
  }
}
