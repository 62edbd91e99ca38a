import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { chain } from './models';

const INSTANCES = 30_000;

/**
 * The administrator's instance list over tens of thousands of instances: each
 * filter's page is read from its index in list order (no sort of the matching
 * rows), on the database the suite runs on (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL).
 */
describe('instance list at scale', () => {
  let server: TestApp;
  let db: DataSource;
  let admin: string;

  beforeAll(async () => {
    server = await startTestApp();
    db = server.app.get(DataSource);
    admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    const engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    const [one, two] = await engine.deploy([
      { name: 'scala-a.bpmn', content: chain('scala-a', ['scala']) },
      { name: 'scala-b.bpmn', content: chain('scala-b', ['scala']) },
    ]);
    // Instances of eight units (and some without a case number), a tenth completed,
    // one in a hundred with an open incident; keys far above the engine's.
    await db.query(
      `INSERT INTO process_instance (key, process_definition_key, bpmn_process_id, version, business_key,
                                     state, started_at, ended_at)
       SELECT 9000000000000000 + n, CASE WHEN n % 3 = 0 THEN $2 ELSE $1 END::bigint,
              CASE WHEN n % 3 = 0 THEN 'scala-b' ELSE 'scala-a' END, 1,
              CASE WHEN n % 50 = 0 THEN NULL
                   ELSE 'SSC-' || (ARRAY['I','II','III','IV','V','VI','VII','VIII'])[1 + n % 8]
                        || '-2026-' || lpad(n::text, 6, '0') END,
              CASE WHEN n % 10 = 0 THEN 'COMPLETED' ELSE 'ACTIVE' END,
              now() - n * interval '1 minute',
              CASE WHEN n % 10 = 0 THEN now() ELSE NULL END
         FROM generate_series(1, ${INSTANCES}) n`,
      [one.processDefinitionKey, two.processDefinitionKey],
    );
    await db.query(
      `INSERT INTO incident (key, process_instance_key, bpmn_process_id, element_id, element_instance_key,
                             error_type, error_message, state, created_at)
       SELECT 9100000000000000 + n, 9000000000000000 + n, 'scala-a', 'task1', 1, 'JOB_NO_RETRIES', 'x',
              'ACTIVE', now()
         FROM generate_series(1, ${INSTANCES}) n WHERE n % 100 = 1`,
    );
    await db.query(`ANALYZE process_instance`);
    await db.query(`ANALYZE incident`);
  }, 120_000);
  afterAll(() => server.drop());

  /** The page's SQL as the API ran it, and its plan. */
  const listed = async (query: string) => {
    const spy = jest.spyOn(db, 'query');
    const response = await server.request('GET', `/api/process-instances?${query}`, {
      token: admin,
    });
    const call = spy.mock.calls.find(([sql]) => /FROM process_instance pi JOIN/.test(sql));
    spy.mockRestore();
    expect(response.status).toBe(200);
    const [sql, params] = call as [string, unknown[]];
    const [{ 'QUERY PLAN': plan }] = await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return { body: response.body, plan: JSON.stringify(plan) };
  };

  it.each([
    ['', 'process_instance_started', INSTANCES],
    ['unitCode=III', 'process_instance_unit_started', 3600],
    ['bpmnProcessId=scala-b', 'process_instance_process_started', 10_000],
    ['unitCode=VII&state=ACTIVE', 'process_instance_unit_started', 3000],
  ])('?%s walks %s in list order', async (query, index, total) => {
    const { body, plan } = await listed(query);
    expect(plan).toContain(`"Index Name":"${index}"`);
    expect(plan).not.toContain('"Node Type":"Sort"');
    expect(body.items).toHaveLength(50);
    expect(body.total).toBe(total);
    const started = body.items.map((i: { startedAt: string }) => i.startedAt);
    expect(started).toEqual([...started].sort().reverse());
  });

  it('finds the instances with an open incident among them', async () => {
    const { body } = await listed('hasIncident=true&limit=100');
    expect(body.total).toBe(INSTANCES / 100);
    expect(body.items.every((i: { incidents: number }) => i.incidents === 1)).toBe(true);
  });
});
