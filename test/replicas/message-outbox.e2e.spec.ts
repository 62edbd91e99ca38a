import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine } from '../../src/engine/engine.port';
import { MessageOutbox } from '../../src/engine/message-outbox';
import { bpmn } from '../engine/models';
import { TestApp } from '../support/test-app';
import { describeReplicas, startReplicas, stopReplicas } from './replicas';

const MESSAGES = 20;

/** Each message a report starts: start → end, so a second publication would start a second instance. */
const REPORT = bpmn(
  'replica-report',
  [
    {
      id: 'received',
      type: 'bpmn:startEvent',
      body: '<bpmn:messageEventDefinition messageRef="Report" />',
    },
    { id: 'end', type: 'bpmn:endEvent' },
  ],
  [{ id: 'f1', from: 'received', to: 'end' }],
  '<bpmn:message id="Report" name="replica-report" />',
);

const engineOf = (replica: TestApp) => replica.app.get(ProcessEngine) as EmbeddedEngine;

/** The engine message outbox, flushed by two replicas at the same moment. */
describeReplicas('message outbox on two replicas', () => {
  let replicas: TestApp[];
  let db: DataSource;

  beforeAll(async () => {
    replicas = await startReplicas();
    db = replicas[0].app.get(DataSource);
    await engineOf(replicas[0]).deploy([{ name: 'report.bpmn', content: REPORT }]);
  });
  afterAll(() => stopReplicas(replicas));

  it('publishes each owed message once', async () => {
    const publishes = replicas.map((replica) => jest.spyOn(engineOf(replica), 'publishMessage'));
    const outbox = replicas[0].app.get(MessageOutbox);
    // Without a time to live the engine keeps no message id: only the outbox stops a second publication.
    await db.transaction(async (manager) => {
      for (let i = 1; i <= MESSAGES; i++) {
        await outbox.enqueue(manager, {
          name: 'replica-report',
          correlationKey: `report-${i}`,
          messageId: `report-${i}`,
          timeToLiveMs: 0,
        });
      }
    });

    await Promise.all(replicas.map((replica) => replica.app.get(MessageOutbox).flush()));
    for (const replica of replicas) await engineOf(replica).settle();

    expect(await outbox.pending()).toBe(0);
    const published = publishes.flatMap((spy) =>
      spy.mock.calls.map(([message]) => message.messageId),
    );
    expect(published.sort()).toEqual(
      Array.from({ length: MESSAGES }, (_, i) => `report-${i + 1}`).sort(),
    );
    const [{ instances, keys }] = await db.query(
      `SELECT count(*)::int AS instances, count(DISTINCT message_correlation_key)::int AS keys
         FROM process_instance WHERE bpmn_process_id = 'replica-report'`,
    );
    expect({ instances, keys }).toEqual({ instances: MESSAGES, keys: MESSAGES });
  });
});
