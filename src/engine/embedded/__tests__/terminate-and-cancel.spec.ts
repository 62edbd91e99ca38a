import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

describe('terminate end event', () => {
  it('terminates the other branches and ends the instance (Zeebe completes the process)', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
      <bpmn:parallelGateway id="fork" />
      ${flow('fa', 'fork', 'decide')}${flow('fb', 'fork', 'collect')}
      ${serviceTask('decide', 'decide')}${serviceTask('collect', 'collect')}
      <bpmn:boundaryEvent id="reminder" attachedToRef="collect" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      ${flow('fa2', 'decide', 'stop')}
      <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>`),
    );
    const started = await s.start({ x: 1 });
    const collect = s.job('collect');

    const done = await s.completeJob('decide', { outcome: 'closed' });

    expect(trail(done)).toEqual([
      'COMPLETED decide',
      'TAKEN fa2',
      'ACTIVATED stop',
      'TERMINATED collect',
      'COMPLETED stop',
      'COMPLETED process',
    ]);
    expect(done.jobsCancelled).toEqual([
      { key: collect.key, elementInstanceKey: collect.elementInstanceKey },
    ]);
    expect(done.timersCancelled).toEqual([
      { key: started.timersCreated[0].key, elementInstanceKey: collect.elementInstanceKey },
    ]);
    expect(done.instanceEnded).toEqual({
      state: 'TERMINATED',
      variables: { x: 1, outcome: 'closed' },
    });
    expect(s.runner.status).toBe('TERMINATED');
    expect(s.runner.getState().engine).toBeNull();
  });

  it('inside a sub-process it ends only the sub-process', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="s0" />${flow('s1', 's0', 'a')}${flow('s2', 's0', 'b')}
        ${serviceTask('a', 'a')}${serviceTask('b', 'b')}
        ${flow('s3', 'a', 'kill')}<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>
      </bpmn:subProcess>
      ${flow('f1', 'sub', 'after')}${serviceTask('after', 'after')}`),
    );
    await s.start({});
    const done = await s.completeJob('a');
    expect(trail(done)).toEqual([
      'COMPLETED a',
      'TAKEN s3',
      'ACTIVATED kill',
      'TERMINATED b',
      'COMPLETED kill',
      'COMPLETED sub',
      'TAKEN f1',
      'ACTIVATED after',
    ]);
    expect(done.instanceEnded).toBeNull();
  });
});

describe('cancel', () => {
  it('terminates every active element innermost first, cancels jobs, timers, subscriptions and child processes', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
      <bpmn:parallelGateway id="fork" />${flow('fa', 'fork', 'sub')}${flow('fb', 'fork', 'wait')}${flow('fc', 'fork', 'call')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="s0" />${flow('s1', 's0', 'inner')}${serviceTask('inner', 'inner')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="late" attachedToRef="sub"><bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:receiveTask id="wait" messageRef="M" />
      <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>`,
        '<bpmn:message id="M" name="m"><bpmn:extensionElements><zeebe:subscription correlationKey="=&quot;k&quot;" /></bpmn:extensionElements></bpmn:message>',
      ),
    );
    const started = await s.start({ v: 1 });
    const canceled = await s.act((r) => r.cancel());

    expect(trail(canceled)).toEqual([
      'TERMINATED inner',
      'TERMINATED sub',
      'TERMINATED wait',
      'TERMINATED call',
      'TERMINATED process',
    ]);
    expect(canceled.jobsCancelled.map((j) => j.key)).toEqual(started.jobsCreated.map((j) => j.key));
    expect(canceled.timersCancelled.map((t) => t.key)).toEqual(
      started.timersCreated.map((t) => t.key),
    );
    expect(canceled.subscriptionsClosed.map((x) => x.key)).toEqual(
      started.subscriptionsOpened.map((x) => x.key),
    );
    expect(canceled.callActivitiesCancelled).toEqual([
      expect.objectContaining({ elementId: 'call' }),
    ]);
    expect(canceled.instanceEnded).toEqual({ state: 'CANCELED', variables: { v: 1 } });

    // A canceled instance takes no command, also after storage
    await s.roundTrip();
    expect(s.runner.status).toBe('CANCELED');
    expect(() => s.runner.cancel()).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('cancelling an instance with an open incident resolves it', async () => {
    const s = await Scenario.of(
      bpmn(
        `<bpmn:startEvent id="start" />${flow('f0', 'start', 'g')}<bpmn:exclusiveGateway id="g" />${flow('f1', 'g', 'e', '=x')}<bpmn:endEvent id="e" />`,
      ),
    );
    const started = await s.start({});
    const canceled = await s.act((r) => r.cancel());
    expect(canceled.incidentsResolved).toEqual([
      {
        key: started.incidentsCreated[0].key,
        elementInstanceKey: started.incidentsCreated[0].elementInstanceKey,
      },
    ]);
    expect(trail(canceled)).toEqual(['TERMINATED g', 'TERMINATED process']);
  });
});
