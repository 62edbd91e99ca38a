import { canCatchError } from '../instance-runner';
import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

const callActivity = (attrs: string, io = '') => `
  <bpmn:callActivity id="assess">
    <bpmn:extensionElements><zeebe:calledElement ${attrs} />${io}</bpmn:extensionElements>
  </bpmn:callActivity>`;

const parent = (call: string, extra = '') =>
  bpmn(
    `
    <bpmn:startEvent id="start" />${flow('f1', 'start', 'assess')}
    ${call}
    ${flow('f2', 'assess', 'end')}<bpmn:endEvent id="end" />${extra}`,
    '<bpmn:error id="Err" errorCode="NOT_ELIGIBLE" />',
  );

describe('call activity', () => {
  it('asks for the child with all visible variables and completes with the child variables', async () => {
    const s = await Scenario.of(
      parent(callActivity('processId="=&quot;assessment-&quot; + path"')),
    );
    const started = await s.start({ path: 'minori', caseNumber: 'C-1' });
    const call = started.flowEvents.find((e) => e.elementId === 'assess')!;
    expect(trail(started).slice(-1)).toEqual(['ACTIVATED assess']);
    expect(started.callActivitiesStarted).toEqual([
      {
        elementInstanceKey: call.elementInstanceKey,
        elementId: 'assess',
        processInstanceKey: s.runner.processInstanceKey,
        bpmnProcessId: 'assessment-minori',
        variables: { path: 'minori', caseNumber: 'C-1' },
        propagateAllChildVariables: true,
      },
    ]);

    const done = await s.act((r) =>
      r.completeCallActivity(call.elementInstanceKey, { eligible: true }),
    );
    expect(trail(done)).toEqual([
      'COMPLETED assess',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    expect(done.instanceEnded?.variables).toEqual({
      path: 'minori',
      caseNumber: 'C-1',
      eligible: true,
    });
  });

  it('without propagation passes only input mappings down and only output mappings up', async () => {
    const s = await Scenario.of(
      parent(
        callActivity(
          'processId="child" propagateAllParentVariables="false" propagateAllChildVariables="false"',
          '<zeebe:ioMapping><zeebe:input source="=caseNumber" target="ref" /><zeebe:output source="=score" target="childScore" /></zeebe:ioMapping>',
        ),
      ),
    );
    const started = await s.start({ caseNumber: 'C-2', secret: 'x' });
    expect(started.callActivitiesStarted[0].variables).toEqual({ ref: 'C-2' });
    expect(started.callActivitiesStarted[0].propagateAllChildVariables).toBe(false);
    const done = await s.act((r) =>
      r.completeCallActivity(started.callActivitiesStarted[0].elementInstanceKey, {
        score: 7,
        other: 1,
      }),
    );
    expect(done.instanceEnded?.variables).toEqual({
      caseNumber: 'C-2',
      secret: 'x',
      childScore: 7,
    });
  });

  it('a child that cannot start is a CALLED_ELEMENT_ERROR incident; the retry asks again', async () => {
    const s = await Scenario.of(parent(callActivity('processId="missing"')));
    const started = await s.start({});
    const key = started.callActivitiesStarted[0].elementInstanceKey;
    const failed = await s.act((r) =>
      r.failCallActivity(key, "Expected process with BPMN process id 'missing' to be deployed"),
    );
    expect(failed.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'assess' }),
    ]);
    const retried = await s.act((r) => r.retryIncident(failed.incidentsCreated[0].key));
    expect(retried.callActivitiesStarted).toEqual([
      expect.objectContaining({ elementInstanceKey: key, bpmnProcessId: 'missing' }),
    ]);
  });

  it('an interrupted call activity asks to cancel its child', async () => {
    const s = await Scenario.of(
      parent(
        callActivity('processId="child"'),
        `<bpmn:boundaryEvent id="late" attachedToRef="assess"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
         ${flow('f3', 'late', 'lateEnd')}<bpmn:endEvent id="lateEnd" />`,
      ),
    );
    const started = await s.start({});
    const fired = await s.act((r) => r.triggerTimer(started.timersCreated[0].key));
    expect(fired.callActivitiesCancelled).toEqual([
      {
        elementInstanceKey: started.callActivitiesStarted[0].elementInstanceKey,
        elementId: 'assess',
      },
    ]);
    expect(trail(fired).slice(0, 2)).toEqual(['TERMINATED assess', 'ACTIVATED late']);
  });

  it('a child error caught at the call activity: canCatchError on the stored state, then throwErrorAtCallActivity', async () => {
    const s = await Scenario.of(
      parent(
        callActivity('processId="child"'),
        `<bpmn:boundaryEvent id="notEligible" attachedToRef="assess"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:boundaryEvent>
         ${flow('f3', 'notEligible', 'reject')}${serviceTask('reject', 'reject')}`,
      ),
    );
    const started = await s.start({});
    const key = started.callActivitiesStarted[0].elementInstanceKey;
    const state = s.runner.getState();
    expect(canCatchError(s.compiled, state, key, 'NOT_ELIGIBLE')).toBe(true);
    expect(canCatchError(s.compiled, state, key, 'OTHER')).toBe(false);

    const caught = await s.act((r) =>
      r.throwErrorAtCallActivity(key, 'NOT_ELIGIBLE', { reason: 'income' }),
    );
    expect(trail(caught)).toEqual([
      'TERMINATED assess',
      'ACTIVATED notEligible',
      'COMPLETED notEligible',
      'TAKEN f3',
      'ACTIVATED reject',
    ]);
    expect(caught.callActivitiesCancelled).toEqual([]); // the child already ended with the error
    expect(s.runner.getVariables().reason).toBe('income');
  });

  it('a child error caught by an error event sub-process of the call activity’s scope', async () => {
    const s = await Scenario.of(
      parent(
        callActivity('processId="child"'),
        `<bpmn:subProcess id="onError" triggeredByEvent="true">
           <bpmn:startEvent id="errorStart"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:startEvent>
           ${flow('e1', 'errorStart', 'reject')}${serviceTask('reject', 'reject')}
         </bpmn:subProcess>`,
      ),
    );
    const started = await s.start({});
    const key = started.callActivitiesStarted[0].elementInstanceKey;
    expect(canCatchError(s.compiled, s.runner.getState(), key, 'NOT_ELIGIBLE')).toBe(true);
    expect(canCatchError(s.compiled, s.runner.getState(), key, 'OTHER')).toBe(false);
    const caught = await s.act((r) => r.throwErrorAtCallActivity(key, 'NOT_ELIGIBLE', {}));
    expect(trail(caught)).toEqual([
      'TERMINATED assess',
      'ACTIVATED onError',
      'ACTIVATED errorStart',
      'COMPLETED errorStart',
      'TAKEN e1',
      'ACTIVATED reject',
    ]);
    expect(caught.callActivitiesCancelled).toEqual([]);
  });
});
