import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

const model = (withDefault: boolean) =>
  bpmn(`
    <bpmn:startEvent id="start" />
    ${flow('f0', 'start', 'decide')}
    <bpmn:exclusiveGateway id="decide" ${withDefault ? 'default="toStandard"' : ''} />
    ${flow('toUrgent', 'decide', 'urgent', '=risk > 7')}
    ${flow('toReview', 'decide', 'review', '=risk > 3')}
    ${withDefault ? flow('toStandard', 'decide', 'standard') : ''}
    ${serviceTask('urgent', 'urgent')}
    ${serviceTask('review', 'review')}
    ${withDefault ? serviceTask('standard', 'standard') : ''}`);

describe('exclusive gateway', () => {
  it.each([
    [9, 'urgent', 'toUrgent'],
    [5, 'review', 'toReview'],
    [1, 'standard', 'toStandard'],
  ])(
    'risk %p takes the first true condition in model order, else the default (%s)',
    async (risk, task, flowId) => {
      const s = await Scenario.of(model(true));
      const started = await s.start({ risk });
      expect(trail(started).slice(4)).toEqual([
        'ACTIVATED decide',
        'COMPLETED decide',
        `TAKEN ${flowId}`,
        `ACTIVATED ${task}`,
      ]);
      expect(started.jobsCreated.map((j) => j.elementId)).toEqual([task]);
    },
  );

  it('raises an incident on a condition that fails, and takes the right flow after setVariables + retryIncident', async () => {
    // Given the gateway and an instance without `risk`
    const s = await Scenario.of(model(true));
    const started = await s.start({});

    // Then the gateway waits, not yet activated (as in Zeebe), with an incident (FEEL: no variable 'risk')
    expect(trail(started).slice(4)).toEqual([]);
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'decide' }),
    ]);
    expect(started.incidentsCreated[0].errorMessage).toContain("'risk'");
    expect(s.runner.jobs).toEqual([]);

    // When the operator fixes the data and retries (on a recovered runner)
    await s.act((r) => r.setVariables(r.processInstanceKey, { risk: 8 }));
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));

    // Then the incident is resolved and the gateway continues
    expect(retried.incidentsResolved).toHaveLength(1);
    expect(trail(retried)).toEqual([
      'ACTIVATED decide',
      'COMPLETED decide',
      'TAKEN toUrgent',
      'ACTIVATED urgent',
    ]);
  });

  it('raises CONDITION_ERROR when nothing matches and there is no default flow', async () => {
    const s = await Scenario.of(model(false));
    const started = await s.start({ risk: 0 });
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({
        errorType: 'CONDITION_ERROR',
        errorMessage:
          'Expected at least one condition to evaluate to true, or to have a default flow',
      }),
    ]);
    await s.act((r) => r.setVariables(r.processInstanceKey, { risk: 4 }));
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(trail(retried)).toEqual([
      'ACTIVATED decide',
      'COMPLETED decide',
      'TAKEN toReview',
      'ACTIVATED review',
    ]);
  });

  it('raises an incident when a condition is not boolean: a number sent as text does not route the case', async () => {
    // FEEL compares values of one type only: "15" > 7 is null, not true (feelin said true).
    for (const risk of ['15', 'high']) {
      const s = await Scenario.of(model(true));
      const started = await s.start({ risk });
      expect(started.incidentsCreated.map((i) => i.errorMessage)).toEqual([
        "Expected result of the expression '=risk > 7' to be 'BOOLEAN', but was 'NULL'.",
      ]);
    }
    const missing = await (await Scenario.of(model(true))).start({});
    expect(missing.incidentsCreated.map((i) => i.errorMessage)).toEqual([
      "Expected result of the expression '=risk > 7' to be 'BOOLEAN', but was 'NULL'. The evaluation reported the following warnings:\n[NO_VARIABLE_FOUND] Variable 'risk' not found",
    ]);
    const other = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f0', 'start', 'g')}
      <bpmn:exclusiveGateway id="g" />${flow('a', 'g', 'end', '=risk')}
      <bpmn:endEvent id="end" />`),
    );
    const failed = await other.start({ risk: 3 });
    expect(failed.incidentsCreated[0].errorMessage).toContain("to be 'BOOLEAN', but was 'NUMBER'");
  });
});
