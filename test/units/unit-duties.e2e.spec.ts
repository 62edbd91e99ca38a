import { PathDriver } from '../paths/path-driver';

/**
 * The unit's duties that are not a person's case: the coordinator starts one (the territorial
 * network here), numbered in the ATT register; its tasks reach the unit's tasklist by that
 * number; the unit's social workers list them; nobody else starts or reads them.
 */
describe('the unit’s duties', () => {
  const d = new PathDriver();
  const start = (who: string, body: object, unit = 'III') =>
    d.server.request('POST', `/api/units/${unit}/duties`, { ...d.as(who), body });

  beforeAll(() => d.start(), 60_000);
  afterAll(() => d.stop());

  it('the coordinator starts the territorial network; its first step is in the unit’s tasklist', async () => {
    const year = d.clock.now().getFullYear();
    const started = await start('coord.iii', {
      duty: 'network',
      title: '  Tavolo di rete con le scuole di Oreto  ',
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      dutyNumber: `ATT-III-${year}-000001`,
      duty: 'network',
      title: 'Tavolo di rete con le scuole di Oreto',
      startedBy: 'coord.iii',
      state: 'ACTIVE',
      name: expect.stringContaining('Rete territoriale'),
    });
    // The tasklist fills in the background (on a PostgreSQL server a moment later).
    let tasks: Array<{ caseNumber: string }> = [];
    for (let tries = 0; tasks.length === 0 && tries < 400; tries++) {
      await d.engine.settle();
      const page = await d.server.request(
        'GET',
        `/api/tasks?view=unit&caseNumber=ATT-III-${year}-000001`,
        d.as('coord.iii'),
      );
      tasks = page.body.items;
      if (tasks.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(tasks.length).toBeGreaterThan(0);
    const [logged] = await d.db.query(
      `SELECT action, entity, reason FROM access_log WHERE entity_id = $1`,
      [`ATT-III-${year}-000001`],
    );
    expect(logged).toEqual({
      action: 'create',
      entity: 'instance',
      reason: 'Avvio di rete-territoriale: Tavolo di rete con le scuole di Oreto',
    });

    const listed = await d.server.request('GET', '/api/units/III/duties', d.as('anna.iii'));
    expect(listed.status).toBe(200);
    expect(listed.body.map((x: { dutyNumber: string }) => x.dutyNumber)).toEqual([
      `ATT-III-${year}-000001`,
    ]);
  });

  it('only the unit’s coordinator starts one, of a known kind, with a title', async () => {
    expect((await start('anna.iii', { duty: 'network', title: 'Rete' })).status).toBe(403);
    expect((await start('front.iii', { duty: 'network', title: 'Rete' })).status).toBe(403);
    expect((await start('coord.iii', { duty: 'network', title: 'Rete' }, 'V')).status).toBe(404);
    const unknown = await start('coord.iii', { duty: 'bowling', title: 'Torneo' });
    expect(unknown.status).toBe(400);
    expect((await start('coord.iii', { duty: 'fundedProject', title: ' ' })).status).toBe(400);
    expect((await d.server.request('GET', '/api/units/III/duties', d.as('carla.v'))).status).toBe(
      404,
    );
    const [{ n }] = await d.db.query(`SELECT count(*)::int AS n FROM unit_duty`);
    expect(n).toBe(1);
  });
});
