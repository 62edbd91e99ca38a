import { bpmn, flow, Scenario, trail } from './harness';

const userTask = (id: string, extensions: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:userTask>`;

const model = (task: string) =>
  bpmn(`
    <bpmn:startEvent id="start" />
    ${flow('f1', 'start', 'review')}
    ${task}
    ${flow('f2', 'review', 'end')}
    <bpmn:endEvent id="end" />`);

describe('user tasks (job-based, as Zeebe runs them)', () => {
  it('creates an io.camunda.zeebe:userTask job with the assignment, schedule and form headers, evaluated at activation', async () => {
    // Given a user task with FEEL and static attributes
    const s = await Scenario.of(
      model(
        userTask(
          'review',
          `<zeebe:assignmentDefinition assignee="=caseworker" candidateGroups="social-workers, =ignored" candidateUsers="=[&quot;ada&quot;, &quot;bob&quot;]" />
           <zeebe:taskSchedule dueDate="=now() + duration(&quot;P10D&quot;)" followUpDate="2025-02-01T10:00:00+01:00" />
           <zeebe:formDefinition formKey="camunda-forms:bpmn:reviewForm" />
           <zeebe:taskHeaders><zeebe:header key="path" value="minori" /></zeebe:taskHeaders>`,
        ),
      ),
    );

    // When the instance starts (clock: 2025-01-15T09:00Z)
    const started = await s.start({ caseworker: 'maria.rossi' });

    // Then the job carries Zeebe's headers
    expect(started.jobsCreated).toHaveLength(1);
    const job = started.jobsCreated[0];
    expect(job.type).toBe('io.camunda.zeebe:userTask');
    expect(job.retries).toBe(1);
    expect(job.customHeaders).toEqual({
      path: 'minori',
      'io.camunda.zeebe:assignee': 'maria.rossi',
      'io.camunda.zeebe:candidateGroups': '["social-workers","=ignored"]',
      'io.camunda.zeebe:candidateUsers': '["ada","bob"]',
      'io.camunda.zeebe:dueDate': '2025-01-25T09:00:00.000Z',
      'io.camunda.zeebe:followUpDate': '2025-02-01T10:00:00+01:00',
      'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:reviewForm',
    });

    // When the caseworker submits the form
    const done = await s.completeJob('review', { approved: true });
    expect(trail(done)).toEqual([
      'COMPLETED review',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    expect(done.instanceEnded?.variables).toEqual({ caseworker: 'maria.rossi', approved: true });
  });

  it('resolves a linked form id through the injected resolver, or raises FORM_NOT_FOUND', async () => {
    const xml = model(userTask('review', '<zeebe:formDefinition formId="intake-form" />'));
    const found = await Scenario.of(xml, {
      resolveFormKey: (id) => (id === 'intake-form' ? '2251799813699999' : null),
    });
    const ok = await found.start({});
    expect(ok.jobsCreated[0].customHeaders['io.camunda.zeebe:formKey']).toBe('2251799813699999');

    const missing = await Scenario.of(xml, { resolveFormKey: () => null });
    const failed = await missing.start({});
    expect(failed.jobsCreated).toEqual([]);
    expect(failed.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'FORM_NOT_FOUND', elementId: 'review' }),
    ]);
  });

  it('raises an incident when the assignee expression does not give a string', async () => {
    const s = await Scenario.of(
      model(userTask('review', '<zeebe:assignmentDefinition assignee="=owner" />')),
    );
    const started = await s.start({});
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'review' }),
    ]);
    await s.act((r) => r.setVariables(r.processInstanceKey, { owner: 'luca' }));
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(retried.jobsCreated[0].customHeaders['io.camunda.zeebe:assignee']).toBe('luca');
  });
});
