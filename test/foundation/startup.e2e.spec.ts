import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnService, waitUntilReady } from '../support/child-service';

/** The built service as an operator starts it: exit codes, the one-line errors, the ready line. */
describe('starting the service', () => {
  // The tests start the built service as a child process, with initdb on its first start.
  jest.setTimeout(120_000);
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'percorsi-start-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

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
});
