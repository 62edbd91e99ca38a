import { DataSource } from 'typeorm';
import { Key } from '../../../src/engine/engine.port';
import { UserTaskPoller } from '../../../src/tasks/user-task-poller';
import { TestApp } from '../../support/test-app';

/** Open incidents of an instance, as the engine's read side holds them. */
export async function incidentsIn(
  db: DataSource,
  processInstanceKey: Key,
): Promise<Array<{ key: Key; errorType: string }>> {
  return db.query(
    `SELECT key::text AS key, error_type AS "errorType" FROM incident
      WHERE process_instance_key = $1 AND state = 'ACTIVE' ORDER BY incident.key`,
    [processInstanceKey],
  );
}

/** The hosting app's tasklist takes user task jobs too: stopped, the suite is their only worker. */
export async function stopTasklist(server: TestApp): Promise<void> {
  await server.app.get(UserTaskPoller).beforeApplicationShutdown();
}
