import { spawnService, waitUntilReady, baseUrlOf } from '../support/child-service';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('accounts at first start of the embedded default', () => {
  // Each test starts the built service, twice, on a new folder: initdb runs each first time.
  jest.setTimeout(120_000);
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'percorsi-demo-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates admin and one demo account per role, prints their passwords once, and they log in', async () => {
    const first = spawnService({ DATA_DIR: dataDir, PORT: '0' });
    await waitUntilReady(first);
    const printed = [...first.stdout().matchAll(/^ {2}(\S+) +(\S+) {3}(.+)$/gm)].map(
      ([, username, password, role]) => ({
        username,
        password,
        role,
      }),
    );
    expect(printed.map((p) => p.role).sort()).toEqual(
      [
        'Amministratore',
        'Assistente sociale',
        'Assistente sociale',
        'Coordinatore di unità',
        'Dirigente',
        'Operatore di sportello',
      ].sort(),
    );
    const baseUrl = baseUrlOf(first);
    for (const { username, password } of printed) {
      const response = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      expect({ username, status: response.status }).toEqual({ username, status: 200 });
    }
    first.process.kill('SIGTERM');
    await first.exited;

    const second = spawnService({ DATA_DIR: dataDir, PORT: '0' });
    await waitUntilReady(second);
    expect(second.stdout()).not.toContain('Account creati');
    second.process.kill('SIGTERM');
    await second.exited;
  });

  it('creates no demo account in production', async () => {
    const prodDir = mkdtempSync(join(tmpdir(), 'percorsi-prod-'));
    try {
      const service = spawnService({
        DATA_DIR: prodDir,
        PORT: '0',
        NODE_ENV: 'production',
        ADMIN_PASSWORD: 'a-long-admin-password',
      });
      await waitUntilReady(service);
      expect(service.stdout()).not.toContain('Account creati');
      const response = await fetch(`${baseUrlOf(service)}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'a-long-admin-password' }),
      });
      expect(response.status).toBe(200);
      service.process.kill('SIGTERM');
      await service.exited;
    } finally {
      rmSync(prodDir, { recursive: true, force: true });
    }
  });
});
