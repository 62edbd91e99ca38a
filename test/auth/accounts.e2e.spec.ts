import { DataSource } from 'typeorm';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';

const PASSWORD = 'una-password-abbastanza-lunga';

describe('account management and password rules', () => {
  let server: TestApp;
  let admin: string;

  beforeAll(async () => {
    server = await startTestApp();
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(() => server.drop());

  const create = (body: Record<string, unknown>, token = admin) =>
    server.request('POST', '/api/accounts', { token, body });
  const auditActions = async (entityId: string) =>
    (
      await server.app
        .get(DataSource)
        .query<Array<{ action: string }>>(
          `SELECT action FROM access_log WHERE entity = 'account' AND entity_id = $1 ORDER BY id`,
          [entityId],
        )
    ).map((row) => row.action);

  it('creates an account with role and unit, audited, and never shows a password hash', async () => {
    const created = await create({
      username: 'anna.iii',
      displayName: 'Anna Rossi',
      role: 'caseworker',
      unitCode: 'III',
      email: 'anna@comune.example.it',
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'anna.iii',
      role: 'caseworker',
      unitCode: 'III',
      active: true,
      oidcLinked: false,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/password_?hash|scrypt/i);
    expect(await auditActions(created.body.id)).toEqual(['create']);
    expect(
      (
        await server.request('POST', '/api/auth/login', {
          body: { username: 'anna.iii', password: PASSWORD },
        })
      ).status,
    ).toBe(200);

    const list = await server.request('GET', '/api/accounts?limit=1&offset=0', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toMatch(/password_?hash|scrypt/i);
  });

  it.each([
    ['too short', 'corta-1234', 'deve contenere almeno 12 caratteri'],
    ['containing the username', 'xx-BRUNO.III-xx-2026', 'non deve contenere il nome utente'],
    ['too common', 'Password1234', 'è una password troppo comune: sceglierne una meno prevedibile'],
  ])(
    'refuses an initial password %s with a message on the field',
    async (_case, password, message) => {
      const refused = await create({
        username: 'bruno.iii',
        displayName: 'Bruno',
        role: 'coordinator',
        unitCode: 'III',
        password,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual([{ field: 'password', messages: [message] }]);
    },
  );

  it.each([
    [
      { role: 'caseworker' },
      'obbligatoria per operatori di sportello, assistenti sociali e coordinatori',
    ],
    [{ role: 'manager', unitCode: 'III' }, 'non prevista per dirigenti e amministratori'],
    [{ role: 'front-office', unitCode: 'XX' }, 'unità territoriale inesistente'],
  ])('checks the unit against the role: %j', async (fields, message) => {
    const refused = await create({
      username: 'x.y',
      displayName: 'X',
      password: PASSWORD,
      ...fields,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([{ field: 'unitCode', messages: [message] }]);
  });

  it('refuses a second account with the same username, whatever the case', async () => {
    const again = await create({
      username: 'ANNA.III',
      displayName: 'Anna',
      role: 'caseworker',
      unitCode: 'III',
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
  });

  it('a role or unit change and a deactivation end the sessions at once', async () => {
    const { body: account } = await create({
      username: 'dario.iii',
      displayName: 'Dario',
      role: 'caseworker',
      unitCode: 'III',
      password: PASSWORD,
    });
    const token = await server.login('dario.iii', PASSWORD);
    const renamed = await server.request('PATCH', `/api/accounts/${account.id}`, {
      token: admin,
      body: { displayName: 'Dario Bianchi' },
    });
    expect(renamed.status).toBe(200);
    expect((await server.request('GET', '/api/auth/me', { token })).status).toBe(200);

    const moved = await server.request('PATCH', `/api/accounts/${account.id}`, {
      token: admin,
      body: { role: 'coordinator', unitCode: 'V' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ role: 'coordinator', unitCode: 'V' });
    expect((await server.request('GET', '/api/auth/me', { token })).status).toBe(401);

    const second = await server.login('dario.iii', PASSWORD);
    const promoted = await server.request('PATCH', `/api/accounts/${account.id}`, {
      token: admin,
      body: { role: 'manager' },
    });
    expect(promoted.body).toMatchObject({ role: 'manager', unitCode: null });
    expect((await server.request('GET', '/api/auth/me', { token: second })).status).toBe(401);

    const third = await server.login('dario.iii', PASSWORD);
    const off = await server.request('PATCH', `/api/accounts/${account.id}`, {
      token: admin,
      body: { active: false },
    });
    expect(off.body.active).toBe(false);
    expect((await server.request('GET', '/api/auth/me', { token: third })).status).toBe(401);
    const refused = await server.request('POST', '/api/auth/login', {
      body: { username: 'dario.iii', password: PASSWORD },
    });
    expect(refused.status).toBe(401);
    // The refused login is in the access log too, against the account tried.
    expect(await auditActions(account.id)).toEqual([
      'create',
      'update',
      'update',
      'update',
      'update',
      'login-failed',
    ]);
  });

  it('an administrator cannot lock themselves out', async () => {
    const me = await server.request('GET', '/api/auth/me', { token: admin });
    const off = await server.request('PATCH', `/api/accounts/${me.body.id}`, {
      token: admin,
      body: { active: false },
    });
    expect(off.status).toBe(409);
  });

  it('a reset password obeys the rules, ends the sessions and replaces the old one', async () => {
    const { body: account } = await create({
      username: 'elena.iii',
      displayName: 'Elena',
      role: 'front-office',
      unitCode: 'III',
      password: PASSWORD,
    });
    const token = await server.login('elena.iii', PASSWORD);
    const weak = await server.request('POST', `/api/accounts/${account.id}/password`, {
      token: admin,
      body: { password: 'elena.iii-2026-nuova' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.details).toEqual([
      { field: 'password', messages: ['non deve contenere il nome utente'] },
    ]);
    const reset = await server.request('POST', `/api/accounts/${account.id}/password`, {
      token: admin,
      body: { password: 'un-altra-password-lunga' },
    });
    expect(reset.status).toBe(204);
    expect((await server.request('GET', '/api/auth/me', { token })).status).toBe(401);
    expect(await server.login('elena.iii', 'un-altra-password-lunga')).toEqual(expect.any(String));
    expect(await auditActions(account.id)).toEqual(['create', 'password']);
  });

  it('lets a person change their own password: their other sessions end, this one stays', async () => {
    await create({
      username: 'franco.v',
      displayName: 'Franco',
      role: 'caseworker',
      unitCode: 'V',
      password: PASSWORD,
    });
    const here = await server.login('franco.v', PASSWORD);
    const elsewhere = await server.login('franco.v', PASSWORD);
    const change = (currentPassword: string, newPassword: string) =>
      server.request('POST', '/api/auth/password', {
        token: here,
        body: { currentPassword, newPassword },
      });

    const wrongCurrent = await change('not-my-password', 'password-nuova-di-franco');
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.details).toEqual([
      { field: 'currentPassword', messages: ['la password attuale non è corretta'] },
    ]);
    const common = await change(PASSWORD, 'qwertyqwerty');
    expect(common.status).toBe(400);
    expect(common.body.details[0].field).toBe('newPassword');

    expect((await change(PASSWORD, 'password-nuova-di-franco')).status).toBe(204);
    expect((await server.request('GET', '/api/auth/me', { token: here })).status).toBe(200);
    expect((await server.request('GET', '/api/auth/me', { token: elsewhere })).status).toBe(401);
    expect(await server.login('franco.v', 'password-nuova-di-franco')).toEqual(expect.any(String));
  });

  it('keeps ADMIN_PASSWORD working: it sets the admin password again at start', async () => {
    const change = await server.request('POST', '/api/auth/password', {
      token: admin,
      body: { currentPassword: TEST_ADMIN_PASSWORD, newPassword: 'la-nuova-password-2026' },
    });
    expect(change.status).toBe(204);
    server = await server.restart();
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    expect(admin).toEqual(expect.any(String));
  });

  it('answers 403 to every role but administrator, on every route', async () => {
    const people = [
      ['g.front', 'front-office', 'III'],
      ['g.case', 'caseworker', 'III'],
      ['g.coord', 'coordinator', 'III'],
      ['g.manager', 'manager', null],
    ] as const;
    const someone = (await server.request('GET', '/api/accounts', { token: admin })).body.items[0];
    for (const [username, role, unitCode] of people) {
      expect(
        (await create({ username, displayName: username, role, unitCode, password: PASSWORD }))
          .status,
      ).toBe(201);
      const token = await server.login(username, PASSWORD);
      const answers = [
        await server.request('GET', '/api/accounts', { token }),
        await create(
          { username: `${username}.2`, displayName: 'x', role: 'manager', password: PASSWORD },
          token,
        ),
        await server.request('PATCH', `/api/accounts/${someone.id}`, {
          token,
          body: { active: false },
        }),
        await server.request('POST', `/api/accounts/${someone.id}/password`, {
          token,
          body: { password: 'una-password-qualsiasi' },
        }),
      ];
      expect({ role, statuses: answers.map((a) => a.status) }).toEqual({
        role,
        statuses: [403, 403, 403, 403],
      });
      expect(answers[0].body.message).toBe('Operazione riservata agli amministratori.');
    }
    expect((await server.request('GET', '/api/accounts')).status).toBe(401);
  });
});
