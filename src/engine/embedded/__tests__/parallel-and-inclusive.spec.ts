import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

describe('parallel gateway', () => {
  const model = bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
    <bpmn:parallelGateway id="fork" />
    ${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}
    ${serviceTask('a', 'a')}${serviceTask('b', 'b')}
    ${flow('fa2', 'a', 'join')}${flow('fb2', 'b', 'join')}
    <bpmn:parallelGateway id="join" />
    ${flow('f9', 'join', 'end')}<bpmn:endEvent id="end" />`);

  it('forks into both branches and joins when both arrived', async () => {
    const s = await Scenario.of(model);
    const started = await s.start({});
    expect(trail(started).slice(4)).toEqual([
      'ACTIVATED fork',
      'COMPLETED fork',
      'TAKEN fa',
      'TAKEN fb',
      'ACTIVATED a',
      'ACTIVATED b',
    ]);
    expect(started.jobsCreated.map((j) => j.elementId)).toEqual(['a', 'b']);

    const afterB = await s.completeJob('b', { fromB: 1 });
    expect(trail(afterB)).toEqual(['COMPLETED b', 'TAKEN fb2']);
    expect(afterB.instanceEnded).toBeNull();

    const afterA = await s.completeJob('a', { fromA: 1 });
    expect(trail(afterA)).toEqual([
      'COMPLETED a',
      'TAKEN fa2',
      'ACTIVATED join',
      'COMPLETED join',
      'TAKEN f9',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    expect(afterA.instanceEnded?.variables).toEqual({ fromA: 1, fromB: 1 });
  });
});

describe('inclusive gateway', () => {
  const model = bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'split')}
    <bpmn:inclusiveGateway id="split" default="fDefault" />
    ${flow('fIsee', 'split', 'isee', '=needsIsee')}
    ${flow('fHome', 'split', 'homeVisit', '=needsVisit')}
    ${flow('fDefault', 'split', 'interview')}
    ${serviceTask('isee', 'isee')}${serviceTask('homeVisit', 'visit')}${serviceTask('interview', 'interview')}
    ${flow('f1', 'isee', 'merge')}${flow('f2', 'homeVisit', 'merge')}${flow('f3', 'interview', 'merge')}
    <bpmn:inclusiveGateway id="merge" />
    ${flow('f9', 'merge', 'decide')}${serviceTask('decide', 'decide')}`);

  it('takes every true branch and the join waits for exactly those', async () => {
    const s = await Scenario.of(model);
    const started = await s.start({ needsIsee: true, needsVisit: true });
    expect(started.jobsCreated.map((j) => j.elementId)).toEqual(['isee', 'homeVisit']);

    const first = await s.completeJob('homeVisit');
    expect(trail(first)).toEqual(['COMPLETED homeVisit', 'TAKEN f2']);
    const second = await s.completeJob('isee');
    expect(trail(second)).toEqual([
      'COMPLETED isee',
      'TAKEN f1',
      'ACTIVATED merge',
      'COMPLETED merge',
      'TAKEN f9',
      'ACTIVATED decide',
    ]);
    expect(second.jobsCreated.map((j) => j.elementId)).toEqual(['decide']);
  });

  it('takes the default flow when no condition holds, and the join goes on with that one branch', async () => {
    const s = await Scenario.of(model);
    const started = await s.start({ needsIsee: false, needsVisit: false });
    expect(started.jobsCreated.map((j) => j.elementId)).toEqual(['interview']);
    const done = await s.completeJob('interview');
    expect(trail(done)).toEqual([
      'COMPLETED interview',
      'TAKEN f3',
      'ACTIVATED merge',
      'COMPLETED merge',
      'TAKEN f9',
      'ACTIVATED decide',
    ]);
  });

  it('a failing condition holds the split with an incident', async () => {
    const s = await Scenario.of(model);
    const started = await s.start({ needsIsee: true });
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({ elementId: 'split', errorType: 'EXTRACT_VALUE_ERROR' }),
    ]);
    await s.act((r) => r.setVariables(r.processInstanceKey, { needsVisit: false }));
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(retried.jobsCreated.map((j) => j.elementId)).toEqual(['isee']);
  });
});

