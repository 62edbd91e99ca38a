import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { PGLITE_TEMPLATE_VARIABLE, POSTGRES_TEMPLATE_VARIABLE, withServer } from './test-database';

/** Removes the templates the global setup made (never a folder or database someone else named). */
export default async function globalTeardown(): Promise<void> {
  const database = process.env[POSTGRES_TEMPLATE_VARIABLE];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl && database?.startsWith('percorsi_template_')) {
    await withServer(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
    );
  }
  const template = process.env[PGLITE_TEMPLATE_VARIABLE];
  if (template && basename(template).startsWith('percorsi-pglite-template-')) {
    rmSync(template, { recursive: true, force: true });
  }
}
