import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';

/** Runs on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set (CI runs both). */
describe(`persistence on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.drop());

  it('uses the database the environment asks for', async () => {
    const dataSource = server.app.get(DataSource);
    const [{ version }] = await dataSource.query('SELECT version() AS version');
    expect(version).toMatch(/^PostgreSQL/);
    expect(server.database.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    if (server.database.kind === 'pglite') {
      // The embedded server is reached through pg with exactly one pooled connection.
      expect(dataSource.options).toMatchObject({ poolSize: 1, extra: { max: 1 } });
    }
  });

  it('has applied the migrations and seeded the 8 territorial units', async () => {
    const units = await server.app
      .get(DataSource)
      .query('SELECT code FROM territorial_unit ORDER BY name');
    expect(units.map((u: { code: string }) => u.code)).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
      'VIII',
    ]);
  });

  it('keeps data written before a restart', async () => {
    await server.app
      .get(DataSource)
      .query(
        `INSERT INTO account (username, display_name, role, unit_code) VALUES ('restart.check', 'Prova riavvio', 'caseworker', 'III')`,
      );
    server = await server.restart();
    const rows = await server.app
      .get(DataSource)
      .query(`SELECT role, unit_code FROM account WHERE username = 'restart.check'`);
    expect(rows).toEqual([{ role: 'caseworker', unit_code: 'III' }]);
  });

  it('serialises concurrent read-modify-write transactions; rolled back ones leave no trace', async () => {
    const dataSource = server.app.get(DataSource);
    await dataSource.query('CREATE TABLE probe_counter (id int PRIMARY KEY, value int NOT NULL)');
    await dataSource.query('CREATE TABLE probe_ledger (tx int PRIMARY KEY)');
    await dataSource.query('INSERT INTO probe_counter VALUES (1, 0)');
    try {
      const total = 40;
      const rollsBack = (tx: number): boolean => tx % 4 === 0;
      const outcomes = await Promise.allSettled(
        Array.from({ length: total }, (_, tx) =>
          dataSource.transaction(async (manager) => {
            const [{ value }] = await manager.query(
              'SELECT value FROM probe_counter WHERE id = 1 FOR UPDATE',
            );
            // Yield between read and write, so transactions really overlap on a server.
            await new Promise((resolve) => setTimeout(resolve, tx % 3));
            await manager.query('UPDATE probe_counter SET value = $1 WHERE id = 1', [value + 1]);
            await manager.query('INSERT INTO probe_ledger VALUES ($1)', [tx]);
            if (rollsBack(tx)) throw new Error(`transaction ${tx} rolls back`);
          }),
        ),
      );
      const committed = Array.from({ length: total }, (_, tx) => tx).filter((tx) => !rollsBack(tx));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(committed.length);
      const [{ value }] = await dataSource.query('SELECT value FROM probe_counter WHERE id = 1');
      expect(value).toBe(committed.length);
      const ledger = await dataSource.query('SELECT tx FROM probe_ledger ORDER BY tx');
      expect(ledger.map((row: { tx: number }) => row.tx)).toEqual(committed);
    } finally {
      await dataSource.query('DROP TABLE probe_counter, probe_ledger');
    }
  });
});
