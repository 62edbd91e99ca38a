import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { PGLITE_TEMPLATE_VARIABLE } from './test-database';

/** Removes the PGlite template the global setup made (never a folder someone else named). */
export default function globalTeardown(): void {
  const template = process.env[PGLITE_TEMPLATE_VARIABLE];
  if (template && basename(template).startsWith('percorsi-pglite-template-')) {
    rmSync(template, { recursive: true, force: true });
  }
}
