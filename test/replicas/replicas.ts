import { AppOptions } from '../../src/app.module';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

/**
 * Several replicas share one database only on a PostgreSQL server: a second process cannot
 * open a PGlite folder, so without TEST_DATABASE_URL these suites are skipped, saying why.
 */
export function describeReplicas(name: string, suite: () => void): void {
  if (process.env.TEST_DATABASE_URL) describe(name, suite);
  else
    describe.skip(`${name} (skipped: two replicas need PostgreSQL, set TEST_DATABASE_URL)`, suite);
}

/** Two whole applications on one new database, as two replicas of the service. */
export async function startReplicas(
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<[TestApp, TestApp]> {
  const database = await createTestDatabase();
  const first = await startTestApp(env, database, options);
  return [first, await startTestApp(env, database, options)];
}

/** Closes both replicas and drops their database (with the last one). */
export async function stopReplicas([first, second]: readonly TestApp[]): Promise<void> {
  await first?.close();
  await second?.drop();
}
