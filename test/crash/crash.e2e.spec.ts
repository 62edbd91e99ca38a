import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const INSTANCES = 200;
const KILLS = 4;

interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function startChild(database: TestDatabase): Child {
  let output = '';
  const child = spawn(process.execPath, [join(__dirname, 'crash-child.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      ...database.env,
      CRASH_INSTANCES: String(INSTANCES),
      ADMIN_PASSWORD: 'crash-admin-password',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { process: child, output: () => output, exited };
}

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  output?: () => string,
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) {
      // The child's last words say why (an error it died of, or how far it got).
      const tail = output ? `; the child's output ends:\n${output().slice(-2000)}` : '';
      throw new Error(`timed out waiting for ${what}${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens the database the children used, once no child runs (PGlite has one owner at a time). */
async function inspect<T>(
  database: TestDatabase,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const embedded = database.kind === 'pglite' ? new EmbeddedPostgres(database.dataDir) : undefined;
  const address = embedded ? await embedded.start() : undefined;
  const client = new Client(
    address
      ? { host: address.host, port: address.port, user: 'postgres', database: 'postgres' }
      : { connectionString: database.env.DATABASE_URL },
  );
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

/**
 * The service under load (instances with jobs, messages and timers in flight)
 * is killed with SIGKILL at random moments and restarted; at the end every
 * instance has completed exactly once and every element instance completed once.
 */
describe(`crash safety on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  it('loses nothing acknowledged and does nothing twice across SIGKILLs', async () => {
    for (let kill = 0; kill < KILLS; kill++) {
      const child = startChild(database);
      await until(
        () => child.output().includes('ready') || child.process.exitCode !== null,
        60_000,
        'the child to start',
      );
      expect(child.output()).toContain('ready');
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1500));
      child.process.kill('SIGKILL');
      await child.exited;
    }

    const last = startChild(database);
    await until(() => last.output().includes('ready'), 60_000, 'the last child to start');
    await until(
      () => last.output().includes(`completed=${INSTANCES}\n`),
      120_000,
      'every instance to complete',
      last.output,
    );
    last.process.kill('SIGTERM');
    await last.exited;
    expect(last.output()).not.toMatch(/Error/);

    await inspect(database, async (client) => {
      const instances = await client.query(
        `SELECT state, count(*)::int AS n FROM process_instance GROUP BY state`,
      );
      expect(instances.rows).toEqual([{ state: 'COMPLETED', n: INSTANCES }]);
      const twice = await client.query(
        `SELECT process_instance_key, element_id, count(*)::int AS n FROM flow_event
            WHERE intent = 'ELEMENT_COMPLETED' GROUP BY 1, 2 HAVING count(*) <> 1`,
      );
      expect(twice.rows).toEqual([]);
      const completed = await client.query(
        `SELECT element_id, count(*)::int AS n FROM flow_event WHERE intent = 'ELEMENT_COMPLETED' GROUP BY 1 ORDER BY 1`,
      );
      expect(completed.rows).toEqual(
        ['check', 'close', 'crash', 'docs', 'end', 'fork', 'join', 'start', 'wait'].map(
          (element_id) => ({ element_id, n: INSTANCES }),
        ),
      );
      const jobs = await client.query(`SELECT state, count(*)::int AS n FROM job GROUP BY state`);
      expect(jobs.rows).toEqual([{ state: 'COMPLETED', n: 2 * INSTANCES }]);
      const timers = await client.query(
        `SELECT state, count(*)::int AS n FROM timer GROUP BY state`,
      );
      expect(timers.rows).toEqual([{ state: 'TRIGGERED', n: INSTANCES }]);
      const owed = await client.query(`SELECT count(*)::int AS n FROM engine_command`);
      expect(owed.rows[0].n).toBe(0);
    });
  }, 300_000);
});
