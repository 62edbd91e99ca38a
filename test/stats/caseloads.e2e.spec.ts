import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';

const PASSWORD = 'una-password-di-prova-1';
const UNITS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/**
 * Caseloads against the LEPS ratio (L. 178/2020: one social worker per 5,000 inhabitants,
 * counted in full-time equivalents), per unit and for the ambito; each worker's load. Counted by
 * hand: unit III has 12,000 inhabitants (3 full-time workers needed) and Anna (full time),
 * Bruno (half time) and Elena (full time): 2.5 FTE, short of 3 until Bruno goes full time.
 */
describe('caseloads in full-time equivalents, per unit, for the ambito and per worker (issue 13)', () => {
  let server: TestApp;
  let admin: string;
  let boss: string;
  const ids: Record<string, string> = {};

  const as = (token: string, method: string, path: string, body?: unknown) =>
    server.request(method, path, { token, body });
  const account = async (username: string, role: string, unitCode: string | null, fte?: number) => {
    const created = await as(admin, 'POST', '/api/accounts', {
      username,
      displayName: username,
      role,
      ...(unitCode ? { unitCode } : {}),
      ...(fte !== undefined ? { fte } : {}),
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    ids[username] = created.body.id;
    return created.body;
  };

  beforeAll(async () => {
    server = await startTestApp();
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    expect((await account('anna.iii', 'caseworker', 'III')).fte).toBe(1);
    expect((await account('bruno.iii', 'caseworker', 'III', 0.5)).fte).toBe(0.5);
    await account('elena.iii', 'caseworker', 'III', 1);
    await account('coord.iii', 'coordinator', 'III');
    await account('carla.v', 'caseworker', 'V', 0.75);
    await account('boss', 'manager', null);
    boss = await server.login('boss', PASSWORD);
    const coordinator = await server.login('coord.iii', PASSWORD);
    for (const surname of ['Rossi', 'Verdi']) {
      const person = await as(coordinator, 'POST', '/api/persons', { surname, name: 'Maria' });
      const opened = await as(coordinator, 'POST', '/api/cases', {
        personId: person.body.id,
        caseManagerId: ids['anna.iii'],
      });
      expect(opened.status).toBe(201);
    }
    for (const code of UNITS) {
      const population = code === 'III' ? 12_000 : 10_000;
      if (code === 'VIII') continue; // set later: the ambito waits for every unit
      expect((await as(admin, 'PATCH', `/api/stats/units/${code}`, { population })).status).toBe(
        200,
      );
    }
  });
  afterAll(() => server?.drop());

  it('counts a unit’s social workers in FTE against its LEPS target', async () => {
    const { body } = await as(boss, 'GET', '/api/stats/caseloads');
    const iii = body.units.find((u: { unitCode: string }) => u.unitCode === 'III');
    expect(iii).toMatchObject({
      socialWorkers: 3,
      socialWorkersFte: 2.5,
      population: 12_000,
      requiredSocialWorkers: 3,
      meetsTarget: false,
      openCases: 2,
    });
    const bruno = await as(admin, 'PATCH', `/api/accounts/${ids['bruno.iii']}`, { fte: 1 });
    expect(bruno.body.fte).toBe(1);
    const after = (await as(boss, 'GET', '/api/stats/caseloads')).body.units.find(
      (u: { unitCode: string }) => u.unitCode === 'III',
    );
    expect(after).toMatchObject({ socialWorkersFte: 3, meetsTarget: true });
  });

  it('adds the units up for the ambito, once every unit’s population is set', async () => {
    const before = (await as(boss, 'GET', '/api/stats/caseloads')).body.ambito;
    expect(before).toMatchObject({
      population: null,
      requiredSocialWorkers: null,
      meetsTarget: null,
    });
    await as(admin, 'PATCH', '/api/stats/units/VIII', { population: 10_000 });
    const { ambito } = (await as(boss, 'GET', '/api/stats/caseloads')).body;
    // 7 × 10,000 + 12,000 inhabitants: 17 full-time workers needed; III's 3 and V's 0.75 count.
    expect(ambito).toMatchObject({
      name: 'Ambito territoriale (tutte le unità)',
      population: 82_000,
      requiredSocialWorkers: 17,
      furtherTargetSocialWorkers: 21,
      socialWorkers: 4,
      socialWorkersFte: 3.75,
      openCases: 2,
      meetsTarget: false,
    });
  });

  it('gives each worker’s load by name and FTE; the unit filter narrows it', async () => {
    const all = await as(boss, 'GET', '/api/stats/caseworkers');
    expect(all.status).toBe(200);
    expect(
      all.body.map(
        (w: { displayName: string; unitCode: string }) => `${w.unitCode} ${w.displayName}`,
      ),
    ).toEqual(['III anna.iii', 'III bruno.iii', 'III coord.iii', 'III elena.iii', 'V carla.v']);
    const iii = await as(boss, 'GET', '/api/stats/caseworkers?unitCode=III');
    expect(iii.body[0]).toEqual({
      accountId: ids['anna.iii'],
      displayName: 'anna.iii',
      role: 'caseworker',
      unitCode: 'III',
      fte: 1,
      openCases: 2,
      openTasks: 0,
      overdueTasks: 0,
    });
    expect(iii.body).toHaveLength(4);
  });

  it('refuses an FTE outside (0, 1], and the figures to other roles', async () => {
    for (const fte of [0, 1.5, 0.333]) {
      const refused = await as(admin, 'PATCH', `/api/accounts/${ids['elena.iii']}`, { fte });
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe('fte');
    }
    const coordinator = await server.login('coord.iii', PASSWORD);
    expect((await as(coordinator, 'GET', '/api/stats/caseworkers')).status).toBe(403);
  });
});
