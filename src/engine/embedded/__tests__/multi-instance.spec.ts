import { bpmn, flow, Scenario, trail } from './harness';

const miTask = (sequential: boolean, completion = '') => `
  <bpmn:serviceTask id="visit">
    <bpmn:extensionElements>
      <zeebe:taskDefinition type="home-visit" />
      <zeebe:ioMapping><zeebe:input source="=member.name" target="memberName" /></zeebe:ioMapping>
    </bpmn:extensionElements>
    <bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}">
      <bpmn:extensionElements>
        <zeebe:loopCharacteristics inputCollection="=household" inputElement="member" outputCollection="reports" outputElement="=report" />
      </bpmn:extensionElements>
      ${completion ? `<bpmn:completionCondition>${completion}</bpmn:completionCondition>` : ''}
    </bpmn:multiInstanceLoopCharacteristics>
  </bpmn:serviceTask>`;

const model = (sequential: boolean, completion = '', boundary = '') =>
  bpmn(`
    <bpmn:startEvent id="start" />${flow('f1', 'start', 'visit')}
    ${miTask(sequential, completion)}
    ${flow('f2', 'visit', 'end')}<bpmn:endEvent id="end" />
    ${boundary}`);

const household = [{ name: 'Anna' }, { name: 'Bruno' }, { name: 'Carla' }];

