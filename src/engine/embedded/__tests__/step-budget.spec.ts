import { bpmn, flow, Scenario } from './harness';

/** start → gateway → throw event → back to the gateway: no wait state, ever. */
const loopWithoutWait = bpmn(`
  <bpmn:startEvent id="start" />${flow('f0', 'start', 'again')}
  <bpmn:exclusiveGateway id="again" default="round" />
  ${flow('out', 'again', 'end', '=false')}${flow('round', 'again', 'mark')}
  <bpmn:intermediateThrowEvent id="mark" />${flow('back', 'mark', 'again')}
  <bpmn:endEvent id="end" />`);

/** A parallel multi-instance of sub-processes that wait for nothing: four activations an item. */
const immediateItems = bpmn(`
  <bpmn:startEvent id="start" />${flow('f0', 'start', 'each')}
  <bpmn:subProcess id="each">
    <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>
      <zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="done" outputElement="=item * 2" />
    </bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
    <bpmn:startEvent id="itemStart" />${flow('i1', 'itemStart', 'itemEnd')}<bpmn:endEvent id="itemEnd" />
  </bpmn:subProcess>${flow('f1', 'each', 'wait')}
  <bpmn:userTask id="wait" />${flow('f2', 'wait', 'end')}
  <bpmn:endEvent id="end" />`);

describe('the step budget of one command', () => {
  it('a loop without a wait state holds with one incident instead of running until the stack overflows', async () => {
    const s = await Scenario.of(loopWithoutWait, { maxStepsPerCommand: 50 });
    const started = await s.start();
    expect(started.incidentsCreated).toHaveLength(1);
    expect(started.incidentsCreated[0].errorMessage).toContain(
      'without reaching a task, timer or message',
    );
    expect(
      started.flowEvents.filter((e) => e.intent === 'ELEMENT_ACTIVATED').length,
    ).toBeLessThanOrEqual(51);
    expect(started.instanceEnded).toBeNull();

    // Retrying runs the next 50 steps and holds again; cancelling ends it with nothing left open.
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(retried.incidentsResolved.map((i) => i.key)).toEqual([started.incidentsCreated[0].key]);
    expect(retried.incidentsCreated).toHaveLength(1);
    const cancelled = await s.act((r) => r.cancel());
    expect(cancelled.incidentsResolved).toHaveLength(1);
    expect(cancelled.instanceEnded?.state).toBe('CANCELED');
  });

  it('without a bound the same loop overflowed the stack: the default bound stops it first', async () => {
    const s = await Scenario.of(loopWithoutWait, {});
    const started = await s.start();
    expect(started.incidentsCreated.map((i) => i.errorMessage)).toEqual([
      expect.stringContaining('more than 200 elements without reaching a task, timer or message'),
    ]);
  });

  it('a command that activates too many elements holds what is left behind one incident, which says retry goes on', async () => {
    const taskItems = immediateItems.replace(
      `${flow('i1', 'itemStart', 'itemEnd')}`,
      `${flow('i1', 'itemStart', 'visit')}<bpmn:userTask id="visit" />${flow('i2', 'visit', 'itemEnd')}`,
    );
    // Breadth first, as Zeebe: the body, six instances and their start events, then the tasks.
    const s = await Scenario.of(taskItems, { maxStepsPerCommand: 15 });
    const started = await s.start({ items: [1, 2, 3, 4, 5, 6] });
    expect(started.incidentsCreated.map((i) => i.errorMessage)).toEqual([
      'One step of the process activated more than 15 elements; retry the incident to go on (ENGINE_MAX_STEPS_PER_COMMAND)',
    ]);
    expect(started.jobsCreated.length).toBeGreaterThan(0);
  });

  it('elements held behind one incident resume with it, until the work is done', async () => {
    const items = Array.from({ length: 12 }, (_, i) => i + 1);
    const s = await Scenario.of(immediateItems, { maxStepsPerCommand: 10 });
    let effects = await s.start({ items });
    let rounds = 0;
    while (effects.incidentsCreated.length) {
      // Never one incident per held element: one at a time.
      expect(effects.incidentsCreated).toHaveLength(1);
      effects = await s.act((r) => r.retryIncident(effects.incidentsCreated[0].key));
      rounds++;
    }
    expect(rounds).toBeGreaterThan(2);
    expect(s.runner.incidents).toEqual([]);
    expect(s.job('wait')).toBeDefined();
    const done = s.all.variablesChanged.filter((v) => v.name === 'done').at(-1);
    expect(done?.value).toEqual(items.map((i) => i * 2));
  });

  it('when the element with the incident is ended, the elements held behind it wait behind a new one', async () => {
    // Branch A loops inside a sub-process with a timer; branch B, a long chain, advances beside it
    // (breadth first) and what is left of it holds behind the incident A's loop gets.
    const xml = bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'split')}
      <bpmn:parallelGateway id="split" />${flow('toA', 'split', 'looping')}${flow('toB', 'split', 'other0')}
      <bpmn:subProcess id="looping">
        <bpmn:startEvent id="innerStart" />${flow('i0', 'innerStart', 'again')}
        <bpmn:exclusiveGateway id="again" default="round" />
        ${flow('out', 'again', 'innerEnd', '=false')}${flow('round', 'again', 'mark')}
        <bpmn:intermediateThrowEvent id="mark" />${flow('back', 'mark', 'again')}
        <bpmn:endEvent id="innerEnd" />
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="enough" attachedToRef="looping"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      ${flow('fA', 'enough', 'endA')}<bpmn:endEvent id="endA" />
      ${Array.from({ length: 15 }, (_, i) => `<bpmn:intermediateThrowEvent id="other${i}" />${flow(`fB${i}`, `other${i}`, i === 14 ? 'task' : `other${i + 1}`)}`).join('')}
      <bpmn:userTask id="task" />${flow('fT', 'task', 'endB')}<bpmn:endEvent id="endB" />`);
    const s = await Scenario.of(xml, { maxStepsPerCommand: 21 });
    const started = await s.start();
    expect(started.incidentsCreated.map((i) => i.elementId)).toEqual(['again']);
    expect(s.runner.jobs).toEqual([]);

    const fired = await s.act((r) => r.triggerTimer(s.timerKey('enough')));
    expect(fired.incidentsResolved).toHaveLength(1);
    expect(fired.incidentsCreated.map((i) => i.elementId)).toEqual(['other9']);

    await s.act((r) => r.retryIncident(fired.incidentsCreated[0].key));
    expect(s.runner.incidents).toEqual([]);
    expect(s.job('task')).toBeDefined();
  });
});
