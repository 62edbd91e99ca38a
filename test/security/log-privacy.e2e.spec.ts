import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPersonTaxCode } from '../../src/cases/tax-code/__tests__/build-person-tax-code';
import { baseUrlOf, ChildService, spawnService, waitUntilReady } from '../support/child-service';

/**
 * No personal data in logs or error messages: the built service at LOG_LEVEL=info,
 * driven through a realistic run (register, open, diary, search, errors), and its
 * whole output searched for the tax code, the names and the free text.
 */
describe('logs and error messages hold no personal data', () => {
  let dataDir: string;
  let service: ChildService;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'percorsi-logs-'))));
  afterAll(async () => {
    service?.process.kill('SIGTERM');
    await service?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('at LOG_LEVEL=info', async () => {
    service = spawnService({
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
      ADMIN_PASSWORD: 'password-di-prova-admin',
      DEMO_ACCOUNTS: 'true',
    });
    await waitUntilReady(service);
    const base = baseUrlOf(service);
    const passwords = Object.fromEntries(
      [...service.stdout().matchAll(/^ {2}(\S+) +(\S+) {3}(.+)$/gm)].map(([, u, p]) => [u, p]),
    );
    const call = async (method: string, path: string, token?: string, body?: unknown) => {
      const response = await fetch(base + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    };
    const login = async (username: string) =>
      JSON.parse(
        (
          await call('POST', '/api/auth/login', undefined, {
            username,
            password: passwords[username],
          })
        ).text,
      ).accessToken as string;
    const front = await login('sportello.iii');
    const coordinator = await login('coordinatore.iii');

    const surname = 'Quartararo';
    const name = 'Ninfa';
    const taxCode = buildPersonTaxCode({
      letters: 'QRTNNF',
      birthDate: '1977-07-07',
      sex: 'F',
      placeCode: 'G273',
    });
    const secret = 'Riferisce maltrattamenti dal coniuge';
    const person = await call('POST', '/api/persons', front, {
      surname,
      name,
      taxCode,
      birthDate: '1977-07-07',
      sex: 'F',
    });
    expect(person.status).toBe(201);
    const { id: personId } = JSON.parse(person.text);
    const opened = await call('POST', '/api/cases', coordinator, { personId });
    expect(opened.status).toBe(201);
    const { id: caseId } = JSON.parse(opened.text);
    expect(
      (
        await call('POST', `/api/cases/${caseId}/diary`, coordinator, {
          kind: 'meeting',
          occurredAt: '2026-03-02T10:00:00Z',
          text: secret,
        })
      ).status,
    ).toBe(201);
    expect(
      (await call('GET', `/api/cases?taxCode=${taxCode}&name=${surname}`, coordinator)).status,
    ).toBe(200);
    expect((await call('GET', `/api/persons?taxCode=${taxCode}`, front)).status).toBe(200);
    // Errors: a duplicate, a refused value, a bad login carrying the name, a refused role.
    const duplicate = await call('POST', '/api/persons', front, { surname, name, taxCode });
    expect(duplicate.status).toBe(409);
    const refused = await call('POST', '/api/persons', front, {
      surname: `${surname}1`,
      name,
      taxCode: `${taxCode}X`,
    });
    expect(refused.status).toBe(400);
    expect(
      (await call('POST', '/api/auth/login', undefined, { username: surname, password: secret }))
        .status,
    ).toBe(401);
    expect((await call('GET', `/api/cases/${caseId}`, front)).status).toBe(403);

    await new Promise((resolve) => setTimeout(resolve, 300));
    const output = service.stdout() + service.stderr();
    // The capture works: request lines are there.
    expect(output).toMatch(/"statusCode":201/);
    for (const text of [surname, name, taxCode, secret, secret.split(' ')[1]]) {
      expect({ text, found: output.includes(text) }).toEqual({ text, found: false });
    }
    for (const body of [duplicate.text, refused.text]) {
      for (const text of [surname, name, taxCode]) expect(body).not.toContain(text);
    }
  }, 90_000);
});
