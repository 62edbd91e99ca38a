import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../../src/engine/engine.port';
import { validateModel } from '../../../src/models/validation/validate-model';
import { startTestApp, TestApp } from '../../support/test-app';
import { ConformanceCase, CORPUS } from './corpus';

/**
 * The conformance corpus (corpus.ts) on the embedded engine: each model deployed, driven only
 * through the engine port, and its element events and end state compared with Zeebe's.
 */
describe('conformance with Zeebe 8.5', () => {
  let server: TestApp;
  let engine: ProcessEngine;
  let db: DataSource;

  beforeAll(async () => {
    server = await startTestApp();
    engine = server.app.get(ProcessEngine);
    db = server.app.get(DataSource);
  });
  afterAll(() => server.drop());

  const settle = () => (engine as EmbeddedEngine).settle();

  async function run(c: ConformanceCase) {
    await engine.deploy([{ name: `${c.bpmnProcessId}.bpmn`, content: c.xml }]);
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: c.bpmnProcessId,
      variables: c.variables as never,
    });
    await settle();
    for (const step of c.steps) {
      if ('complete' in step) {
        const [job] = await engine.activateJobs({
          type: step.complete,
          maxJobsToActivate: 1,
          timeoutMs: 60_000,
          worker: 'conformance',
        });
        if (!job) throw new Error(`no job of type ${step.complete}`);
        await engine.completeJob(job.key, step.variables as never);
      } else if ('resolve' in step) {
        await engine.setVariables(processInstanceKey, step.variables as never);
        const [incident] = await db.query(
          `SELECT key::text AS key FROM incident
            WHERE process_instance_key = $1 AND element_id = $2 AND state = 'ACTIVE'
            ORDER BY key LIMIT 1`,
          [processInstanceKey, step.resolve],
        );
        if (!incident) throw new Error(`no open incident at ${step.resolve}`);
        await engine.resolveIncident(incident.key);
      } else {
        await engine.publishMessage({
          ...step.publish,
          variables: step.publish.variables as never,
        });
      }
      await settle();
    }
    const events = (
      await db.query(
        `SELECT intent, element_id FROM flow_event WHERE process_instance_key = $1 ORDER BY flow_event.id`,
        [processInstanceKey],
      )
    ).map((e: { intent: string; element_id: string }) => `${e.intent} ${e.element_id}`);
    const [instance] = await db.query(
      `SELECT state, variables FROM process_instance WHERE key = $1`,
      [processInstanceKey],
    );
    return { events, state: instance.state as string, variables: instance.variables };
  }

  it('a merge straight into an element is valid, with a warning that says each token runs it again (as both engines do)', async () => {
    const twoTokens = CORPUS.find((c) => c.bpmnProcessId === 'conf-two-tokens-multi')!;
    const result = await validateModel(twoTokens.xml);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        rule: 'fake-join',
        elementId: 'c',
        message: expect.stringContaining("ogni flusso che arriva esegue l'elemento di nuovo"),
      }),
    );
  });

  for (const c of CORPUS) {
    const check = async () => {
      const outcome = await run(c);
      expect(outcome.events).toEqual(c.events);
      expect(outcome.state).toBe(c.state);
      if (c.variablesAfter) expect(outcome.variables).toMatchObject(c.variablesAfter);
    };
    // A known deviation fails here until it is fixed; then this test fails and says so.
    if (c.knownDeviation) it.failing(`${c.name} — known deviation: ${c.knownDeviation}`, check);
    else it(c.name, check);
  }
});
