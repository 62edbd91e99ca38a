import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { bpmn, serviceTask } from './models';

/** Start events other than none, signals, and an operator fixing data behind an incident. */
describe('start events, signals and incidents through the engine port', () => {
  let server: TestApp;
  let engine: EmbeddedEngine;
  let db: DataSource;
  const clock = new TestClock('2026-06-01T06:00:00.000Z');

  beforeAll(async () => {
    server = await startTestApp({}, undefined, { engine: { clock: clock.now } });
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    db = server.app.get(DataSource);
  });
  afterAll(() => server.drop());

  const instancesOf = async (bpmnProcessId: string) =>
    db.query(
      `SELECT key::text, state FROM process_instance WHERE bpmn_process_id = $1 ORDER BY key`,
      [bpmnProcessId],
    );

  it('a message start event opens an instance with the message variables; only the latest version listens', async () => {
    const model = (version: string) =>
      bpmn(
        'urgent-referral',
        [
          {
            id: 'received',
            type: 'bpmn:startEvent',
            body: '<bpmn:messageEventDefinition messageRef="Referral" />',
          },
          serviceTask('triage', `triage-${version}`),
          { id: 'end', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'received', to: 'triage' },
          { id: 'f2', from: 'triage', to: 'end' },
        ],
        '<bpmn:message id="Referral" name="urgent-referral" />',
      );
    await engine.deploy([{ name: 'urgent.bpmn', content: model('v1') }]);
    await engine.deploy([{ name: 'urgent.bpmn', content: model('v2') }]);
    await engine.publishMessage({
      name: 'urgent-referral',
      correlationKey: '114-2026-0001',
      variables: { sender: '114' },
    });
    await engine.settle();
    expect(await instancesOf('urgent-referral')).toHaveLength(1);
    expect(
      await engine.activateJobs({
        type: 'triage-v1',
        maxJobsToActivate: 5,
        timeoutMs: 1000,
        worker: 'w',
      }),
    ).toEqual([]);
    const [job] = await engine.activateJobs({
      type: 'triage-v2',
      maxJobsToActivate: 5,
      timeoutMs: 1000,
      worker: 'w',
    });
    expect(job.variables).toEqual({ sender: '114' });
  });

  it('a message start event with a correlation key starts one instance per key at a time; a second message waits for the first to end (Zeebe)', async () => {
    const model = bpmn(
      'police-report',
      [
        {
          id: 'received',
          type: 'bpmn:startEvent',
          body: '<bpmn:messageEventDefinition messageRef="Report" />',
        },
        serviceTask('assess', 'assess-report'),
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'received', to: 'assess' },
        { id: 'f2', from: 'assess', to: 'end' },
      ],
      '<bpmn:message id="Report" name="police-report" />',
    );
    await engine.deploy([{ name: 'police.bpmn', content: model }]);
    const publish = (correlationKey: string, sent: string) =>
      engine.publishMessage({
        name: 'police-report',
        correlationKey,
        timeToLiveMs: 3_600_000,
        variables: { sent },
      });
    const assess = () =>
      engine.activateJobs({
        type: 'assess-report',
        maxJobsToActivate: 5,
        timeoutMs: 60_000,
        worker: 'w',
      });

    // Two reports about the same household at once, and one about another.
    await Promise.all([
      publish('RSSMRA80A41G273X', 'first'),
      publish('RSSMRA80A41G273X', 'second'),
    ]);
    await publish('VRDGPP70B01G273Y', 'other');
    await engine.settle();
    expect(await instancesOf('police-report')).toHaveLength(2);
    // The two publishes race: whichever the engine took first started the instance.
    const firstJobs = await assess();
    const sent = firstJobs.map((j) => j.variables.sent as string);
    expect(sent).toHaveLength(2);
    expect(sent).toContain('other');
    const started = sent.find((s) => s !== 'other')!;
    expect(['first', 'second']).toContain(started);

    // It ends: the other report, buffered meanwhile, starts the next instance.
    await engine.completeJob(firstJobs.find((j) => j.variables.sent === started)!.key);
    await engine.settle();
    const next = await assess();
    expect(next.map((j) => j.variables.sent)).toEqual([started === 'first' ? 'second' : 'first']);
    expect(await instancesOf('police-report')).toHaveLength(3);

    // Without a correlation key every message starts an instance.
    await publish('', 'anonymous 1');
    await publish('', 'anonymous 2');
    await engine.settle();
    expect((await assess()).map((j) => j.variables.sent).sort()).toEqual([
      'anonymous 1',
      'anonymous 2',
    ]);
  });

  it('a timer start event with a cycle starts an instance at each due time, and a new version replaces it', async () => {
    const model = (cycle: string) =>
      bpmn(
        'monthly-check',
        [
          {
            id: 'every',
            type: 'bpmn:startEvent',
            body: `<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${cycle}</bpmn:timeCycle></bpmn:timerEventDefinition>`,
          },
          { id: 'end', type: 'bpmn:endEvent' },
        ],
        [{ id: 'f1', from: 'every', to: 'end' }],
      );
    await engine.deploy([{ name: 'monthly.bpmn', content: model('R2/P30D') }]);
    clock.advanceDays(29);
    await engine.settle();
    expect(await instancesOf('monthly-check')).toHaveLength(0);
    clock.advanceDays(1);
    await engine.settle();
    clock.advanceDays(30);
    await engine.settle();
    clock.advanceDays(30);
    await engine.settle();
    // R2: two instances, no third.
    expect((await instancesOf('monthly-check')).map((i: { state: string }) => i.state)).toEqual([
      'COMPLETED',
      'COMPLETED',
    ]);

    await engine.deploy([{ name: 'monthly.bpmn', content: model('R/P7D') }]);
    const timers = await db.query(
      `SELECT t.state, d.version FROM timer t JOIN process_definition d ON d.key = t.process_definition_key
        WHERE d.bpmn_process_id = 'monthly-check' AND t.state = 'ACTIVE'`,
    );
    expect(timers).toEqual([{ state: 'ACTIVE', version: 2 }]);
  });

  it('a broadcast signal reaches every instance waiting for it', async () => {
    const model = bpmn(
      'housing-call',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        {
          id: 'call',
          type: 'bpmn:intermediateCatchEvent',
          body: '<bpmn:signalEventDefinition signalRef="CallOpen" />',
        },
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'call' },
        { id: 'f2', from: 'call', to: 'end' },
      ],
      '<bpmn:signal id="CallOpen" name="housing-call-open" />',
    );
    await engine.deploy([{ name: 'housing.bpmn', content: model }]);
    for (let i = 0; i < 3; i++) await engine.createInstance({ bpmnProcessId: 'housing-call' });
    await engine.broadcastSignal('housing-call-open', { callId: 'HF-2026-1' });
    await engine.settle();
    expect((await instancesOf('housing-call')).map((i: { state: string }) => i.state)).toEqual([
      'COMPLETED',
      'COMPLETED',
      'COMPLETED',
    ]);
  });

  it('a condition that cannot be evaluated raises an incident; after setVariables and resolve the instance moves on', async () => {
    const model = bpmn(
      'route',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        { id: 'which', type: 'bpmn:exclusiveGateway' },
        serviceTask('minors', 'minors'),
        serviceTask('adults', 'adults'),
        { id: 'minorsDone', type: 'bpmn:endEvent' },
        { id: 'adultsDone', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'which' },
        { id: 'toMinors', from: 'which', to: 'minors', condition: '=age < 18' },
        { id: 'toAdults', from: 'which', to: 'adults', isDefault: true },
        { id: 'f2', from: 'minors', to: 'minorsDone' },
        { id: 'f3', from: 'adults', to: 'adultsDone' },
      ],
    );
    await engine.deploy([{ name: 'route.bpmn', content: model }]);
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'route',
      variables: { name: 'Giulia' },
    });
    const [incident] = await db.query(
      `SELECT key::text, error_type FROM incident WHERE process_instance_key = $1 AND state = 'ACTIVE'`,
      [processInstanceKey],
    );
    // Zeebe's type for an expression that cannot be evaluated (CONDITION_ERROR is for "no flow taken").
    expect(incident.error_type).toBe('EXTRACT_VALUE_ERROR');
    await engine.setVariables(processInstanceKey, { age: 12 });
    await engine.resolveIncident(incident.key);
    const [job] = await engine.activateJobs({
      type: 'minors',
      maxJobsToActivate: 1,
      timeoutMs: 1000,
      worker: 'w',
    });
    expect(job).toMatchObject({ processInstanceKey, variables: { name: 'Giulia', age: 12 } });
  });
});
