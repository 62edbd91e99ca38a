import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { preparedQuery } from '../../src/database/prepared-query';
import { startTestApp, TestApp } from '../support/test-app';

/** Runs on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set (CI runs both). */
describe('prepared statements (the engine’s per-command statements)', () => {
  let server: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    server = await startTestApp();
    dataSource = server.app.get(DataSource);
  });
  afterAll(() => server.drop());

  const unitName = (code: string) =>
    preparedQuery<{ name: string }>(
      dataSource.manager,
      'SELECT name FROM territorial_unit WHERE code = $1',
      [code],
    );

  it('answers as the statement would, in and out of a transaction, and reports errors as TypeORM does', async () => {
    const [outside] = await unitName('III');
    const [inside] = await dataSource.transaction((manager) =>
      preparedQuery<{ name: string }>(
        manager,
        'SELECT name FROM territorial_unit WHERE code = $1',
        ['III'],
      ),
    );
    expect(inside).toEqual(outside);
    expect(outside.name).toEqual(expect.any(String));
    await expect(
      preparedQuery(dataSource.manager, 'SELECT 1 / $1::int AS x', [0]),
    ).rejects.toMatchObject({ name: 'QueryFailedError', driverError: { code: '22012' } });
  });

  it('still works once the pool has replaced its connection', async () => {
    // A connection dropped after an error or an idle time: PGlite keeps one session for all
    // connections, so the statements the old one prepared are still in it.
    await unitName('I');
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    const closed = new Promise((resolve) => client.once('end', resolve));
    client.release(true);
    await closed;
    expect(await unitName('I')).toHaveLength(1);
    if (server.database.kind === 'pglite') {
      // Its one session holds the statement once: the old connection's copy was cleared.
      const [{ count }] = await dataSource.query(
        `SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement = $1`,
        ['SELECT name FROM territorial_unit WHERE code = $1'],
      );
      expect(count).toBe(1);
    }
  });
});
