import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

const message = (id: string, name: string, correlationKey: string) =>
  `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="${correlationKey}" /></bpmn:extensionElements></bpmn:message>`;

const messageBoundary = (
  id: string,
  attachedTo: string,
  messageRef: string,
  interrupting: boolean,
  outputs = '',
) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">
     ${outputs ? `<bpmn:extensionElements><zeebe:ioMapping>${outputs}</zeebe:ioMapping></bpmn:extensionElements>` : ''}
     <bpmn:messageEventDefinition messageRef="${messageRef}" />
   </bpmn:boundaryEvent>`;

describe('messages', () => {
  it('a receive task subscribes on entry (name + correlation key evaluated then) and completes with the message variables', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'waitDocs')}
      <bpmn:receiveTask id="waitDocs" messageRef="Msg_Docs">
        <bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=documents" target="received" /></zeebe:ioMapping></bpmn:extensionElements>
      </bpmn:receiveTask>
      ${flow('f2', 'waitDocs', 'end')}<bpmn:endEvent id="end" />`,
        message('Msg_Docs', '=&quot;documents-&quot; + kind', '=caseNumber'),
      ),
    );
    const started = await s.start({ kind: 'isee', caseNumber: 'SSC-2025-000123' });
    const task = started.flowEvents.find((e) => e.elementId === 'waitDocs')!;
    expect(trail(started).slice(-1)).toEqual(['ACTIVATED waitDocs']);
    expect(started.subscriptionsOpened).toEqual([
      expect.objectContaining({
        kind: 'message',
        name: 'documents-isee',
        correlationKey: 'SSC-2025-000123',
        elementId: 'waitDocs',
        elementInstanceKey: task.elementInstanceKey,
        interrupting: true,
      }),
    ]);

    // The key was taken on entry: changing the variable later does not move the subscription
    await s.act((r) => r.setVariables(r.processInstanceKey, { caseNumber: 'OTHER' }));
    expect(s.runner.subscriptions[0].correlationKey).toBe('SSC-2025-000123');

    const correlated = await s.act((r) =>
      r.correlateMessage(started.subscriptionsOpened[0].key, { documents: ['isee.pdf'], noise: 1 }),
    );
    expect(trail(correlated)).toEqual([
      'COMPLETED waitDocs',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    expect(correlated.instanceEnded?.variables).toEqual({
      kind: 'isee',
      caseNumber: 'OTHER',
      received: ['isee.pdf'],
    });
  });

  it('an intermediate message catch event propagates the message variables without output mappings', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
      <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="Msg_Reply" /></bpmn:intermediateCatchEvent>
      ${flow('f2', 'wait', 'task')}${serviceTask('task', 't')}`,
        message('Msg_Reply', 'reply', '=requestId'),
      ),
    );
    const started = await s.start({ requestId: 42 });
    // A number key is turned into a string (Zeebe)
    expect(started.subscriptionsOpened[0]).toMatchObject({ name: 'reply', correlationKey: '42' });
    const correlated = await s.act((r) =>
      r.correlateMessage(started.subscriptionsOpened[0].key, { answer: 'yes' }),
    );
    expect(trail(correlated)).toEqual(['COMPLETED wait', 'TAKEN f2', 'ACTIVATED task']);
    expect(s.runner.getVariables()).toEqual({ requestId: 42, answer: 'yes' });
  });

  it('a correlation key that cannot be evaluated is an incident until the variable exists', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
      <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="Msg_Reply" /></bpmn:intermediateCatchEvent>`,
        message('Msg_Reply', 'reply', '=request.id'),
      ),
    );
    const started = await s.start({});
    expect(started.subscriptionsOpened).toEqual([]);
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' }),
    ]);
    await s.act((r) => r.setVariables(r.processInstanceKey, { request: { id: 'R1' } }));
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(retried.subscriptionsOpened).toEqual([
      expect.objectContaining({ correlationKey: 'R1' }),
    ]);
    expect(trail(retried)).toEqual(['ACTIVATED wait']);
  });

  it('an interrupting message boundary: the task is terminated, the subscription consumed', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'assess')}
      ${serviceTask('assess', 'assess')}${flow('f2', 'assess', 'end')}<bpmn:endEvent id="end" />
      ${messageBoundary('withdrawn', 'assess', 'Msg_Withdraw', true, '<zeebe:output source="=reason" target="withdrawReason" />')}
      ${flow('f3', 'withdrawn', 'close')}${serviceTask('close', 'close')}`,
        message('Msg_Withdraw', 'application-withdrawn', '=caseNumber'),
      ),
    );
    const started = await s.start({ caseNumber: 'C-1' });
    const assess = started.jobsCreated[0];
    expect(started.subscriptionsOpened).toEqual([
      expect.objectContaining({
        elementId: 'withdrawn',
        elementInstanceKey: assess.elementInstanceKey,
        correlationKey: 'C-1',
        interrupting: true,
      }),
    ]);
    const correlated = await s.act((r) =>
      r.correlateMessage(started.subscriptionsOpened[0].key, { reason: 'moved away' }),
    );
    expect(trail(correlated)).toEqual([
      'TERMINATED assess',
      'ACTIVATED withdrawn',
      'COMPLETED withdrawn',
      'TAKEN f3',
      'ACTIVATED close',
    ]);
    expect(correlated.jobsCancelled.map((j) => j.key)).toEqual([assess.key]);
    expect(s.runner.getVariables()).toEqual({ caseNumber: 'C-1', withdrawReason: 'moved away' });
    expect(s.runner.subscriptions).toEqual([]);
  });

  it('a non-interrupting message boundary stays subscribed (same name and key) and the task goes on', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'assess')}
      ${serviceTask('assess', 'assess')}${flow('f2', 'assess', 'end')}<bpmn:endEvent id="end" />
      ${messageBoundary('note', 'assess', 'Msg_Note', false)}
      ${flow('f3', 'note', 'noteEnd')}<bpmn:endEvent id="noteEnd" />`,
        message('Msg_Note', 'note-added', '=caseNumber'),
      ),
    );
    const started = await s.start({ caseNumber: 'C-2' });
    await s.act((r) => r.setVariables(r.processInstanceKey, { caseNumber: 'changed' }));

    const first = await s.act((r) =>
      r.correlateMessage(started.subscriptionsOpened[0].key, { notes: 1 }),
    );
    expect(trail(first)).toEqual([
      'ACTIVATED note',
      'COMPLETED note',
      'TAKEN f3',
      'ACTIVATED noteEnd',
      'COMPLETED noteEnd',
    ]);
    expect(first.jobsCancelled).toEqual([]);
    // Re-subscribed for the next message, with the key taken when the task was entered
    expect(first.subscriptionsOpened).toEqual([
      expect.objectContaining({ name: 'note-added', correlationKey: 'C-2', interrupting: false }),
    ]);

    const second = await s.act((r) =>
      r.correlateMessage(first.subscriptionsOpened[0].key, { notes: 2 }),
    );
    expect(trail(second)).toContain('COMPLETED note');
    expect(s.runner.getVariables().notes).toBe(2);

    const done = await s.completeJob('assess');
    expect(done.subscriptionsClosed).toEqual([
      expect.objectContaining({ key: second.subscriptionsOpened[0].key, kind: 'message' }),
    ]);
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  it('a boundary whose output mapping reads a variable the message did not bring maps null and goes on (Zeebe 8.5)', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'assess')}
      ${serviceTask('assess', 'assess')}${flow('f2', 'assess', 'end')}<bpmn:endEvent id="end" />
      ${messageBoundary('withdrawn', 'assess', 'Msg_Withdraw', true, '<zeebe:output source="=details.text" target="withdrawReason" />')}
      ${flow('f3', 'withdrawn', 'close')}${serviceTask('close', 'close')}`,
        message('Msg_Withdraw', 'application-withdrawn', '=caseNumber'),
      ),
    );
    const started = await s.start({ caseNumber: 'C-1' });
    const correlated = await s.act((r) =>
      r.correlateMessage(started.subscriptionsOpened[0].key, { reason: 'no object' }),
    );
    expect(correlated.incidentsCreated).toEqual([]);
    expect(trail(correlated)).toEqual([
      'TERMINATED assess',
      'ACTIVATED withdrawn',
      'COMPLETED withdrawn',
      'TAKEN f3',
      'ACTIVATED close',
    ]);
    expect(s.runner.getVariables()).toHaveProperty('withdrawReason', null);
  });

  it('a boundary whose output mapping fails holds the boundary (task already terminated) across storage', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'assess')}
      ${serviceTask('assess', 'assess')}${flow('f2', 'assess', 'end')}<bpmn:endEvent id="end" />
      ${messageBoundary('withdrawn', 'assess', 'Msg_Withdraw', true, '<zeebe:output source="=assert(reason + &quot;, &quot; + details.text, details != null)" target="withdrawReason" />')}
      ${flow('f3', 'withdrawn', 'close')}${serviceTask('close', 'close')}`,
        message('Msg_Withdraw', 'application-withdrawn', '=caseNumber'),
      ),
    );
    const started = await s.start({ caseNumber: 'C-1' });
    const correlated = await s.act((r) =>
      r.correlateMessage(started.subscriptionsOpened[0].key, { reason: 'no object' }),
    );
    expect(trail(correlated)).toEqual(['TERMINATED assess', 'ACTIVATED withdrawn']);
    expect(correlated.incidentsCreated).toEqual([
      expect.objectContaining({ elementId: 'withdrawn', errorType: 'EXTRACT_VALUE_ERROR' }),
    ]);
    expect(s.runner.jobs).toEqual([]);

    await s.roundTrip();
    await s.act((r) => r.setVariables(r.processInstanceKey, { details: { text: 'moved away' } }));
    const retried = await s.act((r) => r.retryIncident(correlated.incidentsCreated[0].key));
    expect(trail(retried)).toEqual(['COMPLETED withdrawn', 'TAKEN f3', 'ACTIVATED close']);
    expect(s.runner.getVariables().withdrawReason).toBe('no object, moved away');
  });

  it('an intermediate catch event whose output mapping fails holds in completion across storage', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
      <bpmn:intermediateCatchEvent id="wait">
        <bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=assert(answer.value, answer != null)" target="answer" /></zeebe:ioMapping></bpmn:extensionElements>
        <bpmn:messageEventDefinition messageRef="Msg_Reply" />
      </bpmn:intermediateCatchEvent>
      ${flow('f2', 'wait', 'end')}<bpmn:endEvent id="end" />`,
        message('Msg_Reply', 'reply', '=id'),
      ),
    );
    const started = await s.start({ id: 'x' });
    const correlated = await s.act((r) =>
      r.correlateMessage(started.subscriptionsOpened[0].key, { other: 1 }),
    );
    expect(correlated.incidentsCreated).toEqual([expect.objectContaining({ elementId: 'wait' })]);
    expect(trail(correlated)).toEqual([]);
    await s.act((r) => r.setVariables(r.processInstanceKey, { answer: { value: 42 } }));
    const retried = await s.act((r) => r.retryIncident(correlated.incidentsCreated[0].key));
    expect(trail(retried)).toEqual([
      'COMPLETED wait',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    // With output mappings the message variables stay local; only the mapping goes up
    expect(retried.instanceEnded?.variables).toEqual({ id: 'x', answer: 42 });
  });
});

describe('message start events', () => {
  it('starts at the message start event the durable layer correlated, not at the none start event', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="manual" />${flow('f1', 'manual', 'intake')}
      <bpmn:startEvent id="byReferral"><bpmn:messageEventDefinition messageRef="Msg_Referral" /></bpmn:startEvent>
      ${flow('f2', 'byReferral', 'triage')}
      ${serviceTask('intake', 'intake')}${serviceTask('triage', 'triage')}`,
        '<bpmn:message id="Msg_Referral" name="referral-received" />',
      ),
    );
    expect(s.compiled.processes.process.startEvents).toEqual([
      { elementId: 'manual', kind: 'none' },
      expect.objectContaining({
        elementId: 'byReferral',
        kind: 'message',
        message: expect.objectContaining({
          name: 'referral-received',
          evaluatedName: 'referral-received',
        }),
      }),
    ]);
    const started = await s.start({ referral: 'R-1' }, { startEventId: 'byReferral' });
    expect(trail(started)).toEqual([
      'ACTIVATED process',
      'ACTIVATED byReferral',
      'COMPLETED byReferral',
      'TAKEN f2',
      'ACTIVATED triage',
    ]);
    expect(started.jobsCreated.map((j) => j.elementId)).toEqual(['triage']);
    const done = await s.completeJob('triage');
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });
});
