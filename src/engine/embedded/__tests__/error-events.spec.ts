import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

const errors = `
  <bpmn:error id="Error_Rejected" name="Rejected" errorCode="REJECTED" />
  <bpmn:error id="Error_Any" name="Any" />`;

const errorBoundary = (id: string, attachedTo: string, errorRef?: string, extra = '') =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}">${extra}<bpmn:errorEventDefinition ${errorRef ? `errorRef="${errorRef}"` : ''} /></bpmn:boundaryEvent>`;

describe('BPMN errors', () => {
  const model = bpmn(
    `
    <bpmn:startEvent id="start" />
    ${flow('f1', 'start', 'verify')}
    ${serviceTask('verify', 'verify-documents')}
    ${errorBoundary('rejected', 'verify', 'Error_Rejected', '<bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=reason" target="rejectionReason" /></zeebe:ioMapping></bpmn:extensionElements>')}
    ${errorBoundary('anyError', 'verify')}
    ${flow('f2', 'verify', 'ok')}
    <bpmn:endEvent id="ok" />
    ${flow('f3', 'rejected', 'notify')}
    ${serviceTask('notify', 'notify-rejection')}
    ${flow('f4', 'anyError', 'manual')}
    ${serviceTask('manual', 'manual-check')}`,
    errors,
  );

  it('a worker error with a matching code goes to that boundary (before the catch-all), with its variables', async () => {
    // Given a task with a REJECTED boundary and a catch-all boundary
    const s = await Scenario.of(model);
    await s.start({ applicant: 'A' });
    const job = s.job('verify');

    // When the worker throws REJECTED with variables
    const thrown = await s.act((r) =>
      r.throwError(job.key, 'REJECTED', 'missing ISEE', { reason: 'no ISEE' }),
    );

    // Then the task is terminated, the boundary activates, maps its output, and the flow goes on
    expect(trail(thrown)).toEqual([
      'TERMINATED verify',
      'ACTIVATED rejected',
      'COMPLETED rejected',
      'TAKEN f3',
      'ACTIVATED notify',
    ]);
    expect(thrown.jobsCancelled).toEqual([]); // the thrown job is gone, not cancelled
    expect(thrown.incidentsCreated).toEqual([]);
    expect(s.runner.getVariables()).toEqual({ applicant: 'A', rejectionReason: 'no ISEE' });
    expect(() => s.runner.completeJob(job.key)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('an error with another code goes to the catch-all boundary', async () => {
    const s = await Scenario.of(model);
    await s.start({});
    const thrown = await s.act((r) => r.throwError(s.job('verify').key, 'TIMEOUT'));
    expect(trail(thrown)).toEqual([
      'TERMINATED verify',
      'ACTIVATED anyError',
      'COMPLETED anyError',
      'TAKEN f4',
      'ACTIVATED manual',
    ]);
  });

  it('an uncaught error raises UNHANDLED_ERROR_EVENT; resolving it offers the job again', async () => {
    // Given a task without error boundary
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'verify')}
      ${serviceTask('verify', 'verify-documents')}${flow('f2', 'verify', 'end')}
      <bpmn:endEvent id="end" />`),
    );
    await s.start({});
    const job = s.job('verify');

    // When the worker throws
    const thrown = await s.act((r) => r.throwError(job.key, 'REJECTED', 'bad'));

    // Then an incident, the element stays where it is
    expect(thrown.flowEvents).toEqual([]);
    expect(thrown.incidentsCreated).toEqual([
      expect.objectContaining({
        errorType: 'UNHANDLED_ERROR_EVENT',
        elementId: 'verify',
        jobKey: job.key,
      }),
    ]);
    expect(thrown.incidentsCreated[0].errorMessage).toContain("'REJECTED'");
    expect(() => s.runner.completeJob(job.key)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );

    // When the incident is resolved, the same job is offered again and can complete
    const retried = await s.act((r) => r.retryIncident(thrown.incidentsCreated[0].key));
    expect(retried.jobsCreated).toEqual([
      expect.objectContaining({ key: job.key, reoffered: true }),
    ]);
    const done = await s.completeJob('verify');
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  it('an error thrown inside a sub-process is caught by the boundary on the sub-process', async () => {
    const s = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'sub')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="s0" />${flow('s1', 's0', 'inner')}
        ${serviceTask('inner', 'inner')}
        ${serviceTask('parallel', 'parallel')}${flow('s2', 's0', 'parallel')}
      </bpmn:subProcess>
      ${errorBoundary('caught', 'sub', 'Error_Rejected')}
      ${flow('f2', 'caught', 'after')}
      ${serviceTask('after', 'after')}`,
        errors,
      ),
    );
    await s.start({});
    const thrown = await s.act((r) => r.throwError(s.job('inner').key, 'REJECTED'));
    // Zeebe: the sub-process and everything in it is terminated (children first), then the boundary
    expect(trail(thrown)).toEqual([
      'TERMINATED inner',
      'TERMINATED parallel',
      'TERMINATED sub',
      'ACTIVATED caught',
      'COMPLETED caught',
      'TAKEN f2',
      'ACTIVATED after',
    ]);
    expect(
      thrown.jobsCancelled.map((j) => s.all.jobsCreated.find((c) => c.key === j.key)?.elementId),
    ).toEqual(['parallel']);
  });

  it('an error end event is caught by the enclosing boundary; an uncaught one is an incident', async () => {
    const withCatch = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'sub')}
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="s0" />${flow('s1', 's0', 'check')}
        ${serviceTask('check', 'check')}${flow('s2', 'check', 'fail')}
        <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="Error_Rejected" /></bpmn:endEvent>
      </bpmn:subProcess>
      ${errorBoundary('caught', 'sub', 'Error_Rejected')}
      ${flow('f2', 'caught', 'end')}<bpmn:endEvent id="end" />`,
        errors,
      ),
    );
    await withCatch.start({});
    const caught = await withCatch.completeJob('check');
    expect(trail(caught)).toEqual([
      'COMPLETED check',
      'TAKEN s2',
      'ACTIVATED fail',
      'TERMINATED fail',
      'TERMINATED sub',
      'ACTIVATED caught',
      'COMPLETED caught',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);

    const uncaught = await Scenario.of(
      bpmn(
        `
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'fail')}
      <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="Error_Rejected" /></bpmn:endEvent>`,
        errors,
      ),
    );
    const started = await uncaught.start({});
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'fail' }),
    ]);
    expect(started.instanceEnded).toBeNull();
    await uncaught.roundTrip();
    expect(uncaught.runner.incidents).toHaveLength(1);
  });

  it('an uncaught worker error goes to the parent when the parent catches it (call activity child)', async () => {
    const s = await Scenario.of(
      bpmn(
        `<bpmn:startEvent id="start" />${flow('f1', 'start', 'work')}${serviceTask('work', 'w')}`,
      ),
      { canParentCatchError: (code) => code === 'REJECTED' },
    );
    await s.start({ x: 1 });
    const thrown = await s.act((r) =>
      r.throwError(s.job('work').key, 'REJECTED', 'no', { why: 'no' }),
    );
    expect(trail(thrown)).toEqual(['TERMINATED work', 'TERMINATED process']);
    expect(thrown.instanceEnded).toEqual({
      state: 'TERMINATED',
      variables: { x: 1 },
      errorPropagated: { errorCode: 'REJECTED', errorMessage: 'no', variables: { why: 'no' } },
    });
  });
});
