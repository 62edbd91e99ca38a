import { hashPassword } from '../../src/auth/password-hasher';
import { FlowSummaries1795737500000 } from '../../src/database/migrations/1795737500000-flow-summaries';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { DataSource } from 'typeorm';
import { FlowSummaryCompactor } from '../../src/stats/flow-summary-compactor';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { bpmn } from '../engine/models';
import readXlsxFile from 'read-excel-file/node';
import { triageModel } from './triage-model';

const HOUR = 3600 * 1000;
const PASSWORD = 'una-password-di-prova';

/**
 * The bottlenecks of a path for the managers' heatmap, counted by hand: five cases enter triage
 * at 9:00; four leave it after 1, 2, 3 and 4 hours (two urgent, two not), one is still there;
 * the two urgent ones wait at the urgent step.
 */
describe('GET /api/stats/paths/:id/elements: where cases wait on a path (issue 13)', () => {
  const clock = new TestClock('2026-03-02T09:00:00.000Z');
  let server: TestApp;
  let engine: EmbeddedEngine;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestApp({}, undefined, { engine: { clock: clock.now } });
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    const db = server.app.get(DataSource);
    const hash = await hashPassword(PASSWORD);
    const accounts: Array<[string, string, string | null]> = [
      ['boss', 'manager', null],
      ['coord.iii', 'coordinator', 'III'],
    ];
    for (const [username, role, unit] of accounts) {
      await db.query(
        `INSERT INTO account (username, display_name, role, unit_code, password_hash) VALUES ($1, $1, $2, $3, $4)`,
        [username, role, unit, hash],
      );
      tokens[username] = await server.login(username, PASSWORD);
    }
    tokens.admin = await server.login('admin', TEST_ADMIN_PASSWORD);
    await engine.deploy([{ name: 'pf-triage-path.bpmn', content: triageModel() }]);
    for (let n = 1; n <= 5; n++) {
      await engine.createInstance({
        bpmnProcessId: 'pf-triage-path',
        variables: { urgent: n <= 2 },
      });
    }
    await engine.settle();
    const jobs = await engine.activateJobs({
      type: 'pf-triage',
      maxJobsToActivate: 10,
      timeoutMs: 24 * HOUR,
      worker: 'triage',
    });
    expect(jobs).toHaveLength(5);
    for (const job of jobs.slice(0, 4)) {
      clock.advance(HOUR);
      await engine.completeJob(job.key);
    }
    await engine.settle();
  }, 60_000);
  afterAll(() => server?.drop());

  const get = (who: string, path: string) => server.request('GET', path, { token: tokens[who] });
  const figures = (who = 'boss', search = '') =>
    get(who, `/api/stats/paths/pf-triage-path/elements${search}`);
  const element = (
    body: { elements: Array<{ elementId: string; p50Seconds: number; p90Seconds: number }> },
    id: string,
  ) => body.elements.find((e) => e.elementId === id)!;

  it('counts per step: reached, median and 90th percentile of the time taken, cases waiting now', async () => {
    const response = await figures();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      bpmnProcessId: 'pf-triage-path',
      version: 1,
      from: '2025-12-02',
      to: '2026-03-02',
    });
    expect(response.body.xml).toContain('<bpmn:process id="pf-triage-path"');
    // Completed after 1, 2, 3 and 4 hours: median 2.5 h; 90th percentile 3 h + 0.7 × 1 h,
    // read from the days' duration histograms: within 4.5 %.
    const triage = element(response.body, 'triage');
    expect(triage).toEqual({
      elementId: 'triage',
      name: 'triage',
      reached: 5,
      waitingNow: 1,
      p50Seconds: expect.any(Number),
      p90Seconds: expect.any(Number),
      threshold: null,
      level: null,
    });
    expect(Math.abs(triage.p50Seconds / 9000 - 1)).toBeLessThan(0.045);
    expect(Math.abs(triage.p90Seconds / 13_320 - 1)).toBeLessThan(0.045);
    expect(element(response.body, 'urgente')).toMatchObject({
      reached: 2,
      waitingNow: 2,
      p50Seconds: null,
    });
    // Events and gateways are listed, with nothing to wait at.
    expect(element(response.body, 'esito')).toMatchObject({ reached: 0, waitingNow: 0 });
  });

  it('lists the paths deployed at their latest version, to choose one', async () => {
    const paths = await get('boss', '/api/stats/paths');
    expect(paths.status).toBe(200);
    expect(paths.body).toContainEqual({
      bpmnProcessId: 'pf-triage-path',
      name: 'pf-triage-path',
      version: 1,
    });
    expect((await get('coord.iii', '/api/stats/paths')).status).toBe(403);
  });

  it('gives each gateway exit its share, and other flows their count', async () => {
    const { body } = await figures();
    const flow = (id: string) => body.flows.find((f: { flowId: string }) => f.flowId === id);
    expect(flow('a')).toEqual({ flowId: 'a', name: null, taken: 2, share: 0.5 });
    expect(flow('b')).toEqual({ flowId: 'b', name: null, taken: 2, share: 0.5 });
    expect(flow('f1')).toEqual({ flowId: 'f1', name: null, taken: 5, share: null });
  });

  it('downloads the steps and the gateway exits, as CSV or Excel, each download logged', async () => {
    const download = async (search: string) => {
      const response = await fetch(
        `${server.baseUrl}/api/stats/paths/pf-triage-path/elements?${search}`,
        { headers: { authorization: `Bearer ${tokens.boss}` } },
      );
      expect(response.status).toBe(200);
      return response;
    };
    const steps = await download('format=csv');
    expect(steps.headers.get('content-disposition')).toBe(
      'attachment; filename="tempi-pf-triage-path.csv"',
    );
    const lines = (await steps.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'Passo;Id;Raggiunto;In attesa ora;Mediana (ore);90° percentile (ore);Soglia gialla (ore);Soglia rossa (ore);Livello',
    );
    // Only steps with something to say: triage (5 reached, 1 waiting), urgente (2 waiting).
    expect(lines.slice(1).map((line) => line.split(';').slice(0, 4))).toEqual([
      ['triage', 'triage', '5', '1'],
      ['urgente', 'urgente', '2', '2'],
    ]);
    const exits = await download('format=xlsx&table=exits');
    expect(exits.headers.get('content-disposition')).toBe(
      'attachment; filename="uscite-pf-triage-path.xlsx"',
    );
    const [sheet] = await readXlsxFile(Buffer.from(await exits.arrayBuffer()));
    expect(sheet.data).toEqual([
      ['Uscita', 'Id', 'Volte', 'Quota'],
      ['a', 'a', 2, 0.5],
      ['b', 'b', 2, 0.5],
    ]);
    const logged = await server.app
      .get(DataSource)
      .query(
        `SELECT reason FROM access_log WHERE username = 'boss' AND action = 'export' ORDER BY id`,
      );
    expect(logged.map((row: { reason: string }) => row.reason)).toEqual([
      'Tempi del percorso pf-triage-path (CSV; table=steps)',
      'Uscite dei gateway del percorso pf-triage-path (XLSX; table=exits)',
    ]);
  });

  it('colours a step against the thresholds an administrator sets: red, amber, ok', async () => {
    const put = (amberSeconds: number, redSeconds: number) =>
      server.request('PUT', '/api/stats/paths/pf-triage-path/elements/triage/threshold', {
        token: tokens.admin,
        body: { amberSeconds, redSeconds },
      });
    expect((await put(3600, 10_800)).status).toBe(200);
    expect(element((await figures()).body, 'triage')).toMatchObject({
      threshold: { amberSeconds: 3600, redSeconds: 10_800 },
      level: 'red',
    });
    await put(10_800, 20_000);
    expect(element((await figures()).body, 'triage')!).toMatchObject({ level: 'amber' });
    await put(14_000, 20_000);
    expect(element((await figures()).body, 'triage')!).toMatchObject({ level: 'ok' });

    const refused = await put(7200, 3600);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('La soglia rossa deve superare quella gialla.');
    const unknown = await server.request(
      'PUT',
      '/api/stats/paths/pf-triage-path/elements/nessuno/threshold',
      { token: tokens.admin, body: { amberSeconds: 1, redSeconds: 2 } },
    );
    expect(unknown.status).toBe(404);
    const cleared = await server.request(
      'DELETE',
      '/api/stats/paths/pf-triage-path/elements/triage/threshold',
      { token: tokens.admin },
    );
    expect(cleared.status).toBe(204);
    expect(element((await figures()).body, 'triage')).toMatchObject({
      threshold: null,
      level: null,
    });
  });

  it('counts only the period asked; refuses a reversed one, other roles, and unknown paths', async () => {
    const before = await figures('boss', '?from=2026-01-01&to=2026-03-01');
    expect(element(before.body, 'triage')).toMatchObject({ reached: 0, waitingNow: 1 });
    expect((await figures('boss', '?from=2026-03-03&to=2026-03-01')).status).toBe(400);
    expect((await figures('coord.iii')).status).toBe(403);
    expect((await get('boss', '/api/stats/paths/nessun-percorso/elements')).status).toBe(404);
    const notAdmin = await server.request(
      'PUT',
      '/api/stats/paths/pf-triage-path/elements/triage/threshold',
      { token: tokens.boss, body: { amberSeconds: 1, redSeconds: 2 } },
    );
    expect(notAdmin.status).toBe(403);
  });

  it('stops counting a case as waiting when its instance is cancelled', async () => {
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'pf-triage-path',
      variables: { urgent: false },
    });
    await engine.settle();
    expect(element((await figures()).body, 'triage')).toMatchObject({ reached: 6, waitingNow: 2 });
    await engine.cancelInstance(processInstanceKey);
    await engine.settle();
    expect(element((await figures()).body, 'triage')).toMatchObject({ reached: 6, waitingNow: 1 });
  });

  it('folds the appended counts into the days, and the upgrade computes the same days from the recorded events', async () => {
    const db = server.app.get(DataSource);
    const summaries = async () => ({
      days: await db.query(`SELECT * FROM step_day ORDER BY bpmn_process_id, day, element_id`),
      flows: await db.query(`SELECT * FROM flow_day ORDER BY bpmn_process_id, day, flow_id`),
      open: await db.query(`SELECT * FROM step_visit ORDER BY element_instance_key`),
    });
    // A step begun and ended by one command (a script task) is paired in that command.
    await engine.deploy([
      {
        name: 'pf-script.bpmn',
        content: bpmn(
          'pf-script',
          [
            { id: 'start', type: 'bpmn:startEvent' },
            {
              id: 'calcolo',
              type: 'bpmn:scriptTask',
              body: `<bpmn:extensionElements><zeebe:script expression="=1 + 1" resultVariable="somma" /></bpmn:extensionElements>`,
            },
            { id: 'end', type: 'bpmn:endEvent' },
          ],
          [
            { id: 's1', from: 'start', to: 'calcolo' },
            { id: 's2', from: 'calcolo', to: 'end' },
          ],
        ),
      },
    ]);
    await engine.createInstance({ bpmnProcessId: 'pf-script' });
    await engine.settle();
    expect(
      element((await get('boss', '/api/stats/paths/pf-script/elements')).body, 'calcolo'),
    ).toMatchObject({ reached: 1, waitingNow: 0, p50Seconds: 0 });
    // Folded first: what each command appended becomes the days' rows, the figures unchanged.
    const before = (await figures()).body;
    await server.app.get(FlowSummaryCompactor).runNow();
    const [{ deltas }] = await db.query(
      `SELECT (SELECT count(*) FROM step_day_delta) + (SELECT count(*) FROM flow_day_delta) AS deltas`,
    );
    expect(Number(deltas)).toBe(0);
    expect((await figures()).body).toEqual(before);
    const kept = await summaries();
    expect(kept.days.length).toBeGreaterThan(0);
    const runner = db.createQueryRunner();
    try {
      const migration = new FlowSummaries1795737500000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await summaries()).toEqual(kept);
  });
});
