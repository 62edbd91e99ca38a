import { DataSource } from 'typeorm';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';

const LOCKED =
  /^Troppi tentativi di accesso non riusciti: per sicurezza l'accesso è bloccato fino alle \d\d:\d\d \(tra 15 minuti\) e fino ad allora non viene accettata nemmeno la password corretta\./;

describe('brute-force login: limits per account and per address', () => {
  let server: TestApp;
  const carlaPassword = 'carla-password-for-tests';

  beforeAll(async () => {
    server = await startTestApp();
    const admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    const created = await server.request('POST', '/api/accounts', {
      token: admin,
      body: {
        username: 'carla.v',
        displayName: 'Carla',
        role: 'caseworker',
        unitCode: 'V',
        password: carlaPassword,
      },
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => server.drop());

  const attempt = (username: string, password: string) =>
    server.request('POST', '/api/auth/login', { body: { username, password } });
  const failures = async () =>
    (
      await server.app
        .get(DataSource)
        .query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM login_failure`)
    )[0].n;

  it('locks an account after 5 failures: the 6th attempt gets 429 with Retry-After, the right password too', async () => {
    for (let i = 1; i <= 5; i++) {
      const wrong = await attempt('admin', `wrong-password-${i}`);
      expect(wrong.status).toBe(401);
    }
    const sixth = await attempt('admin', 'wrong-password-6');
    expect(sixth.status).toBe(429);
    expect(sixth.body.message).toMatch(LOCKED);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const right = await attempt('admin', TEST_ADMIN_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.message).toMatch(LOCKED);
    // Refused attempts are not stored: an attacker cannot grow the tables while locked.
    expect(await failures()).toBe(5);
    const log = await server.app
      .get(DataSource)
      .query(`SELECT username, reason FROM access_log WHERE action = 'login-failed'`);
    expect(log).toHaveLength(5);
    expect(JSON.stringify(log)).not.toContain('wrong-password');
  });

  it('answers an unknown account exactly like a known one, so the lock reveals nothing', async () => {
    for (let i = 1; i <= 5; i++) expect((await attempt('nessuno', 'x')).status).toBe(401);
    const sixth = await attempt('nessuno', 'x');
    expect(sixth.status).toBe(429);
    expect(sixth.body.message).toMatch(LOCKED);
    expect(sixth.headers.get('retry-after')).not.toBeNull();
  });

  it('lets another account sign in from the same address until the address reaches 20 failures', async () => {
    expect((await attempt('carla.v', carlaPassword)).status).toBe(200);
    // 10 failures so far from this address; 10 more on other usernames reach the limit.
    for (let i = 1; i <= 10; i++) {
      expect((await attempt(`someone${i % 2}`, 'wrong')).status).toBe(401);
    }
    const blocked = await attempt('carla.v', carlaPassword);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(LOCKED);
  });

  it('still serves everything else while logins are locked', async () => {
    expect((await server.request('GET', '/api/health')).status).toBe(200);
  });
});

describe('a successful login resets the account counter', () => {
  let server: TestApp;

  beforeAll(async () => (server = await startTestApp()));
  afterAll(() => server.drop());

  it('counts again from zero after the right password', async () => {
    const attempt = (password: string) =>
      server.request('POST', '/api/auth/login', { body: { username: 'admin', password } });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong')).status).toBe(401);
    expect((await attempt(TEST_ADMIN_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('wrong')).status).toBe(401);
    expect((await attempt(TEST_ADMIN_PASSWORD)).status).toBe(200);
  });
});

describe('concurrent logins count one by one (issue 10, finding 1)', () => {
  let server: TestApp;

  beforeAll(async () => (server = await startTestApp()));
  afterAll(() => server.drop());

  const attempt = (username: string, password: string) =>
    server.request('POST', '/api/auth/login', { body: { username, password } });

  it('lets at most 5 of 200 simultaneous wrong logins for one account reach the password check', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => attempt('admin', `wrong-${i}`)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(195);
    const [{ n }] = await server.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM login_failure`);
    expect(n).toBe(5);
  });

  it('lets no more than 20 simultaneous attempts from one address through, the right password included', async () => {
    await server.app.get(DataSource).query(`DELETE FROM login_failure`);
    // 29 wrong on other usernames and the right one, all at once from the same address.
    const answers = await Promise.all([
      ...Array.from({ length: 29 }, (_, i) => attempt(`persona${i % 7}`, 'sbagliata')),
      attempt('admin', TEST_ADMIN_PASSWORD),
    ]);
    const through = answers.filter((a) => a.status !== 429);
    expect(through.length).toBeLessThanOrEqual(20);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(10);
    // Whoever came through did so with fewer than 20 failures before them: no more than 20 are counted.
    const [{ n }] = await server.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM login_failure`);
    expect(n).toBeLessThanOrEqual(20);
  });
});
