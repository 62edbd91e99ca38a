import { nextCycleDue } from '../runtime/timer-schedule';
import { bpmn, escapeXml, flow, Scenario, serviceTask, trail } from './harness';

const timerBoundary = (
  id: string,
  attachedTo: string,
  kind: 'timeDuration' | 'timeDate' | 'timeCycle',
  value: string,
  interrupting = true,
) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">
     <bpmn:timerEventDefinition><bpmn:${kind}>${escapeXml(value)}</bpmn:${kind}></bpmn:timerEventDefinition>
   </bpmn:boundaryEvent>`;

const taskWithTimer = (boundary: string) =>
  bpmn(`
    <bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}
    ${serviceTask('review', 'review')}${flow('f2', 'review', 'done')}
    <bpmn:endEvent id="done" />
    ${boundary}
    ${flow('f3', 'deadline', 'escalate')}
    ${serviceTask('escalate', 'escalate')}`);

describe('timers', () => {
  let setTimeoutSpy: jest.SpyInstance;
  beforeEach(() => {
    setTimeoutSpy = jest.spyOn(global, 'setTimeout');
  });
  afterEach(() => {
    // The durable layer schedules timers; the engine must never arm one.
    expect(setTimeoutSpy).not.toHaveBeenCalled();
    setTimeoutSpy.mockRestore();
  });

  it('an interrupting timer boundary: the due date comes from the clock, triggering terminates the task', async () => {
    // Given a task with a 3-day interrupting timer
    const s = await Scenario.of(
      taskWithTimer(timerBoundary('deadline', 'review', 'timeDuration', 'P3D')),
    );
    s.clock.set('2025-01-15T09:00:00.000Z');

    // When the instance starts
    const started = await s.start({});

    // Then a timer effect, owned by the task instance, due in 3 days
    const taskKey = started.jobsCreated[0].elementInstanceKey;
    expect(started.timersCreated).toEqual([
      expect.objectContaining({
        elementId: 'deadline',
        elementInstanceKey: taskKey,
        dueAt: new Date('2025-01-18T09:00:00.000Z'),
        repetitions: 1,
      }),
    ]);

    // When three days pass and the durable layer triggers it
    s.clock.set('2025-01-18T09:00:05.000Z');
    const fired = await s.act((r) => r.triggerTimer(started.timersCreated[0].key));

    // Then the task and its job are cancelled, the boundary path starts
    expect(trail(fired)).toEqual([
      'TERMINATED review',
      'ACTIVATED deadline',
      'COMPLETED deadline',
      'TAKEN f3',
      'ACTIVATED escalate',
    ]);
    expect(fired.jobsCancelled).toEqual([
      { key: started.jobsCreated[0].key, elementInstanceKey: taskKey },
    ]);
    expect(fired.flowEvents[1].timestamp).toEqual(new Date('2025-01-18T09:00:05.000Z'));
    expect(s.runner.timers).toEqual([]);
  });

  it('completing the task first cancels its timer', async () => {
    const s = await Scenario.of(
      taskWithTimer(timerBoundary('deadline', 'review', 'timeDuration', 'PT1H')),
    );
    const started = await s.start({});
    const done = await s.completeJob('review');
    expect(done.timersCancelled).toEqual([
      {
        key: started.timersCreated[0].key,
        elementInstanceKey: started.jobsCreated[0].elementInstanceKey,
      },
    ]);
    expect(done.instanceEnded?.state).toBe('COMPLETED');
    expect(() => s.runner.triggerTimer(started.timersCreated[0].key)).toThrow();
  });

  it('a 3-month legal deadline survives storage and fires after the clock moves by months (calendar months, clamped)', async () => {
    const s = await Scenario.of(
      taskWithTimer(timerBoundary('deadline', 'review', 'timeDuration', '=duration("P3M")')),
    );
    s.clock.set('2025-11-30T10:00:00.000Z');
    const started = await s.start({});
    // Nov 30 + 3 months = Feb 28 (2026 is not a leap year)
    expect(started.timersCreated[0].dueAt).toEqual(new Date('2026-02-28T10:00:00.000Z'));

    // Months pass; the instance is stored and recovered on the way (and still waits)
    s.clock.set('2026-01-10T00:00:00.000Z');
    await s.roundTrip();
    expect(s.runner.timers).toEqual([
      expect.objectContaining({ dueAt: '2026-02-28T10:00:00.000Z' }),
    ]);
    s.clock.set('2026-02-28T10:00:01.000Z');
    const fired = await s.act((r) => r.triggerTimer(started.timersCreated[0].key));
    expect(trail(fired)).toContain('ACTIVATED escalate');
    expect(fired.timersCreated).toEqual([]); // recovery did not re-create the timer
  });

  it('a non-interrupting cycle R3/PT10M fires three times while the task stays active', async () => {
    const s = await Scenario.of(
      taskWithTimer(timerBoundary('deadline', 'review', 'timeCycle', 'R3/PT10M', false)),
    );
    const started = await s.start({});
    expect(started.timersCreated).toEqual([
      expect.objectContaining({
        dueAt: new Date('2025-01-15T09:10:00.000Z'),
        repetitions: 3,
        interval: 'PT10M',
      }),
    ]);

    const dues: string[] = [];
    let timerKey = started.timersCreated[0].key;
    for (let i = 0; i < 3; i++) {
      s.clock.advance(10 * 60 * 1000);
      const fired = await s.act((r) => r.triggerTimer(timerKey));
      expect(trail(fired)).toEqual([
        'ACTIVATED deadline',
        'COMPLETED deadline',
        'TAKEN f3',
        'ACTIVATED escalate',
      ]);
      expect(fired.jobsCancelled).toEqual([]);
      if (i < 2) {
        expect(fired.timersCreated).toHaveLength(1);
        expect(fired.timersCreated[0].repetitions).toBe(2 - i);
        dues.push(fired.timersCreated[0].dueAt.toISOString());
        timerKey = fired.timersCreated[0].key;
      } else {
        expect(fired.timersCreated).toEqual([]);
      }
      await s.completeJob('escalate');
    }
    expect(dues).toEqual(['2025-01-15T09:20:00.000Z', '2025-01-15T09:30:00.000Z']);

    // The task completing closes nothing more: the cycle is exhausted
    const done = await s.completeJob('review');
    expect(done.timersCancelled).toEqual([]);
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  it('a non-interrupting cron cycle (Spring’s six fields) fires at each match, in the server’s time zone, without end', async () => {
    const s = await Scenario.of(
      taskWithTimer(timerBoundary('deadline', 'review', 'timeCycle', '0 0 9 * * MON-FRI', false)),
    );
    // The test clock: Wednesday 15 January 2025, 09:00 UTC; matches are read in local time.
    const local = (day: number) => new Date(2025, 0, day, 9, 0, 0);
    const started = await s.start({});
    const firstDue = started.timersCreated[0].dueAt;
    expect([local(15), local(16)]).toContainEqual(firstDue);
    expect(started.timersCreated[0]).toMatchObject({
      repetitions: -1,
      interval: '0 0 9 * * MON-FRI',
    });

    // Friday's run is followed by Monday's, not the weekend's.
    s.clock.set(local(17).toISOString());
    const friday = await s.act((r) =>
      r.triggerTimer(s.runner.timers.find((t) => t.elementId === 'deadline')!.key),
    );
    expect(trail(friday)).toEqual([
      'ACTIVATED deadline',
      'COMPLETED deadline',
      'TAKEN f3',
      'ACTIVATED escalate',
    ]);
    expect(friday.timersCreated).toEqual([
      expect.objectContaining({ dueAt: local(20), repetitions: -1 }),
    ]);
    // A timer start event re-arms the same way (the durable layer's nextCycleDue).
    expect(nextCycleDue('0 0 9 * * MON-FRI', local(17))).toEqual(local(20));
    expect(nextCycleDue('@daily', local(17))).toEqual(new Date(2025, 0, 18));
  });

  it('cron as Spring reads it: what Zeebe refuses is refused, not read another way', () => {
    const at = new Date(2025, 0, 15, 9, 0, 0);
    // Jenkins' H (a random value at every reading), non-Spring macros, `?` outside the days,
    // five fields.
    for (const refused of ['H 0 9 * * *', '0 0 H * * *', '@weekdays', '0 0 0 ? ? *', '0 9 * * *'])
      expect(() => nextCycleDue(refused, at)).toThrow(/invalid timer interval/);
    // THU has an H in it; `?` for a day; Spring's macros.
    expect(nextCycleDue('0 0 12 ? * THU', at)).toEqual(new Date(2025, 0, 16, 12, 0, 0));
    expect(nextCycleDue('@midnight', at)).toEqual(new Date(2025, 0, 16));
    expect(nextCycleDue('@weekly', at)).toEqual(new Date(2025, 0, 19));
  });

  it('a repeating non-interrupting boundary timer whose path is still busy activates a second instance of it at once', async () => {
    const s = await Scenario.of(
      taskWithTimer(timerBoundary('deadline', 'review', 'timeCycle', 'R2/PT10M', false)),
    );
    const started = await s.start({});
    s.clock.advance(10 * 60 * 1000);
    const first = await s.act((r) => r.triggerTimer(started.timersCreated[0].key));
    s.clock.advance(10 * 60 * 1000);
    const second = await s.act((r) => r.triggerTimer(first.timersCreated[0].key));
    // Zeebe: an element instance per token, each with its job (no waiting for the first).
    expect(trail(second)).toEqual([
      'ACTIVATED deadline',
      'COMPLETED deadline',
      'TAKEN f3',
      'ACTIVATED escalate',
    ]);
    expect(second.jobsCreated.map((j) => j.elementId)).toEqual(['escalate']);
    expect(s.runner.jobs.filter((j) => j.elementId === 'escalate')).toHaveLength(2);
    await s.completeJob('escalate');
    await s.completeJob('escalate');
    const done = await s.completeJob('review');
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  it('an intermediate timer catch event with a FEEL date waits until triggered', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
      <bpmn:intermediateCatchEvent id="wait">
        <bpmn:timerEventDefinition><bpmn:timeDate>=date and time(hearing) - duration("P1D")</bpmn:timeDate></bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      ${flow('f2', 'wait', 'end')}<bpmn:endEvent id="end" />`),
    );
    const started = await s.start({ hearing: '2025-03-10T09:30:00Z' });
    expect(trail(started).slice(-1)).toEqual(['ACTIVATED wait']);
    expect(started.timersCreated).toEqual([
      expect.objectContaining({
        elementId: 'wait',
        dueAt: new Date('2025-03-09T09:30:00.000Z'),
        elementInstanceKey: started.flowEvents[4].elementInstanceKey,
      }),
    ]);
    const fired = await s.act((r) => r.triggerTimer(started.timersCreated[0].key));
    expect(trail(fired)).toEqual([
      'COMPLETED wait',
      'TAKEN f2',
      'ACTIVATED end',
      'COMPLETED end',
      'COMPLETED process',
    ]);
  });

  it('a timer expression that fails is an incident on the waiting element; a retry after setVariables arms it', async () => {
    const s = await Scenario.of(
      bpmn(`
      <bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
      <bpmn:intermediateCatchEvent id="wait">
        <bpmn:timerEventDefinition><bpmn:timeDuration>=waitFor</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      ${flow('f2', 'wait', 'end')}<bpmn:endEvent id="end" />`),
    );
    const started = await s.start({});
    expect(started.timersCreated).toEqual([]);
    expect(trail(started).slice(-1)).toEqual(['TAKEN f1']);
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' }),
    ]);

    await s.act((r) => r.setVariables(r.processInstanceKey, { waitFor: 'PT2H' }));
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(trail(retried)).toEqual(['ACTIVATED wait']);
    expect(retried.timersCreated).toEqual([
      expect.objectContaining({ dueAt: new Date('2025-01-15T11:00:00.000Z') }),
    ]);
  });

  it('a boundary timer expression that fails holds the activity before its job exists', async () => {
    const s = await Scenario.of(
      taskWithTimer(timerBoundary('deadline', 'review', 'timeDate', '=deadlineDate')),
    );
    const started = await s.start({});
    expect(started.jobsCreated).toEqual([]);
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({ elementId: 'review', errorType: 'EXTRACT_VALUE_ERROR' }),
    ]);
    await s.act((r) =>
      r.setVariables(r.processInstanceKey, { deadlineDate: '2025-02-01T00:00:00Z' }),
    );
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(retried.timersCreated).toEqual([
      expect.objectContaining({ dueAt: new Date('2025-02-01T00:00:00.000Z') }),
    ]);
    expect(retried.jobsCreated).toHaveLength(1);
    expect(trail(retried)).toEqual(['ACTIVATED review']);
  });
});
