import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { compileBpmn } from '../../src/engine/embedded/compile';
import { validateModel } from '../../src/models/validation';
import { startTestApp, TestApp } from '../support/test-app';

/** The mandated paths of this set (DOMAIN.md §1, §2, §3, §9). */
const PATHS = [
  'patto-inclusione-adi',
  'pre-valutazione-sgombero',
  'richiesta-urgente',
  'tutela-minori',
];
const read = (id: string) =>
  readFileSync(join(__dirname, '../../bpmn/paths', `${id}.bpmn`), 'utf8');

describe('the shipped models of the inclusion pact, eviction, urgent requests and minors', () => {
  it.each(PATHS)(
    '%s passes the deployment lint with no warning and compiles for the engine',
    async (id) => {
      const result = await validateModel(read(id));
      if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
      expect(result.warnings).toEqual([]);
      expect(result.processes.map((p) => p.bpmnProcessId)).toEqual([id]);
      await expect(compileBpmn(read(id))).resolves.toBeDefined();
    },
  );

  it('are deployed when the app starts, each with its diagram', async () => {
    let server: TestApp | undefined;
    try {
      server = await startTestApp();
      const rows = await server.app
        .get(DataSource)
        .query(
          `SELECT bpmn_process_id FROM process_definition WHERE bpmn_process_id = ANY($1) ORDER BY 1`,
          [PATHS],
        );
      expect(rows.map((r: { bpmn_process_id: string }) => r.bpmn_process_id)).toEqual(
        [...PATHS].sort(),
      );
    } finally {
      await server?.drop();
    }
  });
});
