import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

const model = bpmn(
  `
  <bpmn:startEvent id="start" />${flow('f0', 'start', 'wait')}
  <bpmn:eventBasedGateway id="wait" />
  ${flow('toReply', 'wait', 'reply')}
  ${flow('toTimeout', 'wait', 'timeout')}
  <bpmn:intermediateCatchEvent id="reply">
    <bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=answer" target="reply" /></zeebe:ioMapping></bpmn:extensionElements>
    <bpmn:messageEventDefinition messageRef="Msg_Reply" />
  </bpmn:intermediateCatchEvent>
  <bpmn:intermediateCatchEvent id="timeout">
    <bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition>
  </bpmn:intermediateCatchEvent>
  ${flow('f1', 'reply', 'handleReply')}${serviceTask('handleReply', 'reply')}
  ${flow('f2', 'timeout', 'reminder')}${serviceTask('reminder', 'reminder')}`,
  `<bpmn:message id="Msg_Reply" name="reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>`,
);

describe('event-based gateway', () => {
  it('subscribes every event on behalf of the gateway; the first to trigger wins and closes the others', async () => {
    // Given the gateway waiting for a reply or 30 days
    const s = await Scenario.of(model);
    const started = await s.start({ caseNumber: 'C-9' });

    // Then only the gateway is active (Zeebe activates the event when it triggers), owning both
    expect(trail(started)).toEqual([
      'ACTIVATED process',
      'ACTIVATED start',
      'COMPLETED start',
      'TAKEN f0',
      'ACTIVATED wait',
    ]);
    const gatewayKey = started.flowEvents[4].elementInstanceKey;
    expect(started.subscriptionsOpened).toEqual([
      expect.objectContaining({
        elementId: 'reply',
        elementInstanceKey: gatewayKey,
        correlationKey: 'C-9',
      }),
    ]);
    expect(started.timersCreated).toEqual([
      expect.objectContaining({
        elementId: 'timeout',
        elementInstanceKey: gatewayKey,
        dueAt: new Date('2025-02-14T09:00:00.000Z'),
      }),
    ]);

    // When the reply arrives
    const replied = await s.act((r) =>
      r.correlateMessage(started.subscriptionsOpened[0].key, { answer: 'ok' }),
    );

    // Then the gateway completes, its flow is taken, the event activates and completes; the timer is cancelled
    expect(trail(replied)).toEqual([
      'COMPLETED wait',
      'TAKEN toReply',
      'ACTIVATED reply',
      'COMPLETED reply',
      'TAKEN f1',
      'ACTIVATED handleReply',
    ]);
    expect(replied.timersCancelled).toEqual([
      { key: started.timersCreated[0].key, elementInstanceKey: gatewayKey },
    ]);
    expect(s.runner.getVariables()).toEqual({ caseNumber: 'C-9', reply: 'ok' });
    expect(s.runner.timers).toEqual([]);
    expect(s.runner.elementInstances.map((e) => e.elementId).sort()).toEqual([
      'handleReply',
      'process',
    ]);
  });

  it('the timer path: the subscription is closed', async () => {
    const s = await Scenario.of(model);
    const started = await s.start({ caseNumber: 'C-9' });
    s.clock.set('2025-02-14T09:00:00.000Z');
    const fired = await s.act((r) => r.triggerTimer(started.timersCreated[0].key));
    expect(trail(fired)).toEqual([
      'COMPLETED wait',
      'TAKEN toTimeout',
      'ACTIVATED timeout',
      'COMPLETED timeout',
      'TAKEN f2',
      'ACTIVATED reminder',
    ]);
    expect(fired.subscriptionsClosed).toEqual([
      expect.objectContaining({ key: started.subscriptionsOpened[0].key, kind: 'message' }),
    ]);
    expect(s.runner.subscriptions).toEqual([]);
  });
});
