import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

describe('signals', () => {
  it('a signal throw event broadcasts (an effect) with its input-mapped variables and goes on', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'announce')}
      <bpmn:intermediateThrowEvent id="announce">
        <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=caseNumber" target="caseRef" /></zeebe:ioMapping></bpmn:extensionElements>
        <bpmn:signalEventDefinition signalRef="Sig" />
      </bpmn:intermediateThrowEvent>
      ${flow('f2', 'announce', 'end')}<bpmn:endEvent id="end" />`,
        '<bpmn:signal id="Sig" name="=&quot;case-closed-&quot; + area" />',
      ),
    );
    const started = await s.start({ caseNumber: 'C-1', area: 'north' });
    const announce = started.flowEvents.find((e) => e.elementId === 'announce')!;
    expect(started.signalsBroadcast).toEqual([
      {
        signalName: 'case-closed-north',
        variables: { caseRef: 'C-1' },
        elementId: 'announce',
        elementInstanceKey: announce.elementInstanceKey,
      },
    ]);
    expect(trail(started).slice(-6)).toEqual([
      'ACTIVATED announce',
      'COMPLETED announce',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
  });

  it('a signal catch event subscribes and continues when the durable layer delivers the signal', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
      <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="Sig" /></bpmn:intermediateCatchEvent>
      ${flow('f2', 'wait', 'task')}${serviceTask('task', 't')}`,
        '<bpmn:signal id="Sig" name="budget-approved" />',
      ),
    );
    const started = await s.start({});
    expect(started.subscriptionsOpened).toEqual([
      expect.objectContaining({
        kind: 'signal',
        name: 'budget-approved',
        correlationKey: null,
        elementId: 'wait',
      }),
    ]);
    const delivered = await s.act((r) =>
      r.correlateMessage(started.subscriptionsOpened[0].key, { budget: 1000 }),
    );
    expect(trail(delivered)).toEqual(['COMPLETED wait', 'TAKEN f2', 'ACTIVATED task']);
    expect(s.runner.getVariables().budget).toBe(1000);
  });
});

describe('escalations', () => {
  const model = (interrupting: boolean) =>
    bpmn(
      `
    <bpmn:startEvent id="start" />${flow('f1', 'start', 'sub')}
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="s0" />${flow('s1', 's0', 'raise')}
      <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:intermediateThrowEvent>
      ${flow('s2', 'raise', 'work')}${serviceTask('work', 'work')}
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="caught" attachedToRef="sub" cancelActivity="${interrupting}"><bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:boundaryEvent>
    ${flow('f2', 'caught', 'manager')}${serviceTask('manager', 'manager')}`,
      '<bpmn:escalation id="Esc" escalationCode="LATE" />',
    );

  it('a non-interrupting catch: the boundary path runs and the throwing path goes on', async () => {
    const s = await Scenario.of(model(false));
    const started = await s.start({});
    expect(started.jobsCreated.map((j) => j.elementId).sort()).toEqual(['manager', 'work']);
    expect(trail(started)).toContain('COMPLETED raise');
    expect(trail(started)).toContain('ACTIVATED caught');
  });

  it('an interrupting catch terminates the sub-process', async () => {
    const s = await Scenario.of(model(true));
    const started = await s.start({});
    expect(started.jobsCreated.map((j) => j.elementId)).toEqual(['manager']);
    expect(trail(started).slice(-8)).toEqual([
      'TAKEN s1',
      'ACTIVATED raise',
      'TERMINATED raise',
      'TERMINATED sub',
      'ACTIVATED caught',
      'COMPLETED caught',
      'TAKEN f2',
      'ACTIVATED manager',
    ]);
  });

  it('an uncaught escalation is no incident: the throw event just completes', async () => {
    const s = await Scenario.of(
      bpmn(
        `<bpmn:startEvent id="start" />${flow('f1', 'start', 'raise')}
      <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:intermediateThrowEvent>
      ${flow('f2', 'raise', 'end')}<bpmn:endEvent id="end" />`,
        '<bpmn:escalation id="Esc" escalationCode="LATE" />',
      ),
    );
    const started = await s.start({});
    expect(started.incidentsCreated).toEqual([]);
    expect(started.instanceEnded?.state).toBe('COMPLETED');
  });
});
