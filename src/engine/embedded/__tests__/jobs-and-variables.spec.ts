import { CommandError } from '../runtime/instance-runtime';
import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

const io = (inputs: Array<[string, string]>, outputs: Array<[string, string]> = []) =>
  `<zeebe:ioMapping>${inputs.map(([s, t]) => `<zeebe:input source="${s}" target="${t}" />`).join('')}${outputs
    .map(([s, t]) => `<zeebe:output source="${s}" target="${t}" />`)
    .join('')}</zeebe:ioMapping>`;

const twoTasks = (first: string, second: string) =>
  bpmn(`
    <bpmn:startEvent id="start" />
    ${flow('f1', 'start', 'first')}
    ${first}
    ${flow('f2', 'first', 'second')}
    ${second}
    ${flow('f3', 'second', 'end')}
    <bpmn:endEvent id="end" />`);

describe('jobs and variables', () => {
  it('creates a job with its headers when the task activates and completes the instance with the job variables', async () => {
    // Given a service task with a FEEL job type, FEEL retries and headers
    const s = await Scenario.of(
      twoTasks(
        serviceTask(
          'first',
          '=&quot;check-&quot; + kind',
          '<zeebe:taskHeaders><zeebe:header key="channel" value="pec" /></zeebe:taskHeaders>',
        ).replace(
          'type="=&quot;check-&quot; + kind"',
          'type="=&quot;check-&quot; + kind" retries="=attempts"',
        ),
        serviceTask('second', 'notify'),
      ),
    );

    // When the instance starts
    const started = await s.start({ kind: 'isee', attempts: 5 });

    // Then the job is there, expressions evaluated at activation
    expect(trail(started)).toEqual([
      'ACTIVATED process',
      'ACTIVATED start',
      'COMPLETED start',
      'TAKEN f1',
      'ACTIVATED first',
    ]);
    expect(started.jobsCreated).toEqual([
      expect.objectContaining({
        type: 'check-isee',
        retries: 5,
        elementId: 'first',
        customHeaders: { channel: 'pec' },
        reoffered: false,
      }),
    ]);
    expect(started.jobsCreated[0].elementInstanceKey).toBe(
      started.flowEvents[4].elementInstanceKey,
    );

    // When both jobs complete (each on a runner recovered from stored state)
    const first = await s.completeJob('first', { score: 12 });
    expect(trail(first)).toEqual(['COMPLETED first', 'TAKEN f2', 'ACTIVATED second']);
    expect(first.jobsCreated.map((j) => j.type)).toEqual(['notify']);
    const done = await s.completeJob('second', { notified: true });

    // Then the variables went to the root scope and the instance completed
    expect(trail(done)).toEqual([
      'COMPLETED second',
      'TAKEN f3',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
    expect(done.instanceEnded).toEqual({
      state: 'COMPLETED',
      variables: { kind: 'isee', attempts: 5, score: 12, notified: true },
    });
    expect(s.recoveries).toBe(2);
  });

  it('maps inputs to local variables and outputs to the flow scope; without outputs job variables propagate', async () => {
    // Given a task with input and output mappings, and one without
    const s = await Scenario.of(
      twoTasks(
        serviceTask(
          'first',
          'score',
          io(
            [
              ['=applicant.income', 'income'],
              ['=income * 2', 'doubled'],
              ['=&quot;fixed&quot;', 'applicant.tag'],
            ],
            [['=result', 'score']],
          ),
        ),
        serviceTask('second', 'other', io([['=score', 'local']])),
      ),
    );
    await s.start({ applicant: { income: 100, name: 'Ada' } });
    const firstKey = s.job('first').elementInstanceKey;

    // Then inputs are local to the task and see each other; a nested target updates a copy
    expect(s.runner.getVariables(firstKey)).toMatchObject({
      income: 100,
      doubled: 200,
      applicant: { income: 100, name: 'Ada', tag: 'fixed' },
    });
    expect(s.runner.getVariables()).toEqual({ applicant: { income: 100, name: 'Ada' } });

    // When the job completes with a result and an extra variable
    const completed = await s.completeJob('first', { result: 42, extra: 'dropped' });

    // Then only the output mapping reached the process scope
    expect(s.runner.getVariables()).toEqual({ applicant: { income: 100, name: 'Ada' }, score: 42 });
    expect(completed.variablesChanged).toContainEqual({
      scopeKey: s.runner.processInstanceKey,
      name: 'score',
      value: 42,
    });

    // When the second job completes with a variable its input mapping created locally, and a new one
    const secondKey = s.job('second').elementInstanceKey;
    expect(s.runner.getVariables(secondKey).local).toBe(42);
    await s.act((r) => r.setVariables(s.runner.processInstanceKey, { note: 'x' }));
    const done = await s.completeJob('second', { local: 1, fresh: 2 });

    // Then (Zeebe) `local` lands in the task's own scope and is lost with it; `fresh` reaches the root
    expect(done.instanceEnded?.variables).toEqual({
      applicant: { income: 100, name: 'Ada' },
      score: 42,
      note: 'x',
      fresh: 2,
    });
  });

  it('propagates job variables to the nearest scope that has them (setVariables local and not)', async () => {
    // Given a task inside a sub-process that has a local variable
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />
      ${flow('f1', 'start', 'sub')}
      <bpmn:subProcess id="sub">
        <bpmn:extensionElements>${io([['=0', 'counter']])}</bpmn:extensionElements>
        <bpmn:startEvent id="subStart" />
        ${flow('s1', 'subStart', 'inner')}
        ${serviceTask('inner', 'count')}
        ${flow('s2', 'inner', 'subEnd')}
        <bpmn:endEvent id="subEnd" />
      </bpmn:subProcess>
      ${flow('f2', 'sub', 'end')}
      <bpmn:endEvent id="end" />`),
    );
    await s.start({ total: 1 });
    const subKey = s.runner.elementInstances.find((r) => r.elementId === 'sub')!.key;
    const innerKey = s.job('inner').elementInstanceKey;

    // When variables are set on the task's scope without `local`, and with `local`
    await s.act((r) => r.setVariables(innerKey, { counter: 5, total: 2, created: true }));
    await s.act((r) => r.setVariables(innerKey, { mine: 'yes' }, true));

    // Then counter went to the sub-process, total to the root, created (new) to the root; mine stayed local
    expect(s.runner.getState().runtime.scopes[subKey].variables).toEqual({ counter: 5 });
    expect(s.runner.getVariables()).toEqual({ total: 2, created: true });
    expect(s.runner.getVariables(innerKey)).toMatchObject({ mine: 'yes', counter: 5, total: 2 });

    // When the job completes with counter and total
    const done = await s.completeJob('inner', { counter: 6, total: 3 });

    // Then the sub-process's counter is updated and lost with it; total is updated at the root
    expect(done.instanceEnded?.variables).toEqual({ total: 3, created: true });
  });

  it('maps null for a variable the instance does not have, as Zeebe 8.5 does (no incident)', async () => {
    const s = await Scenario.of(
      twoTasks(
        serviceTask('first', 'a', io([['=customer.id', 'customerId']])),
        serviceTask('second', 'b'),
      ),
    );
    const started = await s.start({});
    expect(started.incidentsCreated).toEqual([]);
    expect(started.jobsCreated).toEqual([expect.objectContaining({ elementId: 'first' })]);
    expect(s.runner.getVariables(started.jobsCreated[0].elementInstanceKey)).toMatchObject({
      customerId: null,
    });
  });

  it('raises an incident when an input mapping fails, and retries after the variable is set', async () => {
    // Given a task whose input asserts a variable the instance does not have
    const s = await Scenario.of(
      twoTasks(
        serviceTask('first', 'a', io([['=assert(customer.id, customer != null)', 'customerId']])),
        serviceTask('second', 'b'),
      ),
    );
    const started = await s.start({});

    // Then the task is not activated: an EXTRACT_VALUE_ERROR incident holds it, no job exists
    expect(trail(started)).toEqual([
      'ACTIVATED process',
      'ACTIVATED start',
      'COMPLETED start',
      'TAKEN f1',
    ]);
    expect(started.jobsCreated).toEqual([]);
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({
        errorType: 'EXTRACT_VALUE_ERROR',
        elementId: 'first',
        jobKey: null,
      }),
    ]);
    expect(started.incidentsCreated[0].errorMessage).toBe(
      "failed to evaluate expression 'assert(customer.id, customer != null)': The condition is not fulfilled for value 'null'",
    );
    const incidentKey = started.incidentsCreated[0].key;

    // When the operator sets the variable and retries
    await s.act((r) => r.setVariables(s.runner.processInstanceKey, { customer: { id: 'C-7' } }));
    const retried = await s.act((r) => r.retryIncident(incidentKey));

    // Then the incident is resolved, the task activates with its mapping, the job is created
    expect(retried.incidentsResolved.map((i) => i.key)).toEqual([incidentKey]);
    expect(trail(retried)).toEqual(['ACTIVATED first']);
    expect(retried.jobsCreated).toHaveLength(1);
    expect(s.runner.getVariables(s.job('first').elementInstanceKey).customerId).toBe('C-7');
  });

  it('raises a new incident when a retry fails again', async () => {
    const s = await Scenario.of(
      twoTasks(serviceTask('first', '=jobType'), serviceTask('second', 'b')),
    );
    const started = await s.start({});
    expect(started.incidentsCreated[0].errorType).toBe('EXTRACT_VALUE_ERROR');
    const again = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(again.incidentsResolved).toHaveLength(1);
    expect(again.incidentsCreated).toHaveLength(1);
    expect(again.incidentsCreated[0].key).not.toBe(started.incidentsCreated[0].key);
    await s.act((r) => r.setVariables(s.runner.processInstanceKey, { jobType: 'dynamic' }));
    const ok = await s.act((r) => r.retryIncident(again.incidentsCreated[0].key));
    expect(ok.jobsCreated.map((j) => j.type)).toEqual(['dynamic']);
  });

  it('fails jobs: retries left move nothing, none left raise JOB_NO_RETRIES; updated retries and a retry offer the same job again', async () => {
    const s = await Scenario.of(
      twoTasks(serviceTask('first', 'flaky'), serviceTask('second', 'b')),
    );
    await s.start({});
    const job = s.job('first');

    const failedOnce = await s.act((r) => r.failJob(job.key, 2, 'timeout talking to INPS'));
    expect(failedOnce.incidentsCreated).toEqual([]);
    expect(failedOnce.flowEvents).toEqual([]);

    const failedLast = await s.act((r) => r.failJob(job.key, 0, 'INPS down'));
    expect(failedLast.incidentsCreated).toEqual([
      expect.objectContaining({
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'INPS down',
        elementId: 'first',
        jobKey: job.key,
      }),
    ]);
    expect(() => s.runner.completeJob(job.key, {})).toThrow(CommandError);

    // Resolving without new retries is refused, as in Zeebe
    expect(() => s.runner.retryIncident(failedLast.incidentsCreated[0].key)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    await s.act((r) => r.updateJobRetries(job.key, 3));
    const retried = await s.act((r) => r.retryIncident(failedLast.incidentsCreated[0].key));
    expect(retried.jobsCreated).toEqual([
      expect.objectContaining({ key: job.key, retries: 3, reoffered: true }),
    ]);

    const completed = await s.completeJob('first', {});
    expect(trail(completed)).toEqual(['COMPLETED first', 'TAKEN f2', 'ACTIVATED second']);
  });

  it('answers NOT_FOUND for a job completed twice', async () => {
    const s = await Scenario.of(twoTasks(serviceTask('first', 'a'), serviceTask('second', 'b')));
    await s.start({});
    const key = s.job('first').key;
    await s.completeJob('first');
    expect(() => s.runner.completeJob(key, {})).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('runs a FEEL script task without a job', async () => {
    const s = await Scenario.of(
      twoTasks(
        `<bpmn:scriptTask id="first"><bpmn:extensionElements><zeebe:script expression="=sum(amounts)" resultVariable="total" /></bpmn:extensionElements></bpmn:scriptTask>`,
        serviceTask('second', 'b'),
      ),
    );
    const started = await s.start({ amounts: [10, 20.5] });
    expect(trail(started)).toContain('COMPLETED first');
    expect(s.runner.getVariables().total).toBe(30.5);
  });
});
