import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { startTestApp, TestApp } from '../support/test-app';
import { chain } from './models';

/**
 * Each command checks that the runner in memory is the instance's latest revision. A job's end
 * (the common command) neither locks nor reads the row: one autocommit statement writes it all
 * and counts only if the row is still at the runner's revision and the job was open. Other
 * commands lock and read the row first on a PostgreSQL server (other processes may write); on
 * PGlite (this process is the only writer) the UPDATE's condition checks it.
 */
describe('a command on an instance whose runner is in memory', () => {
  let server: TestApp;
  let engine: EmbeddedEngine;
  let dataSource: DataSource;
  const onPglite = !process.env.TEST_DATABASE_URL;

  beforeAll(async () => {
    server = await startTestApp();
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    dataSource = server.app.get(DataSource);
    await engine.deploy([{ name: 'lock.bpmn', content: chain('lock', ['lock-a', 'lock-b']) }]);
  });
  afterAll(() => server.drop());

  const activate = (type: string) =>
    engine.activateJobs({ type, maxJobsToActivate: 1, timeoutMs: 60_000, worker: 't' });

  async function statementsOf(run: () => Promise<void>): Promise<string[]> {
    // At the driver: the engine's per-command statements go to it as prepared statements.
    const spy = jest.spyOn(Client.prototype, 'query');
    try {
      await run();
      return spy.mock.calls.map(([query]) =>
        typeof query === 'string' ? query : (query as { text: string }).text,
      );
    } finally {
      spy.mockRestore();
    }
  }

  it('completes a job in one statement of its own, without the row lock', async () => {
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'lock' });
    const [job] = await activate('lock-a');
    const sql = await statementsOf(() => engine.completeJob(job.key, {}));
    // (Background sweeps' statements may be among them: only the instance's lock is looked for.)
    expect(sql.filter((s) => /FROM process_instance WHERE key = \$1 FOR UPDATE/.test(s))).toEqual(
      [],
    );
    // The tasklist's poller may activate jobs meanwhile: the instance's own writes are looked for.
    const writes = sql.filter((s) =>
      /UPDATE process_instance|INSERT INTO flow_event|ended_at = \$/.test(s),
    );
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(
      /^WITH w0 AS \(UPDATE process_instance .*w1 AS \(UPDATE job .*w2 AS \(INSERT INTO flow_event .*w3 AS \(INSERT INTO job /s,
    );
    const [ended] = await dataSource.query(`SELECT state FROM job WHERE key = $1`, [job.key]);
    expect(ended).toEqual({ state: 'COMPLETED' });
    // What the statement wrote, the summaries' trigger included.
    const events = await dataSource.query(
      `SELECT element_id, intent FROM flow_event WHERE process_instance_key = $1 ORDER BY id`,
      [processInstanceKey],
    );
    expect(events.slice(-3).map((e: { intent: string }) => e.intent)).toEqual([
      'ELEMENT_COMPLETED',
      'SEQUENCE_FLOW_TAKEN',
      'ELEMENT_ACTIVATED',
    ]);
    expect(events.at(-1)).toEqual({ element_id: 'task2', intent: 'ELEMENT_ACTIVATED' });
    const [visit] = await dataSource.query(
      `SELECT element_id FROM step_visit WHERE process_instance_key = $1`,
      [processInstanceKey],
    );
    expect(visit).toEqual({ element_id: 'task2' });
    expect(await activate('lock-b')).toHaveLength(1);
  });

  it('writes nothing when the job was no longer open, and says the job is not found', async () => {
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'lock' });
    const [job] = await activate('lock-a');
    // As another writer would: the job ended behind the runner in memory.
    await dataSource.query(`UPDATE job SET state = 'CANCELED' WHERE key = $1`, [job.key]);
    const before = await dataSource.query(
      `SELECT revision, (SELECT count(*)::int FROM flow_event WHERE process_instance_key = $1) AS events
         FROM process_instance WHERE key = $1`,
      [processInstanceKey],
    );

    await expect(engine.completeJob(job.key, {})).rejects.toThrow(/not found, or no longer open/);

    const after = await dataSource.query(
      `SELECT revision, (SELECT count(*)::int FROM flow_event WHERE process_instance_key = $1) AS events
         FROM process_instance WHERE key = $1`,
      [processInstanceKey],
    );
    expect(after).toEqual(before);
    expect(
      await dataSource.query(`SELECT count(*)::int AS n FROM job WHERE process_instance_key = $1`, [
        processInstanceKey,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('refuses a second completion of a job without recovering the runner from storage', async () => {
    await engine.createInstance({ bpmnProcessId: 'lock' });
    const [job] = await activate('lock-a');
    await engine.completeJob(job.key, {});
    const sql = await statementsOf(() =>
      expect(engine.completeJob(job.key, {})).rejects.toThrow(/not found, or no longer open/),
    );
    expect(sql.filter((s) => /SELECT runner_state FROM process_instance/.test(s))).toEqual([]);
    expect(await activate('lock-b')).toHaveLength(1);
  });

  it('when the row moved past the runner, rolls back and runs the command again on the stored state', async () => {
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'lock',
      variables: { step: 'at-first' },
    });
    const [job] = await activate('lock-a');
    // As another writer would: the stored state says the instance holds step = 'elsewhere'.
    const [{ runner_state: state }] = await dataSource.query(
      `SELECT runner_state FROM process_instance WHERE key = $1`,
      [processInstanceKey],
    );
    const stored = JSON.stringify(state).replace('"at-first"', '"elsewhere"');
    await dataSource.query(
      `UPDATE process_instance SET revision = revision + 1, runner_state = $2 WHERE key = $1`,
      [processInstanceKey, stored],
    );

    await engine.completeJob(job.key, { done: true });

    const [next] = await engine.activateJobs({
      type: 'lock-b',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 't',
      fetchVariables: ['step', 'done'],
    });
    expect(next).toMatchObject({
      processInstanceKey,
      variables: { step: 'elsewhere', done: true },
    });
    // One completion of the first task, not one per try.
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM flow_event
        WHERE process_instance_key = $1 AND element_id = 'task1' AND intent = 'ELEMENT_COMPLETED'`,
      [processInstanceKey],
    );
    expect(count).toBe(1);
    const [{ revision }] = await dataSource.query(
      `SELECT revision FROM process_instance WHERE key = $1`,
      [processInstanceKey],
    );
    // Created (1), written by the other writer (2), completed once (3).
    expect(revision).toBe(3);
  });

  // Two connections exist only on a PostgreSQL server.
  (onPglite ? it.skip : it)(
    'is run again when PostgreSQL rolls it back to break a deadlock with another writer',
    async () => {
      const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'lock' });
      const [job] = await activate('lock-a');
      // Which of two waiters PostgreSQL rolls back depends on whose deadlock check runs first
      // after the cycle forms: the cycle is built in the server, with no round trip between the
      // two waits, and the other writer checks only after the test is over.
      const other = dataSource.createQueryRunner();
      const holder = dataSource.createQueryRunner();
      const blockedBy = async (holderPid: number) =>
        (
          await dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [holderPid],
          )
        )[0].n > 0;
      const until = async (condition: () => Promise<boolean>) => {
        for (let i = 0; i < 250 && !(await condition()); i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(await condition()).toBe(true);
      };
      const pidOf = async (runner: typeof other): Promise<number> =>
        (await runner.query(`SELECT pg_backend_pid() AS pid`))[0].pid;
      // SQLSTATEs of what PostgreSQL refused, whoever sent it.
      const refusals: string[] = [];
      const query = Client.prototype.query;
      const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (
        this: Client,
        ...args: unknown[]
      ) {
        const result = (query as (...a: unknown[]) => unknown).apply(this, args);
        if (result instanceof Promise)
          result.catch((error: { code?: string }) => refusals.push(error.code ?? '?'));
        return result;
      } as typeof query);
      try {
        await other.connect();
        await holder.connect();
        await other.startTransaction();
        await other.query(`SET LOCAL deadlock_timeout = '60s'`);
        await other.query(`SELECT 1 FROM job WHERE key = $1 FOR UPDATE`, [job.key]);
        await holder.startTransaction();
        await holder.query(`SELECT 1 FROM process_instance WHERE key = $1 FOR UPDATE`, [
          processInstanceKey,
        ]);
        const holderPid = await pidOf(holder);
        const otherPid = await pidOf(other);
        // The command waits for the instance's row, the other writer queues behind it.
        const completing = engine.completeJob(job.key, { done: true });
        await until(() => blockedBy(holderPid));
        const otherGetsInstance = other.query(
          `SELECT 1 FROM process_instance WHERE key = $1 FOR UPDATE`,
          [processInstanceKey],
        );
        await until(async () => {
          const [{ n }] = await dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE pid = $1 AND cardinality(pg_blocking_pids(pid)) > 0`,
            [otherPid],
          );
          return n === 1;
        });
        // Let go: the command gets the instance's row, then waits for the job's row the other
        // writer holds while the other writer waits for the instance's row. The command checks
        // first and is the victim; the other writer gets the row and commits.
        await holder.commitTransaction();
        await otherGetsInstance;
        await other.commitTransaction();
        await completing;
      } finally {
        spy.mockRestore();
        await other.release();
        await holder.release();
      }
      expect(refusals).toEqual(['40P01']);
      expect(await activate('lock-b')).toHaveLength(1);
      const [{ count }] = await dataSource.query(
        `SELECT count(*)::int AS count FROM flow_event
          WHERE process_instance_key = $1 AND element_id = 'task1' AND intent = 'ELEMENT_COMPLETED'`,
        [processInstanceKey],
      );
      expect(count).toBe(1);
    },
    20_000,
  );
});
