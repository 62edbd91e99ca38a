import { compileBpmn, DeploymentError } from '../compile';
import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

/** A task with a compensation boundary event associated with its handler `undo-<id>`. */
function compensable(id: string, extra = ''): string {
  return `${serviceTask(id, id, extra)}
    <bpmn:boundaryEvent id="${id}-comp" attachedToRef="${id}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    ${handler(id)}
    <bpmn:association id="${id}-assoc" associationDirection="One" sourceRef="${id}-comp" targetRef="undo-${id}" />`;
}

function handler(id: string, extra = ''): string {
  return `<bpmn:serviceTask id="undo-${id}" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="undo-${id}" />${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
}

const throwEvent = (id: string, activityRef?: string) =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:compensateEventDefinition ${activityRef ? `activityRef="${activityRef}"` : ''} /></bpmn:intermediateThrowEvent>`;

/** start → a → b → throw → after → end; a and b compensable. */
const sequence = (activityRef?: string) =>
  bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
    ${compensable('a')}${flow('f1', 'a', 'b')}
    ${compensable('b')}${flow('f2', 'b', 'undo')}
    ${throwEvent('undo', activityRef)}${flow('f3', 'undo', 'after')}
    ${serviceTask('after', 'after')}${flow('f4', 'after', 'end')}
    <bpmn:endEvent id="end" />`);

describe('compensation (Zeebe 8.5)', () => {
  it('a throw event invokes the handlers of the completed activities of its scope, at once, and waits for them', async () => {
    const s = await Scenario.of(sequence());
    await s.start({ caseNumber: 'SSC-I-2026-000010' });
    await s.completeJob('a');
    const thrown = await s.completeJob('b');
    expect(trail(thrown)).toEqual([
      'COMPLETED b',
      'TAKEN f2',
      'ACTIVATED undo',
      'ACTIVATED a-comp',
      'COMPLETED a-comp',
      'ACTIVATED b-comp',
      'COMPLETED b-comp',
      // Each handler is a command of its own in Zeebe: after every boundary event of the throw.
      'ACTIVATED undo-a',
      'ACTIVATED undo-b',
    ]);
    // Handlers run in the throw event's scope and are marked as compensation.
    const undoA = thrown.flowEvents.find((e) => e.elementId === 'undo-a')!;
    expect(undoA).toMatchObject({
      bpmnEventType: 'COMPENSATION',
      elementType: 'SERVICE_TASK',
      flowScopeKey: s.runner.processInstanceKey,
    });
    expect(thrown.jobsCreated.map((j) => j.type)).toEqual(['undo-a', 'undo-b']);
    expect(thrown.jobsCreated[0].elementInstanceKey).toBe(undoA.elementInstanceKey);

    // The throw event waits for the last handler.
    const first = await s.completeJob('undo-b', { revokedB: true });
    expect(trail(first)).toEqual(['COMPLETED undo-b']);
    const last = await s.completeJob('undo-a', { revokedA: true });
    expect(trail(last)).toEqual([
      'COMPLETED undo-a',
      'COMPLETED undo',
      'TAKEN f3',
      'ACTIVATED after',
    ]);
    expect(s.runner.getVariables()).toMatchObject({ revokedA: true, revokedB: true });

    // Compensated once: a second throw has nothing left to compensate.
    const state = s.runner.getState();
    expect(state.runtime.compensations ?? {}).toEqual({});
  });

  it('activityRef compensates only that activity', async () => {
    const s = await Scenario.of(sequence('a'));
    await s.start();
    await s.completeJob('a');
    const thrown = await s.completeJob('b');
    expect(thrown.jobsCreated.map((j) => j.type)).toEqual(['undo-a']);
    const done = await s.completeJob('undo-a');
    expect(trail(done)).toEqual([
      'COMPLETED undo-a',
      'COMPLETED undo',
      'TAKEN f3',
      'ACTIVATED after',
    ]);
  });

  it('with nothing completed to compensate, the throw event completes at once', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'choice')}
      <bpmn:exclusiveGateway id="choice" default="skip" />
      ${flow('do', 'choice', 'a', '=needed')}${flow('skip', 'choice', 'undo')}
      ${compensable('a')}${flow('f1', 'a', 'undo')}
      ${throwEvent('undo')}${flow('f2', 'undo', 'end')}<bpmn:endEvent id="end" />`),
    );
    const started = await s.start({ needed: false });
    expect(trail(started).slice(4)).toEqual([
      'ACTIVATED choice',
      'COMPLETED choice',
      'TAKEN skip',
      'ACTIVATED undo',
      'COMPLETED undo',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    expect(started.jobsCreated).toEqual([]);
  });

  it('an activity completed twice has its handler invoked twice', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
      ${compensable('a')}${flow('f1', 'a', 'again')}
      <bpmn:exclusiveGateway id="again" default="f3" />
      ${flow('f2', 'again', 'a', '=count(rounds) < 2')}${flow('f3', 'again', 'undo')}
      ${throwEvent('undo')}${flow('f4', 'undo', 'end')}<bpmn:endEvent id="end" />`),
    );
    await s.start({ rounds: [] });
    await s.completeJob('a', { rounds: [1] });
    const thrown = await s.completeJob('a', { rounds: [1, 2] });
    expect(thrown.jobsCreated.map((j) => j.type)).toEqual(['undo-a', 'undo-a']);
    await s.completeJob('undo-a');
    const done = await s.completeJob('undo-a');
    expect(trail(done)).toEqual([
      'COMPLETED undo-a',
      'COMPLETED undo',
      'TAKEN f4',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
  });

  it('a compensation end event: the process completes after the handlers', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
      ${compensable('a')}${flow('f1', 'a', 'end')}
      <bpmn:endEvent id="end"><bpmn:compensateEventDefinition /></bpmn:endEvent>`),
    );
    await s.start();
    const thrown = await s.completeJob('a');
    expect(trail(thrown).slice(-4)).toEqual([
      'ACTIVATED end',
      'ACTIVATED a-comp',
      'COMPLETED a-comp',
      'ACTIVATED undo-a',
    ]);
    expect(s.all.instanceEnded).toBeNull();
    const done = await s.completeJob('undo-a');
    expect(trail(done)).toEqual(['COMPLETED undo-a', 'COMPLETED end', 'COMPLETED process']);
  });

  it('a throw event reaches into the sub-processes completed in its scope; the handlers run in its own scope', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="s-start" />${flow('g0', 's-start', 'a')}
        ${compensable('a')}${flow('g1', 'a', 'b')}
        ${compensable('b')}${flow('g2', 'b', 's-end')}<bpmn:endEvent id="s-end" />
      </bpmn:subProcess>
      ${flow('f1', 'sub', 'undo')}${throwEvent('undo')}${flow('f2', 'undo', 'end')}
      <bpmn:endEvent id="end" />`),
    );
    await s.start();
    await s.completeJob('a');
    const thrown = await s.completeJob('b');
    expect(trail(thrown).slice(-9)).toEqual([
      'COMPLETED sub',
      'TAKEN f1',
      'ACTIVATED undo',
      'ACTIVATED a-comp',
      'COMPLETED a-comp',
      'ACTIVATED b-comp',
      'COMPLETED b-comp',
      // Each handler is a command of its own in Zeebe: after every boundary event of the throw.
      'ACTIVATED undo-a',
      'ACTIVATED undo-b',
    ]);
    const undoA = thrown.flowEvents.find((e) => e.elementId === 'undo-a')!;
    expect(undoA.flowScopeKey).toBe(s.runner.processInstanceKey);
    // The sub-process is compensated once both handlers inside it completed.
    expect(trail(await s.completeJob('undo-b'))).toEqual(['COMPLETED undo-b']);
    const done = await s.completeJob('undo-a');
    expect(trail(done)).toEqual([
      'COMPLETED undo-a',
      'COMPLETED undo',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
  });

  it('a throw event inside a sub-process compensates only inside it', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'b')}
      ${compensable('b')}${flow('f1', 'b', 'sub')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="s-start" />${flow('g0', 's-start', 'a')}
        ${compensable('a')}${flow('g1', 'a', 'undo')}
        ${throwEvent('undo')}${flow('g2', 'undo', 's-end')}<bpmn:endEvent id="s-end" />
      </bpmn:subProcess>
      ${flow('f2', 'sub', 'end')}<bpmn:endEvent id="end" />`),
    );
    await s.start();
    await s.completeJob('b');
    const thrown = await s.completeJob('a');
    expect(thrown.jobsCreated.map((j) => j.type)).toEqual(['undo-a']);
    const undoA = thrown.flowEvents.find((e) => e.elementId === 'undo-a')!;
    const sub = s.all.flowEvents.find((e) => e.elementId === 'sub')!;
    expect(undoA.flowScopeKey).toBe(sub.elementInstanceKey);
    const done = await s.completeJob('undo-a');
    expect(trail(done)).toContain('COMPLETED process');
    // b was never compensated.
    expect(s.all.jobsCreated.map((j) => j.type)).not.toContain('undo-b');
  });

  it('what completed in a sub-process that was then terminated is not compensated', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="s-start" />${flow('g0', 's-start', 'a')}
        ${compensable('a')}${flow('g1', 'a', 'x')}
        ${serviceTask('x', 'x')}${flow('g2', 'x', 's-end')}<bpmn:endEvent id="s-end" />
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="failed" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="E" /></bpmn:boundaryEvent>
      ${flow('f1', 'sub', 'end')}<bpmn:endEvent id="end" />
      ${flow('f2', 'failed', 'undo')}${throwEvent('undo')}${flow('f3', 'undo', 'end2')}
      <bpmn:endEvent id="end2" />`,
        '<bpmn:error id="E" errorCode="FAILED" />',
      ),
    );
    await s.start();
    await s.completeJob('a');
    const failed = await s.act((r) => r.throwError(s.job('x').key, 'FAILED'));
    expect(trail(failed)).toEqual([
      'TERMINATED x',
      'TERMINATED sub',
      'ACTIVATED failed',
      'COMPLETED failed',
      'TAKEN f2',
      'ACTIVATED undo',
      'COMPLETED undo',
      'TAKEN f3',
      'ACTIVATED end2',
      'COMPLETED end2',
      'COMPLETED process',
    ]);
  });

  it('a multi-instance activity is compensated once, after all its instances completed', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
      ${compensable('a').replace(
        '</bpmn:serviceTask>',
        '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=members" inputElement="member" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>',
      )}
      ${flow('f1', 'a', 'undo')}${throwEvent('undo')}${flow('f2', 'undo', 'end')}
      <bpmn:endEvent id="end" />`),
    );
    await s.start({ members: ['M', 'F', 'C'] });
    await s.completeJob('a');
    await s.completeJob('a');
    const thrown = await s.completeJob('a');
    expect(thrown.jobsCreated.map((j) => j.type)).toEqual(['undo-a']);
    const done = await s.completeJob('undo-a');
    expect(trail(done)).toContain('COMPLETED process');
  });

  it('an error event sub-process ending in compensation reverts what completed in the scope around it', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
      ${compensable('a')}${flow('f1', 'a', 'b')}
      ${serviceTask('b', 'b')}${flow('f2', 'b', 'end')}<bpmn:endEvent id="end" />
      <bpmn:subProcess id="onError" triggeredByEvent="true">
        <bpmn:startEvent id="es"><bpmn:errorEventDefinition errorRef="E" /></bpmn:startEvent>
        ${flow('g0', 'es', 'revert')}
        <bpmn:endEvent id="revert"><bpmn:compensateEventDefinition /></bpmn:endEvent>
      </bpmn:subProcess>`,
        '<bpmn:error id="E" errorCode="FAILED" />',
      ),
    );
    await s.start();
    await s.completeJob('a');
    const failed = await s.act((r) => r.throwError(s.job('b').key, 'FAILED'));
    expect(trail(failed)).toEqual([
      'TERMINATED b',
      'ACTIVATED onError',
      'ACTIVATED es',
      'COMPLETED es',
      'TAKEN g0',
      'ACTIVATED revert',
      'ACTIVATED a-comp',
      'COMPLETED a-comp',
      'ACTIVATED undo-a',
    ]);
    const onError = failed.flowEvents.find((e) => e.elementId === 'onError')!;
    const undoA = failed.flowEvents.find((e) => e.elementId === 'undo-a')!;
    expect(undoA.flowScopeKey).toBe(onError.elementInstanceKey);
    const done = await s.completeJob('undo-a');
    expect(trail(done)).toEqual([
      'COMPLETED undo-a',
      'COMPLETED revert',
      'COMPLETED onError',
      'COMPLETED process',
    ]);
  });

  it('handler mappings: inputs from the throw event’s scope, outputs back to it; a failed mapping is an incident that a retry resolves', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
      ${serviceTask('a', 'a')}
      <bpmn:boundaryEvent id="a-comp" attachedToRef="a"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
      ${handler(
        'a',
        '<zeebe:ioMapping><zeebe:input source="=assert(reason, reason != null)" target="why" /><zeebe:output source="=revoked" target="paymentRevoked" /></zeebe:ioMapping>',
      )}
      <bpmn:association id="as" sourceRef="a-comp" targetRef="undo-a" />
      ${flow('f1', 'a', 'undo')}${throwEvent('undo')}${flow('f2', 'undo', 'end')}
      <bpmn:endEvent id="end" />`),
    );
    await s.start();
    const thrown = await s.completeJob('a');
    expect(thrown.incidentsCreated).toEqual([
      expect.objectContaining({ elementId: 'undo-a', errorType: 'EXTRACT_VALUE_ERROR' }),
    ]);
    expect(thrown.jobsCreated).toEqual([]);
    // Zeebe writes ELEMENT_ACTIVATED only once the activation succeeded.
    expect(trail(thrown)).not.toContain('ACTIVATED undo-a');

    await s.act((r) => r.setVariables(r.processInstanceKey, { reason: 'revoked by the court' }));
    const retried = await s.act((r) => r.retryIncident(thrown.incidentsCreated[0].key));
    expect(trail(retried)).toEqual(['ACTIVATED undo-a']);
    const job = retried.jobsCreated[0];
    expect(s.runner.getVariables(job.elementInstanceKey)).toMatchObject({
      why: 'revoked by the court',
    });
    const done = await s.completeJob('undo-a', { revoked: 'yes' });
    expect(trail(done)).toContain('COMPLETED process');
    expect(done.instanceEnded?.variables).toMatchObject({ paymentRevoked: 'yes' });
    expect(done.instanceEnded?.variables).not.toHaveProperty('why');
  });

  it('cancelling the instance terminates the running handlers and cancels their jobs', async () => {
    const s = await Scenario.of(sequence());
    await s.start();
    await s.completeJob('a');
    const thrown = await s.completeJob('b');
    const cancelled = await s.act((r) => r.cancel());
    expect(trail(cancelled)).toEqual(
      expect.arrayContaining(['TERMINATED undo-a', 'TERMINATED undo-b', 'TERMINATED undo']),
    );
    expect(cancelled.jobsCancelled.map((j) => j.key).sort()).toEqual(
      thrown.jobsCreated.map((j) => j.key).sort(),
    );
    // Handlers are the runtime's own: bpmn-engine is not left to discard them.
    expect(Object.keys(s.runner.getState().runtime.zombies).join()).not.toContain('compensation');
  });

  describe('refused at deployment, with the element named', () => {
    const refused = async (body: string) => {
      const err = await compileBpmn(bpmn(body)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeploymentError);
      return (err as DeploymentError).problems.join('\n');
    };
    const start = `<bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}`;

    it('a compensation boundary event without a handler', async () => {
      expect(
        await refused(
          `${start}${serviceTask('a', 'a')}<bpmn:boundaryEvent id="c" attachedToRef="a"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>`,
        ),
      ).toContain("compensation boundary event 'c': it needs exactly one association");
    });

    it('a handler with a sequence flow', async () => {
      expect(await refused(`${start}${compensable('a')}${flow('f1', 'undo-a', 'a')}`)).toContain(
        "compensation handler 'undo-a': a compensation handler has no incoming or outgoing flows",
      );
    });

    it('waitForCompletion="false"', async () => {
      expect(
        await refused(
          `${start}${compensable('a')}${flow('f1', 'a', 't')}<bpmn:intermediateThrowEvent id="t"><bpmn:compensateEventDefinition waitForCompletion="false" /></bpmn:intermediateThrowEvent>`,
        ),
      ).toContain("element 't': waitForCompletion must not be false");
    });

    it('an activityRef that is not a compensable activity of the scope', async () => {
      expect(
        await refused(
          `${start}${serviceTask('a', 'a')}${flow('f1', 'a', 't')}${throwEvent('t', 'a')}`,
        ),
      ).toContain(
        "element 't': activityRef 'a' must be an activity of the same scope with a compensation boundary event, or a sub-process",
      );
    });

    it('a compensation start event', async () => {
      expect(
        await refused(
          `${start}${compensable('a')}<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="cs"><bpmn:compensateEventDefinition /></bpmn:startEvent></bpmn:subProcess>`,
        ),
      ).toContain("element 'cs': compensation events are only supported as boundary");
    });
  });

  it('two throw events in parallel branches: the second activates before the first one’s handler, and compensates nothing more', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
      ${compensable('a')}${flow('f1', 'a', 'fork')}<bpmn:parallelGateway id="fork" />
      ${flow('f2', 'fork', 't1')}${throwEvent('t1')}${flow('f3', 't1', 'join')}
      ${flow('f4', 'fork', 't2')}${throwEvent('t2')}${flow('f5', 't2', 'join')}
      <bpmn:parallelGateway id="join" />${flow('f6', 'join', 'end')}<bpmn:endEvent id="end" />`),
    );
    await s.start();
    const thrown = await s.completeJob('a');
    expect(trail(thrown).slice(-7)).toEqual([
      'ACTIVATED t1',
      'ACTIVATED a-comp',
      'COMPLETED a-comp',
      'ACTIVATED t2',
      'COMPLETED t2',
      'TAKEN f5',
      'ACTIVATED undo-a',
    ]);
    const done = await s.completeJob('undo-a');
    expect(trail(done)).toEqual([
      'COMPLETED undo-a',
      'COMPLETED t1',
      'TAKEN f3',
      'ACTIVATED join',
      'COMPLETED join',
      'TAKEN f6',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
  });

  it('activityRef may name a sub-process: what completed inside it is compensated', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="s-start" />${flow('g0', 's-start', 'a')}
        ${compensable('a')}${flow('g1', 'a', 's-end')}<bpmn:endEvent id="s-end" />
      </bpmn:subProcess>
      ${flow('f1', 'sub', 'b')}${compensable('b')}
      ${flow('f2', 'b', 'undo')}${throwEvent('undo', 'sub')}${flow('f3', 'undo', 'end')}
      <bpmn:endEvent id="end" />`),
    );
    await s.start();
    await s.completeJob('a');
    const thrown = await s.completeJob('b');
    expect(thrown.jobsCreated.map((j) => j.type)).toEqual(['undo-a']);
    expect(trail(await s.completeJob('undo-a'))).toContain('COMPLETED process');
  });

  it('a terminate end event ends the running handlers of its scope before it completes', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
      ${compensable('a')}${flow('f1', 'a', 'fork')}<bpmn:parallelGateway id="fork" />
      ${flow('f2', 'fork', 'undo')}${throwEvent('undo')}${flow('f3', 'undo', 'end')}<bpmn:endEvent id="end" />
      ${flow('f4', 'fork', 'x')}${serviceTask('x', 'x')}${flow('f5', 'x', 'kill')}
      <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>`),
    );
    await s.start();
    await s.completeJob('a');
    const undoJob = s.job('undo-a').key;
    const killed = await s.completeJob('x');
    expect(trail(killed)).toEqual([
      'COMPLETED x',
      'TAKEN f5',
      'ACTIVATED kill',
      'TERMINATED undo',
      'TERMINATED undo-a',
      'COMPLETED kill',
      'COMPLETED process',
    ]);
    expect(killed.jobsCancelled.map((j) => j.key)).toEqual([undoJob]);
  });
});
