import { DataSource } from 'typeorm';
import { COUNT_CAP, TaskListQuery, taskListSql } from '../../src/tasks/tasks.repository';
import { startTestApp, TestApp } from '../support/test-app';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The views' queries on a city-sized sample (200,000 tasks, 12% open, 8 units):
 * each must walk its partial index in the order it shows, without sorting,
 * and count from the index alone. The figures at full size (1,000,000 tasks)
 * are a benchmark's business; this guards the plans.
 */
describe('tasklist views: query plans on real PostgreSQL', () => {
  let server: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    server = await startTestApp();
    db = server.app.get(DataSource);
    await db.query(`
      INSERT INTO task (job_key, process_instance_key, element_instance_key, bpmn_process_id,
        process_definition_version, element_id, name, case_number, unit_code, assignee,
        candidate_groups, created_at, due_at, priority, state, completed_at, completed_by)
      SELECT g, 1000000 + g % 20000, 2000000 + g, 'path-' || g % 11, 1, 'task-' || g % 7, 'Attività',
        'SSC-' || u || '-2026-' || lpad((g % 20000)::text, 6, '0'), u,
        CASE WHEN open AND g % 10 < 3 THEN NULL ELSE 'user' || g % 40 END,
        ARRAY['caseworker'], timestamptz '2026-01-01' + g * interval '1 minute',
        CASE WHEN g % 10 < 7 THEN timestamptz '2026-03-01' + (g * 7919 % 200) * interval '1 day' END,
        50, CASE WHEN open THEN 'CREATED' ELSE 'COMPLETED' END,
        CASE WHEN NOT open THEN timestamptz '2026-02-01' + g * interval '1 minute' END,
        CASE WHEN NOT open THEN 'user' || g % 40 END
      FROM (
        SELECT g, g % 100 < 12 AS open,
               (ARRAY['I','II','III','IV','V','VI','VII','VIII'])[1 + (g / 7) % 8] AS u
          FROM generate_series(1, 200000) g
      ) s`);
    await db.query(`VACUUM ANALYZE task`);
    // 200,000 rows: on PGlite, sharing two cores with the other Jest workers, this takes a while.
  }, 120_000);
  afterAll(() => server.drop());

  const base: TaskListQuery = {
    view: 'unit-unassigned',
    unitCode: 'III',
    username: 'user3',
    groups: ['caseworker', 'caseworker-III'],
    wholeUnit: false,
    limit: 50,
    offset: 0,
  };

  const plan = async (sql: string, values: unknown[]): Promise<PlanNode> => {
    const [row] = await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, values);
    const json = row['QUERY PLAN'];
    return (typeof json === 'string' ? JSON.parse(json) : json)[0].Plan;
  };

  it.each<[string, string, Partial<TaskListQuery>]>([
    ['my unit, unassigned, open, most urgent first', 'task_open_unassigned', {}],
    ['… tenth page', 'task_open_unassigned', { offset: 450 }],
    [
      '… due before a date',
      'task_open_unassigned',
      { dueBefore: new Date('2026-04-01T00:00:00Z') },
    ],
    ['… of one path', 'task_open_unassigned', { bpmnProcessId: 'path-3' }],
    ['the whole unit, open', 'task_open_unit', { view: 'unit', wholeUnit: true }],
    ['mine, open', 'task_open_assignee', { view: 'mine', username: 'user2' }],
    [
      'the unit’s completed, newest first',
      'task_completed_unit',
      { view: 'completed', wholeUnit: true },
    ],
    ['my completed', 'task_completed_by', { view: 'completed', username: 'user2' }],
  ])('%s: walks %s in order, counts from it alone', async (_name, index, change) => {
    const { select, count, values } = taskListSql({ ...base, ...change });
    const page = nodes(await plan(select, values));
    expect(page.map((n) => n['Node Type'])).not.toContain('Sort');
    expect(page.find((n) => n['Index Name'])).toMatchObject({
      'Node Type': expect.stringMatching(/^Index (Only )?Scan$/),
      'Index Name': index,
    });
    const total = nodes(await plan(count, values.slice(0, -2)));
    expect(total.find((n) => n['Index Name'])).toMatchObject({
      'Node Type': 'Index Only Scan',
      'Index Name': index,
    });
  });

  it('stops counting a large view past the cap', async () => {
    const { count, values } = taskListSql(base);
    const [{ total }] = await db.query(count, values.slice(0, -2));
    expect(total).toBe(COUNT_CAP + 1);
  });
});
