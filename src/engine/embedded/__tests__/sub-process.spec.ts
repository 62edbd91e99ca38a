import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

const model = (outputSource: string) =>
  bpmn(`
    <bpmn:startEvent id="start" />${flow('f1', 'start', 'sub')}
    <bpmn:subProcess id="sub">
      <bpmn:extensionElements>
        <zeebe:ioMapping>
          <zeebe:input source="=applicant.name" target="name" />
          <zeebe:output source="${outputSource}" target="summary" />
        </zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:startEvent id="s0" />${flow('s1', 's0', 'inner')}
      ${serviceTask('inner', 'inner')}${flow('s2', 'inner', 's9')}
      <bpmn:endEvent id="s9" />
    </bpmn:subProcess>
    ${flow('f2', 'sub', 'after')}${serviceTask('after', 'after')}`);

describe('embedded sub-process', () => {
  it('has its own scope: inputs on entry, outputs to the parent on completion', async () => {
    const s = await Scenario.of(model('=name + &quot;: &quot; + string(result)'));
    const started = await s.start({ applicant: { name: 'Ada' } });
    const sub = started.flowEvents.find((e) => e.elementId === 'sub')!;
    const inner = started.flowEvents.find((e) => e.elementId === 'inner')!;
    expect(inner.flowScopeKey).toBe(sub.elementInstanceKey);
    expect(trail(started).slice(4)).toEqual([
      'ACTIVATED sub',
      'ACTIVATED s0',
      'COMPLETED s0',
      'TAKEN s1',
      'ACTIVATED inner',
    ]);
    expect(s.runner.getVariables(sub.elementInstanceKey).name).toBe('Ada');

    const done = await s.completeJob('inner', { result: 7 });
    expect(trail(done)).toEqual([
      'COMPLETED inner',
      'TAKEN s2',
      'ACTIVATED s9',
      'COMPLETED s9',
      'COMPLETED sub',
      'TAKEN f2',
      'ACTIVATED after',
    ]);
    // result went to the root (nobody defined it); summary via the output mapping; name stayed in the sub-process
    expect(s.runner.getVariables()).toEqual({
      applicant: { name: 'Ada' },
      result: 7,
      summary: 'Ada: 7',
    });
  });

  it('an output mapping that fails holds the sub-process in completion, across storage, until retried', async () => {
    const s = await Scenario.of(model('=assert(missing.value, missing != null)'));
    await s.start({ applicant: { name: 'Ada' } });
    const done = await s.completeJob('inner', { result: 7 });
    expect(trail(done)).toEqual(['COMPLETED inner', 'TAKEN s2', 'ACTIVATED s9', 'COMPLETED s9']);
    expect(done.incidentsCreated).toEqual([
      expect.objectContaining({ elementId: 'sub', errorType: 'EXTRACT_VALUE_ERROR' }),
    ]);

    await s.roundTrip();
    await s.act((r) => r.setVariables(r.processInstanceKey, { missing: { value: 'found' } }));
    const retried = await s.act((r) => r.retryIncident(done.incidentsCreated[0].key));
    expect(trail(retried)).toEqual(['COMPLETED sub', 'TAKEN f2', 'ACTIVATED after']);
    expect(s.runner.getVariables().summary).toBe('found');
  });

  it('an input mapping that fails holds the sub-process before its inner flow; retried on a reloaded runner, the inner flow is stored from then on', async () => {
    const s = await Scenario.of(
      bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
    <bpmn:subProcess id="sub">
      <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=assert(reason, reason != null)" target="why" /></zeebe:ioMapping></bpmn:extensionElements>
      <bpmn:startEvent id="s0" />${flow('k0', 's0', 'inner')}${serviceTask('inner', 'inner')}${flow('k1', 'inner', 's9')}<bpmn:endEvent id="s9" />
    </bpmn:subProcess>${flow('f1', 'sub', 'end')}<bpmn:endEvent id="end" />`),
    );
    const started = await s.start();
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({ elementId: 'sub', errorType: 'EXTRACT_VALUE_ERROR' }),
    ]);
    await s.act((r) => r.setVariables(r.processInstanceKey, { reason: 'sfratto' }));
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(trail(retried)).toEqual([
      'ACTIVATED sub',
      'ACTIVATED s0',
      'COMPLETED s0',
      'TAKEN k0',
      'ACTIVATED inner',
    ]);
    // Before the fix the next reload started the inner flow again: a second job for `inner`.
    const done = await s.completeJob('inner');
    expect(trail(done)).toEqual([
      'COMPLETED inner',
      'TAKEN k1',
      'ACTIVATED s9',
      'COMPLETED s9',
      'COMPLETED sub',
      'TAKEN f1',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
  });
});