describe('parallel join (Zeebe counts tokens per incoming flow, never a branch not taken)', () => {
  it('after an exclusive choice it waits for the branch that was not taken, and the instance stays active', async () => {
    const s = await Scenario.of(
      bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'choose')}
    <bpmn:exclusiveGateway id="choose" default="toRight" />
    ${flow('toLeft', 'choose', 'left', '=goLeft')}${flow('toRight', 'choose', 'right')}
    ${serviceTask('left', 'left')}${serviceTask('right', 'right')}
    ${flow('fromLeft', 'left', 'join')}${flow('fromRight', 'right', 'join')}
    <bpmn:parallelGateway id="join" />
    ${flow('f9', 'join', 'end')}<bpmn:endEvent id="end" />`),
    );
    await s.start({ goLeft: true });
    const afterLeft = await s.completeJob('left');
    expect(trail(afterLeft)).toEqual(['COMPLETED left', 'TAKEN fromLeft']);
    expect(afterLeft.instanceEnded).toBeNull();
    // The stored state still holds the token: a later command changes nothing at the join.
    const again = await s.act((r) => r.setVariables(r.processInstanceKey, { x: 1 }));
    expect(trail(again)).toEqual([]);
    expect(again.instanceEnded).toBeNull();
  });

  it('a second token on one flow waits for the next activation instead of being swallowed', async () => {
    const s = await Scenario.of(
      bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
    <bpmn:parallelGateway id="fork" />
    ${flow('toP1', 'fork', 'p1')}${flow('toP2', 'fork', 'p2')}${flow('toB', 'fork', 'b')}
    <bpmn:manualTask id="p1" /><bpmn:manualTask id="p2" />
    ${flow('p1m', 'p1', 'merge')}${flow('p2m', 'p2', 'merge')}
    <bpmn:exclusiveGateway id="merge" />${flow('fm', 'merge', 'join')}
    ${serviceTask('b', 'b')}${flow('fb', 'b', 'join')}
    <bpmn:parallelGateway id="join" />
    ${flow('f9', 'join', 'after')}${serviceTask('after', 'after')}`),
    );
    const started = await s.start({});
    expect(trail(started).filter((e) => e.endsWith(' join'))).toEqual([]);
    const afterB = await s.completeJob('b');
    expect(trail(afterB).filter((e) => e.endsWith(' join'))).toEqual([
      'ACTIVATED join',
      'COMPLETED join',
    ]);
    expect(afterB.jobsCreated.map((j) => j.elementId)).toEqual(['after']);
    // One token of fm is still at the join: the scope is not over when `after` completes.
    const afterAfter = await s.completeJob('after');
    expect(afterAfter.instanceEnded).toBeNull();
  });

  it('a parallel section on a branch not taken is passed over and the process completes', async () => {
    const s = await Scenario.of(
      bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'choose')}
    <bpmn:exclusiveGateway id="choose" default="toC" />
    ${flow('toFork', 'choose', 'fork', '=both')}${flow('toC', 'choose', 'c')}
    <bpmn:parallelGateway id="fork" />
    ${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}
    ${serviceTask('a', 'a')}${serviceTask('b', 'b')}
    ${flow('fa2', 'a', 'join')}${flow('fb2', 'b', 'join')}
    <bpmn:parallelGateway id="join" />${flow('fj', 'join', 'end2')}<bpmn:endEvent id="end2" />
    ${serviceTask('c', 'c')}${flow('fc', 'c', 'end')}<bpmn:endEvent id="end" />`),
    );
    const started = await s.start({ both: false });
    expect(started.jobsCreated.map((j) => j.elementId)).toEqual(['c']);
    const done = await s.completeJob('c');
    expect(done.instanceEnded).not.toBeNull();
  });
});
