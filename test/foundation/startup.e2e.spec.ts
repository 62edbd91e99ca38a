import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildService, spawnService as spawnChild, waitUntilReady } from '../support/child-service';

/** The built service as an operator starts it: exit codes, the one-line errors, the ready line. */
describe('starting the service', () => {
  // The tests start the built service as a child process, with initdb on its first start.
  jest.setTimeout(120_000);
  let dataDir: string;
  /** Every service a test starts: one a failed expectation left running is killed after it. */
  let started: ChildService[] = [];
  const spawnService = (env: Record<string, string>) => {
    const service = spawnChild(env);
    started.push(service);
    return service;
  };
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'percorsi-start-'))));
  afterEach(async () => {
    for (const service of started) {
      if (service.process.exitCode === null && service.process.signalCode === null) {
        service.process.kill('SIGKILL');
        await service.exited;
      }
    }
    started = [];
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    [
      { PORT: 'abc' },
      /^Percorsi cannot start: Invalid configuration: PORT must be an integer between 0 and 65535/,
    ],
    [
      { LOG_LEVEL: 'loud' },
      /^Percorsi cannot start: Invalid configuration: LOG_LEVEL must be one of/,
    ],
    [
      { DATABASE_URL: 'mysql://x' },
      /^Percorsi cannot start: Invalid configuration: DATABASE_URL must be a postgres/,
    ],
    [
      { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' },
      /^Percorsi cannot start: the database cannot be opened: connect ECONNREFUSED 127.0.0.1:1 \(check DATABASE_URL: postgres:\/\/nobody@127.0.0.1:1\/x\)$/,
    ],
  ])('with %j exits non-zero with one readable line', async (env, expected) => {
    const service = spawnService({ DATA_DIR: dataDir, ...env });
    expect(await service.exited).toBe(1);
    const lines = service.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(service.stdout()).not.toMatch(/at .*\.js:\d+/);
  });

  it('does not echo secrets in configuration errors', async () => {
    const service = spawnService({ DATA_DIR: dataDir, ADMIN_PASSWORD: 'tooshort' });
    expect(await service.exited).toBe(1);
    expect(service.stderr()).toContain('ADMIN_PASSWORD must be at least 12 characters');
    expect(service.stderr()).not.toContain('tooshort');
  });

  it('names DATABASE_URL when its database cannot be reached, without its password', async () => {
    const service = spawnService({
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://nobody:segreta@127.0.0.1:1/x',
    });
    expect(await service.exited).toBe(1);
    expect(service.stderr()).toContain('check DATABASE_URL: postgres://nobody:***@127.0.0.1:1/x');
    expect(service.stderr()).not.toContain('segreta');
  });

  it('says in one line when the embedded database cannot be created in DATA_DIR', async () => {
    // initdb runs in a process of its own (so its memory goes with it): its failure still
    // reaches the operator, with what to check.
    const pgdata = join(dataDir, 'pgdata');
    mkdirSync(pgdata, { mode: 0o500 });
    const service = spawnService({ DATA_DIR: dataDir, PORT: '0', DEMO_ACCOUNTS: 'false' });
    expect(await service.exited).toBe(1);
    chmodSync(pgdata, 0o700);
    const lines = service.stderr().trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Percorsi cannot start: initdb in ${pgdata} failed \\(exit 1\\): .+ \\(check that DATA_DIR can be written and has space\\)$`,
        ),
      ),
    ]);
    expect(existsSync(join(pgdata, 'PG_VERSION'))).toBe(false);
  });

  it('in production refuses a first start without ADMIN_PASSWORD', async () => {
    const service = spawnService({ DATA_DIR: dataDir, NODE_ENV: 'production', PORT: '0' });
    expect(await service.exited).toBe(1);
    expect(service.stderr().trim()).toBe(
      'Percorsi cannot start: Invalid configuration: ADMIN_PASSWORD must be set for the first start in production',
    );
  });

  it('refuses a second process on the same DATA_DIR, and stops cleanly on SIGTERM', async () => {
    const first = spawnService({ DATA_DIR: dataDir, PORT: '0', DEMO_ACCOUNTS: 'false' });
    await waitUntilReady(first);
    const second = spawnService({ DATA_DIR: dataDir, PORT: '0', DEMO_ACCOUNTS: 'false' });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(
      /another Percorsi process \(pid \d+\) is already using DATA_DIR/,
    );
    first.process.kill('SIGTERM');
    await first.exited;
    // Nest re-raises the signal after closing: ended by SIGTERM, with the database closed and unlocked.
    expect(first.process.signalCode).toBe('SIGTERM');
    expect(existsSync(join(dataDir, 'percorsi.lock'))).toBe(false);
  });

  it('keeps DATA_DIR to its owner: folders 0700, files 0600, and closes at start what was left open (issue 10, finding 5)', async () => {
    const data = join(dataDir, 'data');
    const modesOf = (dir: string): Map<string, number> => {
      const modes = new Map<string, number>();
      const walk = (path: string) => {
        const stat = statSync(path);
        modes.set(path, stat.mode & 0o777);
        if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
      };
      walk(dir);
      return modes;
    };
    const openToOthers = () => [...modesOf(data)].filter(([, mode]) => (mode & 0o077) !== 0);
    const first = spawnService({ DATA_DIR: data, PORT: '0', DEMO_ACCOUNTS: 'false' });
    await waitUntilReady(first);
    // While it runs: the folder keeps everyone else out, and initdb's files are closed too.
    expect(statSync(data).mode & 0o777).toBe(0o700);
    expect(statSync(join(data, 'pgdata', 'PG_VERSION')).mode & 0o777).toBe(0o600);
    first.process.kill('SIGTERM');
    await first.exited;
    // The cluster, its WAL and the token secret: hundreds of files, none for other users.
    expect(modesOf(data).size).toBeGreaterThan(100);
    expect(openToOthers()).toEqual([]);
    expect(first.stdout()).not.toContain('could be read by other users');

    // As an earlier version, or a careless copy, left it.
    const wal = join(data, 'pgdata', 'pg_wal');
    chmodSync(data, 0o755);
    chmodSync(wal, 0o755);
    const second = spawnService({
      DATA_DIR: data,
      PORT: '0',
      DEMO_ACCOUNTS: 'false',
      LOG_LEVEL: 'warn',
    });
    await waitUntilReady(second);
    expect(second.stdout()).toContain(
      `DATA_DIR ${data}: 2 files or folders could be read by other users`,
    );
    expect(second.stdout()).toContain("they are now the owner's only");
    expect(statSync(wal).mode & 0o777).toBe(0o700);
    second.process.kill('SIGTERM');
    await second.exited;
    expect(openToOthers()).toEqual([]);
  });
});
