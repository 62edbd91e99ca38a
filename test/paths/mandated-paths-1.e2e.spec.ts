import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';

/** The mandated paths of this set (DOMAIN.md §1, §2, §3, §9). */
const PATHS = [
  'patto-inclusione-adi',
  'pre-valutazione-sgombero',
  'richiesta-urgente',
  'tutela-minori',
];

/**
 * The deployment compiles each model for the engine (a model it cannot run is refused); the
 * lint, documentation and forms of every shipped model are checked in shipped-models.spec.ts.
 */
describe('the shipped models of the inclusion pact, eviction, urgent requests and minors', () => {
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