describe('multi-instance', () => {
  it('parallel: one job per element with the input element and loopCounter local; the output collection in order', async () => {
    // Given a parallel multi-instance task over the household
    const s = await Scenario.of(model(false));

    // When the instance starts
    const started = await s.start({ household });

    // Then the body and three inner instances are active, each with its job and local variables
    expect(trail(started).slice(4)).toEqual([
      'ACTIVATED visit',
      'ACTIVATED visit',
      'ACTIVATED visit',
      'ACTIVATED visit',
    ]);
    expect(started.flowEvents[4].elementType).toBe('MULTI_INSTANCE_BODY');
    const bodyKey = started.flowEvents[4].elementInstanceKey;
    expect(started.flowEvents.slice(5).map((e) => [e.elementType, e.flowScopeKey])).toEqual([
      ['SERVICE_TASK', bodyKey],
      ['SERVICE_TASK', bodyKey],
      ['SERVICE_TASK', bodyKey],
    ]);
    expect(started.jobsCreated).toHaveLength(3);
    const locals = started.jobsCreated.map((j) => s.runner.getVariables(j.elementInstanceKey));
    expect(locals.map((v) => [v.loopCounter, v.memberName])).toEqual([
      [1, 'Anna'],
      [2, 'Bruno'],
      [3, 'Carla'],
    ]);
    expect(s.runner.getVariables(bodyKey).reports).toEqual([null, null, null]);

    // When the jobs complete out of order
    const [anna, bruno, carla] = started.jobsCreated;
    const c = await s.act((r) => r.completeJob(carla.key, { report: 'C ok' }));
    expect(trail(c)).toEqual(['COMPLETED visit']);
    await s.act((r) => r.completeJob(anna.key, { report: 'A ok' }));
    const last = await s.act((r) => r.completeJob(bruno.key, { report: 'B ok' }));

    // Then the body completes with the collection in input order, which reaches the process scope
    expect(trail(last)).toEqual([
      'COMPLETED visit',
      'COMPLETED visit',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    expect(last.flowEvents[1].elementType).toBe('MULTI_INSTANCE_BODY');
    expect(last.instanceEnded?.variables.reports).toEqual(['A ok', 'B ok', 'C ok']);
  });

  it('sequential: the next instance starts when the previous completes', async () => {
    const s = await Scenario.of(model(true));
    const started = await s.start({ household });
    expect(started.jobsCreated).toHaveLength(1);
    expect(s.runner.getVariables(started.jobsCreated[0].elementInstanceKey).memberName).toBe(
      'Anna',
    );

    const second = await s.completeJob('visit', { report: 'A' });
    expect(trail(second)).toEqual(['COMPLETED visit', 'ACTIVATED visit']);
    expect(s.runner.getVariables(second.jobsCreated[0].elementInstanceKey)).toMatchObject({
      memberName: 'Bruno',
      loopCounter: 2,
    });
    await s.completeJob('visit', { report: 'B' });
    const done = await s.completeJob('visit', { report: 'C' });
    expect(done.instanceEnded?.variables.reports).toEqual(['A', 'B', 'C']);
  });

  it('a completion condition ends the body early and terminates the remaining instances', async () => {
    const s = await Scenario.of(model(false, '=numberOfCompletedInstances &gt;= 2'));
    const started = await s.start({ household });
    const [anna, bruno, carla] = started.jobsCreated;
    await s.act((r) => r.completeJob(anna.key, { report: 'A' }));
    const done = await s.act((r) => r.completeJob(carla.key, { report: 'C' }));
    expect(trail(done)).toEqual([
      'COMPLETED visit',
      'TERMINATED visit',
      'COMPLETED visit',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    expect(done.jobsCancelled.map((j) => j.key)).toEqual([bruno.key]);
    expect(done.instanceEnded?.variables.reports).toEqual(['A', null, 'C']);
  });

  it('the output element is each instance’s own: an instance without a result gives null, and nothing reaches the process (Zeebe)', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'check')}
      <bpmn:serviceTask id="check">
        <bpmn:extensionElements><zeebe:taskDefinition type="check" /></bpmn:extensionElements>
        <bpmn:multiInstanceLoopCharacteristics>
          <bpmn:extensionElements>
            <zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=result" />
          </bpmn:extensionElements>
        </bpmn:multiInstanceLoopCharacteristics>
      </bpmn:serviceTask>
      ${flow('f2', 'check', 'after')}<bpmn:serviceTask id="after"><bpmn:extensionElements><zeebe:taskDefinition type="after" /></bpmn:extensionElements></bpmn:serviceTask>
      ${flow('f3', 'after', 'end')}<bpmn:endEvent id="end" />`),
    );
    const started = await s.start({ items: ['a', 'b'] });
    const [first, second] = started.jobsCreated;
    await s.act((r) => r.completeJob(first.key, { result: 'X' }));
    await s.act((r) => r.completeJob(second.key, {}));
    expect(s.runner.getVariables()).toEqual({ items: ['a', 'b'], results: ['X', null] });
  });

  it('an empty collection completes the body at once with an empty output collection', async () => {
    const s = await Scenario.of(model(false));
    const started = await s.start({ household: [] });
    expect(trail(started).slice(4)).toEqual([
      'ACTIVATED visit',
      'COMPLETED visit',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    expect(started.instanceEnded?.variables.reports).toEqual([]);
  });

  it('an input collection that is not a list is an incident on the body', async () => {
    const s = await Scenario.of(model(false));
    const started = await s.start({ household: 'none' });
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({ elementId: 'visit', errorType: 'EXTRACT_VALUE_ERROR' }),
    ]);
    expect(started.incidentsCreated[0].errorMessage).toContain("to be 'ARRAY', but was 'STRING'");
    await s.act((r) => r.setVariables(r.processInstanceKey, { household: [{ name: 'Dino' }] }));
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(trail(retried)).toEqual(['ACTIVATED visit', 'ACTIVATED visit']);
    expect(retried.jobsCreated).toHaveLength(1);
  });

  it('a boundary event sits on the body: it terminates every inner instance', async () => {
    const s = await Scenario.of(
      model(
        false,
        '',
        `<bpmn:boundaryEvent id="late" attachedToRef="visit"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
         ${flow('f3', 'late', 'lateEnd')}<bpmn:endEvent id="lateEnd" />`,
      ),
    );
    const started = await s.start({ household });
    expect(started.timersCreated).toEqual([
      expect.objectContaining({ elementInstanceKey: started.flowEvents[4].elementInstanceKey }),
    ]);
    await s.act((r) => r.completeJob(started.jobsCreated[0].key, { report: 'A' }));
    const fired = await s.act((r) => r.triggerTimer(started.timersCreated[0].key));
    expect(trail(fired)).toEqual([
      'TERMINATED visit',
      'TERMINATED visit',
      'TERMINATED visit',
      'ACTIVATED late',
      'COMPLETED late',
      'TAKEN f3',
      'ACTIVATED lateEnd',
      'COMPLETED lateEnd',
      'COMPLETED process',
    ]);
    expect(fired.jobsCancelled).toHaveLength(2);
    expect(fired.instanceEnded?.variables.reports).toBeUndefined();
  });

  it('a multi-instance sub-process: each instance has its own scope, its own inner flow, and survives storage', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'perMember')}
      <bpmn:subProcess id="perMember">
        <!-- Zeebe propagates outputs to the nearest scope that has the variable: declare it per instance -->
        <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=null" target="plan" /></zeebe:ioMapping></bpmn:extensionElements>
        <bpmn:multiInstanceLoopCharacteristics>
          <bpmn:extensionElements>
            <zeebe:loopCharacteristics inputCollection="=household" inputElement="member" outputCollection="plans" outputElement="=plan" />
          </bpmn:extensionElements>
        </bpmn:multiInstanceLoopCharacteristics>
        <bpmn:startEvent id="s0" />${flow('s1', 's0', 'assess')}
        <bpmn:serviceTask id="assess">
          <bpmn:extensionElements><zeebe:taskDefinition type="assess" />
            <zeebe:ioMapping><zeebe:output source="=member.name + &quot;: &quot; + need" target="plan" /></zeebe:ioMapping>
          </bpmn:extensionElements>
        </bpmn:serviceTask>
        ${flow('s2', 'assess', 'plan')}
        <bpmn:serviceTask id="plan"><bpmn:extensionElements><zeebe:taskDefinition type="plan" /></bpmn:extensionElements></bpmn:serviceTask>
        ${flow('s3', 'plan', 's9')}<bpmn:endEvent id="s9" />
      </bpmn:subProcess>
      ${flow('f2', 'perMember', 'end')}<bpmn:endEvent id="end" />`),
    );
    const started = await s.start({ household: household.slice(0, 2) });
    expect(started.jobsCreated.map((j) => j.elementId)).toEqual(['assess', 'assess']);
    const [anna, bruno] = started.jobsCreated;
    const inner = started.flowEvents.filter(
      (e) => e.elementId === 'perMember' && e.elementType === 'SUB_PROCESS',
    );
    expect(inner).toHaveLength(2);
    expect(s.runner.getVariables(inner[1].elementInstanceKey)).toMatchObject({
      member: { name: 'Bruno' },
      loopCounter: 2,
    });

    const a1 = await s.act((r) => r.completeJob(anna.key, { need: 'school' }));
    expect(trail(a1)).toEqual(['COMPLETED assess', 'TAKEN s2', 'ACTIVATED plan']);
    // plan went to Anna's sub-process scope (output mapping to the flow scope)
    expect(s.runner.getVariables(inner[0].elementInstanceKey).plan).toBe('Anna: school');
    await s.act((r) => r.completeJob(bruno.key, { need: 'housing' }));
    const plans = s.runner.jobs.filter((j) => j.elementId === 'plan');
    await s.act((r) => r.completeJob(plans[1].key));
    const done = await s.act((r) => r.completeJob(plans[0].key));
    expect(trail(done).slice(-6)).toEqual([
      'COMPLETED perMember',
      'COMPLETED perMember',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    expect(done.instanceEnded?.variables.plans).toEqual(['Anna: school', 'Bruno: housing']);
  });
});
