import { Key } from '../types';
import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

/** start → fork → (a | b) → c → end: the two branches merge straight into c. */
const merge = (c = serviceTask('c', 'c')) =>
  bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
    <bpmn:parallelGateway id="fork" />${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}
    ${serviceTask('a', 'a')}${flow('a-c', 'a', 'c')}
    ${serviceTask('b', 'b')}${flow('b-c', 'b', 'c')}
    ${c}${flow('c-end', 'c', 'end')}
    <bpmn:endEvent id="end" />`);

/** The same merge inside a sub-process `sub`, which a timer boundary `late` and an error boundary `failed` interrupt. */
const mergeInSubProcess = bpmn(
  `
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="s0" />${flow('k0', 's0', 'fork')}
      <bpmn:parallelGateway id="fork" />${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}
      ${serviceTask('a', 'a')}${flow('a-c', 'a', 'c')}
      ${serviceTask('b', 'b')}${flow('b-c', 'b', 'c')}
      ${serviceTask('c', 'c')}${flow('c-end', 'c', 's9')}
      <bpmn:endEvent id="s9" />
    </bpmn:subProcess>${flow('f1', 'sub', 'after')}
    <bpmn:boundaryEvent id="late" attachedToRef="sub"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>${flow('f2', 'late', 'after')}
    <bpmn:boundaryEvent id="failed" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="E" /></bpmn:boundaryEvent>${flow('f3', 'failed', 'after')}
    ${serviceTask('after', 'after')}${flow('f4', 'after', 'end')}
    <bpmn:endEvent id="end" />`,
  '<bpmn:error id="E" errorCode="C-FAILED" />',
);

function openJobs(s: Scenario, elementId: string): Key[] {
  return s.runner.jobs.filter((j) => j.elementId === elementId).map((j) => j.key);
}

/** Both tokens at c: the instance bpmn-elements runs (first job) and the one the runtime took (second). */
async function twoAtC(s: Scenario, variables = {}): Promise<[Key, Key]> {
  await s.start(variables);
  await s.completeJob('a', { branch: 'a' });
  await s.completeJob('b', { branch: 'b' });
  const [first, second] = openJobs(s, 'c');
  expect(second).toBeDefined();
  return [first, second];
}

describe('two tokens into one task (Zeebe 8.5: an element instance each)', () => {
  it('a second token activates a second instance at once, with a job of its own', async () => {
    const s = await Scenario.of(merge());
    await s.start();
    await s.completeJob('a');
    const second = await s.completeJob('b');
    expect(trail(second)).toEqual(['COMPLETED b', 'TAKEN b-c', 'ACTIVATED c']);
    expect(second.jobsCreated.map((j) => j.elementId)).toEqual(['c']);
    const instances = s.runner.elementInstances.filter((r) => r.elementId === 'c');
    expect(instances).toHaveLength(2);
    expect(new Set(instances.map((r) => r.key)).size).toBe(2);
    expect(second.jobsCreated[0].elementInstanceKey).toBe(instances[1].key);
  });

  it('the scope waits for both: whichever completes first, the process completes after the second', async () => {
    for (const order of ['first-then-second', 'second-then-first'] as const) {
      const s = await Scenario.of(merge());
      const [first, second] = await twoAtC(s);
      const [one, two] = order === 'first-then-second' ? [first, second] : [second, first];
      const earlier = await s.act((r) => r.completeJob(one, {}));
      expect(trail(earlier)).toEqual([
        'COMPLETED c',
        'TAKEN c-end',
        'ACTIVATED end',
        'COMPLETED end',
      ]);
      expect(s.runner.status).toBe('ACTIVE');
      const later = await s.act((r) => r.completeJob(two, {}));
      expect(trail(later)).toEqual([
        'COMPLETED c',
        'TAKEN c-end',
        'ACTIVATED end',
        'COMPLETED end',
        'COMPLETED process',
      ]);
      expect(s.runner.status).toBe('COMPLETED');
    }
  });

  it('three tokens make three instances', async () => {
    const s = await Scenario.of(
      bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
    <bpmn:parallelGateway id="fork" />${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('fd', 'fork', 'd')}
    ${serviceTask('a', 'a')}${flow('a-c', 'a', 'c')}
    ${serviceTask('b', 'b')}${flow('b-c', 'b', 'c')}
    ${serviceTask('d', 'd')}${flow('d-c', 'd', 'c')}
    ${serviceTask('c', 'c')}${flow('c-end', 'c', 'end')}
    <bpmn:endEvent id="end" />`),
    );
    await s.start();
    for (const id of ['a', 'b', 'd']) await s.completeJob(id);
    const jobs = openJobs(s, 'c');
    expect(jobs).toHaveLength(3);
    for (const [i, key] of jobs.entries()) {
      const done = await s.act((r) => r.completeJob(key, {}));
      expect(done.instanceEnded?.state).toBe(i === 2 ? 'COMPLETED' : undefined);
    }
  });

  it('each instance has its own input mappings, variables and output mappings', async () => {
    const s = await Scenario.of(
      merge(
        serviceTask(
          'c',
          'c',
          '<zeebe:ioMapping><zeebe:input source="=branch" target="mine" /><zeebe:output source="=mine + &quot;:&quot; + outcome" target="last" /></zeebe:ioMapping>',
        ),
      ),
    );
    const [first, second] = await twoAtC(s);
    const keyOf = (job: Key) => s.runner.jobs.find((j) => j.key === job)!.elementInstanceKey;
    expect(s.runner.getVariables(keyOf(first))).toMatchObject({ mine: 'a' });
    expect(s.runner.getVariables(keyOf(second))).toMatchObject({ mine: 'b' });
    await s.act((r) => r.completeJob(second, { outcome: 'ok' }));
    expect(s.runner.getVariables()).toMatchObject({ last: 'b:ok' });
    expect(s.runner.getVariables()).not.toHaveProperty('mine');
    await s.act((r) => r.completeJob(first, { outcome: 'late' }));
    expect(s.all.instanceEnded?.variables).toMatchObject({ last: 'a:late' });
  });

  it('an incident holds only the second instance; fixed variables and a retry create its job', async () => {
    const s = await Scenario.of(
      merge(
        '<bpmn:serviceTask id="c"><bpmn:extensionElements><zeebe:taskDefinition type="=kind" /></bpmn:extensionElements></bpmn:serviceTask>',
      ),
    );
    await s.start({ kind: 'c' });
    await s.completeJob('a');
    const second = await s.completeJob('b', { kind: null });
    expect(trail(second)).toEqual(['COMPLETED b', 'TAKEN b-c']);
    expect(second.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'c' }),
    ]);
    const incident = s.runner.incidents[0];
    await s.act((r) => r.setVariables(incident.elementInstanceKey, { kind: 'c' }, true));
    const retried = await s.act((r) => r.retryIncident(incident.key));
    expect(trail(retried)).toEqual(['ACTIVATED c']);
    expect(retried.jobsCreated).toEqual([
      expect.objectContaining({ type: 'c', elementInstanceKey: incident.elementInstanceKey }),
    ]);
    for (const key of openJobs(s, 'c')) await s.act((r) => r.completeJob(key, {}));
    expect(s.runner.status).toBe('COMPLETED');
  });

  it('in a sub-process: the sub-process completes after both instances', async () => {
    const s = await Scenario.of(mergeInSubProcess);
    const [first, second] = await twoAtC(s);
    const one = await s.act((r) => r.completeJob(first, {}));
    expect(trail(one)).toEqual(['COMPLETED c', 'TAKEN c-end', 'ACTIVATED s9', 'COMPLETED s9']);
    const two = await s.act((r) => r.completeJob(second, {}));
    expect(trail(two)).toEqual([
      'COMPLETED c',
      'TAKEN c-end',
      'ACTIVATED s9',
      'COMPLETED s9',
      'COMPLETED sub',
      'TAKEN f1',
      'ACTIVATED after',
    ]);
  });

  it('an interrupting boundary event of the sub-process terminates both instances and cancels both jobs', async () => {
    const s = await Scenario.of(mergeInSubProcess);
    const [first, second] = await twoAtC(s);
    const fired = await s.act((r) => r.triggerTimer(s.timerKey('late')));
    expect(trail(fired).filter((e) => e.startsWith('TERMINATED'))).toEqual([
      'TERMINATED c',
      'TERMINATED c',
      'TERMINATED sub',
    ]);
    expect(fired.jobsCancelled.map((j) => j.key).sort()).toEqual([first, second].sort());
    expect(trail(fired).slice(-2)).toEqual(['TAKEN f2', 'ACTIVATED after']);
    const done = await s.completeJob('after');
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  it("an error thrown by the second instance's job is caught by the sub-process's boundary event", async () => {
    const s = await Scenario.of(mergeInSubProcess);
    const [first, second] = await twoAtC(s);
    const thrown = await s.act((r) => r.throwError(second, 'C-FAILED'));
    expect(trail(thrown)).toContain('ACTIVATED failed');
    expect(thrown.jobsCancelled.map((j) => j.key)).toEqual([first]);
    expect(openJobs(s, 'c')).toEqual([]);
    const done = await s.completeJob('after');
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  it('a terminate end event and a cancellation end both instances', async () => {
    const terminating = bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
    <bpmn:parallelGateway id="fork" />${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('fd', 'fork', 'd')}
    ${serviceTask('a', 'a')}${flow('a-c', 'a', 'c')}
    ${serviceTask('b', 'b')}${flow('b-c', 'b', 'c')}
    ${serviceTask('c', 'c')}${flow('c-end', 'c', 'end')}
    <bpmn:endEvent id="end" />
    ${serviceTask('d', 'd')}${flow('d-kill', 'd', 'kill')}
    <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>`);
    const s = await Scenario.of(terminating);
    const [first, second] = await twoAtC(s);
    const killed = await s.completeJob('d');
    expect(trail(killed).filter((e) => e.startsWith('TERMINATED'))).toEqual([
      'TERMINATED c',
      'TERMINATED c',
    ]);
    expect(killed.jobsCancelled.map((j) => j.key).sort()).toEqual([first, second].sort());
    expect(killed.instanceEnded?.state).toBe('TERMINATED');

    const c = await Scenario.of(merge());
    const jobs = await twoAtC(c);
    const cancelled = await c.act((r) => r.cancel());
    expect(cancelled.jobsCancelled.map((j) => j.key).sort()).toEqual([...jobs].sort());
    expect(cancelled.instanceEnded?.state).toBe('CANCELED');
  });

  it('an interrupting event sub-process terminates both instances, and the process completes after it', async () => {
    const s = await Scenario.of(
      bpmn(
        `${merge()
          .replace(/^[\s\S]*<bpmn:process id="process" isExecutable="true">/, '')
          .replace(/<\/bpmn:process>[\s\S]*$/, '')}
    <bpmn:subProcess id="esp" triggeredByEvent="true">
      <bpmn:startEvent id="es"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>${flow('g0', 'es', 'h')}
      ${serviceTask('h', 'h')}${flow('g1', 'h', 'ee')}<bpmn:endEvent id="ee" />
    </bpmn:subProcess>`,
        '<bpmn:message id="M" name="withdrawn"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>',
      ),
    );
    const [first, second] = await twoAtC(s, { caseNumber: 'SSC-II-2026-000077' });
    const interrupted = await s.act((r) => r.correlateMessage(s.subscriptionKey('es'), {}));
    expect(trail(interrupted).filter((e) => e.startsWith('TERMINATED'))).toEqual([
      'TERMINATED c',
      'TERMINATED c',
    ]);
    expect(interrupted.jobsCancelled.map((j) => j.key).sort()).toEqual([first, second].sort());
    const done = await s.completeJob('h');
    expect(trail(done)).toEqual([
      'COMPLETED h',
      'TAKEN g1',
      'ACTIVATED ee',
      'COMPLETED ee',
      'COMPLETED esp',
      'COMPLETED process',
    ]);
  });

  it('a timer catch event gets a timer per token, a receive task a subscription per token', async () => {
    const timers = await Scenario.of(
      merge(
        '<bpmn:intermediateCatchEvent id="c"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      ),
    );
    await timers.start();
    await timers.completeJob('a');
    timers.clock.advance(10 * 60 * 1000);
    const second = await timers.completeJob('b');
    expect(trail(second)).toEqual(['COMPLETED b', 'TAKEN b-c', 'ACTIVATED c']);
    const due = timers.runner.timers.map((t) => t.dueAt);
    expect(due).toHaveLength(2);
    expect(new Date(due[1]).getTime() - new Date(due[0]).getTime()).toBe(10 * 60 * 1000);
    for (const timer of timers.runner.timers) await timers.act((r) => r.triggerTimer(timer.key));
    expect(timers.runner.status).toBe('COMPLETED');

    const replies = await Scenario.of(
      merge('<bpmn:receiveTask id="c" messageRef="M" />').replace(
        '<bpmn:process',
        '<bpmn:message id="M" name="reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=branch" /></bpmn:extensionElements></bpmn:message><bpmn:process',
      ),
    );
    await replies.start();
    await replies.completeJob('a', { branch: 'A-1' });
    await replies.completeJob('b', { branch: 'B-2' });
    const subscriptions = replies.runner.subscriptions;
    expect(subscriptions.map((sub) => [sub.name, sub.correlationKey])).toEqual([
      ['reply', 'A-1'],
      ['reply', 'B-2'],
    ]);
    const first = await replies.act((r) => r.correlateMessage(subscriptions[1].key, { got: 'B' }));
    expect(trail(first)).toEqual(['COMPLETED c', 'TAKEN c-end', 'ACTIVATED end', 'COMPLETED end']);
    const last = await replies.act((r) => r.correlateMessage(subscriptions[0].key, {}));
    expect(last.instanceEnded).toMatchObject({ state: 'COMPLETED', variables: { got: 'B' } });
  });

  it('in each instance of a parallel multi-instance sub-process, apart', async () => {
    const s = await Scenario.of(
      bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
    <bpmn:subProcess id="sub">
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=members" inputElement="member" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
      <bpmn:startEvent id="s0" />${flow('k0', 's0', 'fork')}
      <bpmn:parallelGateway id="fork" />${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}
      ${serviceTask('a', 'a')}${flow('a-c', 'a', 'c')}
      ${serviceTask('b', 'b')}${flow('b-c', 'b', 'c')}
      ${serviceTask('c', 'c')}${flow('c-end', 'c', 's9')}
      <bpmn:endEvent id="s9" />
    </bpmn:subProcess>${flow('f1', 'sub', 'end')}
    <bpmn:endEvent id="end" />`),
    );
    await s.start({ members: ['Rosa', 'Salvo'] });
    for (const id of ['a', 'a', 'b', 'b']) await s.completeJob(id);
    const jobs = s.runner.jobs.filter((j) => j.elementId === 'c');
    expect(jobs).toHaveLength(4);
    const scopes = jobs.map(
      (j) => s.runner.elementInstances.find((r) => r.key === j.elementInstanceKey)!.flowScopeKey,
    );
    expect(new Set(scopes).size).toBe(2);
    // Each sub-process instance completes with its last c; the body with the last of all.
    const left = new Map(scopes.map((k) => [k, scopes.filter((x) => x === k).length]));
    for (const [i, job] of jobs.entries()) {
      const done = await s.act((r) => r.completeJob(job.key, {}));
      left.set(scopes[i], left.get(scopes[i])! - 1);
      const inner = left.get(scopes[i]) === 0 ? 1 : 0;
      const body = [...left.values()].every((n) => n === 0) ? 1 : 0;
      expect(trail(done).filter((e) => e === 'COMPLETED sub')).toHaveLength(inner + body);
    }
    expect(s.runner.status).toBe('COMPLETED');
  });

  describe('with boundary events of their own (Zeebe: each element instance has its boundary events)', () => {
    /** The merge, with boundary events on c whose flows go to `handled` (a task) and on to `closed`. */
    const withBoundary = (boundary: string, extraRoot = '') =>
      merge()
        .replace(
          '<bpmn:endEvent id="end" />',
          `<bpmn:endEvent id="end" />${boundary}${flow('to-handled', 'bc', 'handled')}
        ${serviceTask('handled', 'handled')}${flow('h-closed', 'handled', 'closed')}<bpmn:endEvent id="closed" />`,
        )
        .replace('<bpmn:process', `${extraRoot}<bpmn:process`);

    const instanceOf = (s: Scenario, job: Key) =>
      s.runner.jobs.find((j) => j.key === job)!.elementInstanceKey;
    /** The message `nudge` of a boundary event, correlated by the branch that reached c. */
    const NUDGE =
      '<bpmn:message id="M" name="nudge"><bpmn:extensionElements><zeebe:subscription correlationKey="=branch" /></bpmn:extensionElements></bpmn:message>';
    const subscriptionOf = (s: Scenario, owner: Key) =>
      s.runner.subscriptions.find((x) => x.elementId === 'bc' && x.elementInstanceKey === owner)!;

    it('an interrupting timer: a timer per instance; the second one fires and ends only its instance', async () => {
      const s = await Scenario.of(
        withBoundary(
          '<bpmn:boundaryEvent id="bc" attachedToRef="c"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
        ),
      );
      const [first, second] = await twoAtC(s);
      const owners = [instanceOf(s, first), instanceOf(s, second)];
      const timers = s.runner.timers.filter((t) => t.elementId === 'bc');
      expect(timers.map((t) => t.elementInstanceKey)).toEqual(owners);
      const fired = await s.act((r) => r.triggerTimer(timers[1].key));
      expect(trail(fired)).toEqual([
        'TERMINATED c',
        'ACTIVATED bc',
        'COMPLETED bc',
        'TAKEN to-handled',
        'ACTIVATED handled',
      ]);
      expect(fired.flowEvents[0].elementInstanceKey).toBe(owners[1]);
      expect(fired.jobsCancelled.map((j) => j.key)).toEqual([second]);
      // The first instance keeps its own boundary event.
      expect(fired.timersCancelled).toEqual([]);
      expect(s.runner.timers.map((t) => t.elementInstanceKey)).toEqual([owners[0]]);
      await s.act((r) => r.completeJob(first, {}));
      expect(s.runner.status).toBe('ACTIVE');
      const done = await s.completeJob('handled');
      expect(trail(done)).toEqual([
        'COMPLETED handled',
        'TAKEN h-closed',
        'ACTIVATED closed',
        'COMPLETED closed',
        'COMPLETED process',
      ]);
    });

    it('a non-interrupting timer cycle fires at each repetition and the instance goes on', async () => {
      const s = await Scenario.of(
        withBoundary(
          '<bpmn:boundaryEvent id="bc" attachedToRef="c" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
        ),
      );
      const [first, second] = await twoAtC(s);
      const owner = instanceOf(s, second);
      const timerOf = () =>
        s.runner.timers.find((t) => t.elementId === 'bc' && t.elementInstanceKey === owner);
      const once = await s.act((r) => r.triggerTimer(timerOf()!.key));
      expect(trail(once)).toEqual([
        'ACTIVATED bc',
        'COMPLETED bc',
        'TAKEN to-handled',
        'ACTIVATED handled',
      ]);
      expect(once.timersCreated).toEqual([
        expect.objectContaining({ elementInstanceKey: owner, repetitions: 1 }),
      ]);
      const twice = await s.act((r) => r.triggerTimer(timerOf()!.key));
      expect(trail(twice)).toEqual([
        'ACTIVATED bc',
        'COMPLETED bc',
        'TAKEN to-handled',
        'ACTIVATED handled',
      ]);
      expect(twice.timersCreated).toEqual([]);
      expect(timerOf()).toBeUndefined();
      for (const job of [first, second]) await s.act((r) => r.completeJob(job, {}));
      await s.completeJob('handled');
      const done = await s.completeJob('handled');
      expect(done.instanceEnded?.state).toBe('COMPLETED');
    });

    it("an error thrown by the second instance's job is caught by its own error boundary event", async () => {
      const s = await Scenario.of(
        withBoundary(
          '<bpmn:boundaryEvent id="bc" attachedToRef="c"><bpmn:errorEventDefinition errorRef="E" /></bpmn:boundaryEvent>',
          '<bpmn:error id="E" errorCode="REJECTED" />',
        ),
      );
      const [first, second] = await twoAtC(s);
      const thrown = await s.act((r) => r.throwError(second, 'REJECTED', '', { why: 'x' }));
      expect(trail(thrown)).toEqual([
        'TERMINATED c',
        'ACTIVATED bc',
        'COMPLETED bc',
        'TAKEN to-handled',
        'ACTIVATED handled',
      ]);
      expect(s.runner.jobs.map((j) => j.key)).toContain(first);
      await s.completeJob('handled');
      const done = await s.act((r) => r.completeJob(first, {}));
      expect(done.instanceEnded?.state).toBe('COMPLETED');
    });

    it('a non-interrupting message boundary stays subscribed with the same name and key', async () => {
      const s = await Scenario.of(
        withBoundary(
          '<bpmn:boundaryEvent id="bc" attachedToRef="c" cancelActivity="false"><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>',
          NUDGE,
        ),
      );
      const [, second] = await twoAtC(s);
      const owner = instanceOf(s, second);
      const mine = () => subscriptionOf(s, owner);
      expect(mine()).toMatchObject({ name: 'nudge', correlationKey: 'b' });
      const nudged = await s.act((r) => r.correlateMessage(mine().key, { note: 'n1' }));
      expect(trail(nudged)).toEqual([
        'ACTIVATED bc',
        'COMPLETED bc',
        'TAKEN to-handled',
        'ACTIVATED handled',
      ]);
      expect(nudged.subscriptionsOpened).toEqual([
        expect.objectContaining({ name: 'nudge', correlationKey: 'b', elementInstanceKey: owner }),
      ]);
    });

    it('a boundary event held by an incident keeps the scope from completing until it is retried', async () => {
      const s = await Scenario.of(
        withBoundary(
          '<bpmn:boundaryEvent id="bc" attachedToRef="c"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=assert(reason, reason != null)" target="reason" /></zeebe:ioMapping></bpmn:extensionElements><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
        ),
      );
      const [first, second] = await twoAtC(s);
      const owner = instanceOf(s, second);
      const timer = s.runner.timers.find((t) => t.elementInstanceKey === owner)!;
      const fired = await s.act((r) => r.triggerTimer(timer.key));
      expect(trail(fired)).toEqual(['TERMINATED c', 'ACTIVATED bc']);
      expect(fired.incidentsCreated).toEqual([expect.objectContaining({ elementId: 'bc' })]);
      // The other instance completes; the held boundary event keeps the process active.
      const other = await s.act((r) => r.completeJob(first, {}));
      expect(trail(other)).toContain('COMPLETED end');
      expect(s.runner.status).toBe('ACTIVE');
      const incident = s.runner.incidents[0];
      await s.act((r) => r.setVariables(s.runner.processInstanceKey, { reason: 'scaduto' }));
      const retried = await s.act((r) => r.retryIncident(incident.key));
      expect(trail(retried)).toEqual(['COMPLETED bc', 'TAKEN to-handled', 'ACTIVATED handled']);
      const done = await s.completeJob('handled');
      expect(done.instanceEnded).toMatchObject({
        state: 'COMPLETED',
        variables: { reason: 'scaduto' },
      });
    });

    it('the first instance keeps its boundary events when the second completes: its timer still fires', async () => {
      const s = await Scenario.of(
        withBoundary(
          '<bpmn:boundaryEvent id="bc" attachedToRef="c"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
        ),
      );
      const [first, second] = await twoAtC(s);
      const firstOwner = instanceOf(s, first);
      const done = await s.act((r) => r.completeJob(second, {}));
      expect(done.timersCancelled).toHaveLength(1);
      const left = s.runner.timers;
      expect(left.map((t) => t.elementInstanceKey)).toEqual([firstOwner]);
      const fired = await s.act((r) => r.triggerTimer(left[0].key));
      expect(trail(fired).slice(0, 3)).toEqual(['TERMINATED c', 'ACTIVATED bc', 'COMPLETED bc']);
      expect(fired.jobsCancelled.map((j) => j.key)).toEqual([first]);
      const closed = await s.completeJob('handled');
      expect(closed.instanceEnded?.state).toBe('COMPLETED');
    });

    it('a non-interrupting boundary triggered again while the first trigger is held by an incident: two boundary instances', async () => {
      const s = await Scenario.of(
        withBoundary(
          '<bpmn:boundaryEvent id="bc" attachedToRef="c" cancelActivity="false"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=assert(reason, reason != null)" target="reason" /></zeebe:ioMapping></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="M" /></bpmn:boundaryEvent>',
          NUDGE,
        ),
      );
      const [, second] = await twoAtC(s);
      const owner = instanceOf(s, second);
      const mine = () => subscriptionOf(s, owner);
      for (let i = 0; i < 2; i++) {
        const nudged = await s.act((r) => r.correlateMessage(mine().key, {}));
        expect(trail(nudged)).toEqual(['ACTIVATED bc']);
      }
      const incidents = s.runner.incidents;
      expect(new Set(incidents.map((i) => i.elementInstanceKey)).size).toBe(2);
      await s.act((r) => r.setVariables(s.runner.processInstanceKey, { reason: 'sollecito' }));
      for (const incident of incidents) {
        const retried = await s.act((r) => r.retryIncident(incident.key));
        expect(trail(retried)).toEqual(['COMPLETED bc', 'TAKEN to-handled', 'ACTIVATED handled']);
      }
    });
  });

  it('each instance of a compensable task is compensated: the handler runs once per completed instance', async () => {
    const s = await Scenario.of(
      bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
    <bpmn:parallelGateway id="fork" />${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('fd', 'fork', 'd')}
    ${serviceTask('a', 'a')}${flow('a-c', 'a', 'c')}
    ${serviceTask('b', 'b')}${flow('b-c', 'b', 'c')}
    ${serviceTask('c', 'c')}${flow('c-end', 'c', 'end')}<bpmn:endEvent id="end" />
    <bpmn:boundaryEvent id="c-comp" attachedToRef="c"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:serviceTask id="undo-c" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="undo-c" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:association id="c-assoc" associationDirection="One" sourceRef="c-comp" targetRef="undo-c" />
    ${serviceTask('d', 'd')}${flow('d-undo', 'd', 'undo')}
    <bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>${flow('undo-end', 'undo', 'reverted')}
    <bpmn:endEvent id="reverted" />`),
    );
    const [first, second] = await twoAtC(s);
    await s.act((r) => r.completeJob(second, {}));
    await s.act((r) => r.completeJob(first, {}));
    const thrown = await s.completeJob('d');
    expect(thrown.jobsCreated.map((j) => j.type)).toEqual(['undo-c', 'undo-c']);
    await s.completeJob('undo-c');
    const done = await s.completeJob('undo-c');
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  /** start → fork → (a | b) → sub (s0 → inner → s9) → end, the sub-process with boundary events. */
  const mergeIntoSubProcess = (inner = serviceTask('inner', 'inner'), boundaries = '') =>
    bpmn(
      `
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
    <bpmn:parallelGateway id="fork" />${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}
    ${serviceTask('a', 'a')}${flow('a-sub', 'a', 'sub')}
    ${serviceTask('b', 'b')}${flow('b-sub', 'b', 'sub')}
    <bpmn:subProcess id="sub">
      <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=branch" target="mine" /><zeebe:output source="=mine" target="last" /></zeebe:ioMapping></bpmn:extensionElements>
      <bpmn:startEvent id="s0" />${flow('k0', 's0', 'inner')}
      ${inner}${flow('k1', 'inner', 's9')}
      <bpmn:endEvent id="s9" />
    </bpmn:subProcess>${flow('sub-end', 'sub', 'end')}${boundaries}
    <bpmn:endEvent id="end" />`,
      '<bpmn:error id="E" errorCode="C-FAILED" />',
    );

  describe('into a sub-process (Zeebe: a sub-process instance per token, each with its inner flow)', () => {
    async function twoSubs(s: Scenario): Promise<[Key, Key]> {
      await s.start();
      await s.completeJob('a', { branch: 'a' });
      const second = await s.completeJob('b', { branch: 'b' });
      expect(trail(second)).toEqual([
        'COMPLETED b',
        'TAKEN b-sub',
        'ACTIVATED sub',
        'ACTIVATED s0',
        'COMPLETED s0',
        'TAKEN k0',
        'ACTIVATED inner',
      ]);
      const [first, mine] = openJobs(s, 'inner');
      expect(mine).toBeDefined();
      return [first, mine];
    }

    it('a second sub-process instance runs at once, with its own variables; the process completes after both', async () => {
      for (const order of ['first-then-second', 'second-then-first'] as const) {
        const s = await Scenario.of(mergeIntoSubProcess());
        const [first, second] = await twoSubs(s);
        const keyOf = (job: Key) => s.runner.jobs.find((j) => j.key === job)!.elementInstanceKey;
        const subOf = (job: Key) =>
          s.runner.elementInstances.find((r) => r.key === keyOf(job))!.flowScopeKey!;
        expect(subOf(first)).not.toBe(subOf(second));
        expect(s.runner.getVariables(keyOf(first))).toMatchObject({ mine: 'a' });
        expect(s.runner.getVariables(keyOf(second))).toMatchObject({ mine: 'b' });
        const [one, two] = order === 'first-then-second' ? [first, second] : [second, first];
        const earlier = await s.act((r) => r.completeJob(one, {}));
        expect(trail(earlier)).toEqual([
          'COMPLETED inner',
          'TAKEN k1',
          'ACTIVATED s9',
          'COMPLETED s9',
          'COMPLETED sub',
          'TAKEN sub-end',
          'ACTIVATED end',
          'COMPLETED end',
        ]);
        expect(s.runner.status).toBe('ACTIVE');
        const later = await s.act((r) => r.completeJob(two, {}));
        expect(trail(later).at(-1)).toBe('COMPLETED process');
        expect(s.all.instanceEnded?.variables).toMatchObject({
          last: order === 'first-then-second' ? 'b' : 'a',
        });
      }
    });

    it("an interrupting boundary event ends only its instance, the inner job with it; an error inside is caught by the instance's own boundary", async () => {
      const s = await Scenario.of(
        mergeIntoSubProcess(
          serviceTask('inner', 'inner'),
          `<bpmn:boundaryEvent id="failed" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="E" /></bpmn:boundaryEvent>${flow('f-failed', 'failed', 'handled')}
           ${serviceTask('handled', 'handled')}${flow('h-end', 'handled', 'end')}`,
        ),
      );
      const [first, second] = await twoSubs(s);
      const thrown = await s.act((r) => r.throwError(second, 'C-FAILED', ''));
      expect(trail(thrown)).toEqual([
        'TERMINATED inner',
        'TERMINATED sub',
        'ACTIVATED failed',
        'COMPLETED failed',
        'TAKEN f-failed',
        'ACTIVATED handled',
      ]);
      expect(thrown.jobsCancelled).toEqual([]);
      expect(openJobs(s, 'inner')).toEqual([first]);
      await s.completeJob('handled');
      expect(s.runner.status).toBe('ACTIVE');
      const done = await s.act((r) => r.completeJob(first, {}));
      expect(done.instanceEnded?.state).toBe('COMPLETED');
    });

    it('an event sub-process inside runs in its own instance only; a terminate end event inside ends only that instance', async () => {
      const s = await Scenario.of(
        mergeIntoSubProcess(
          `${serviceTask('inner', 'inner')}
      <bpmn:subProcess id="esp" triggeredByEvent="true">
        <bpmn:startEvent id="es"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>${flow('g0', 'es', 'h')}
        ${serviceTask('h', 'h')}${flow('g1', 'h', 'stop')}
        <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
      </bpmn:subProcess>`,
        ).replace(
          '<bpmn:error id="E"',
          '<bpmn:message id="M" name="withdrawn"><bpmn:extensionElements><zeebe:subscription correlationKey="=mine" /></bpmn:extensionElements></bpmn:message><bpmn:error id="E"',
        ),
      );
      const [first, second] = await twoSubs(s);
      const mine = s.runner.subscriptions.find((sub) => sub.correlationKey === 'b')!;
      expect(mine.elementId).toBe('es');
      const interrupted = await s.act((r) => r.correlateMessage(mine.key, {}));
      expect(trail(interrupted)).toEqual([
        'TERMINATED inner',
        'ACTIVATED esp',
        'ACTIVATED es',
        'COMPLETED es',
        'TAKEN g0',
        'ACTIVATED h',
      ]);
      expect(interrupted.jobsCancelled.map((j) => j.key)).toEqual([second]);
      expect(s.runner.subscriptions.map((sub) => sub.correlationKey)).toEqual(['a']);
      const ended = await s.completeJob('h');
      expect(trail(ended)).toEqual([
        'COMPLETED h',
        'TAKEN g1',
        'ACTIVATED stop',
        'COMPLETED stop',
        'COMPLETED esp',
        'COMPLETED sub',
        'TAKEN sub-end',
        'ACTIVATED end',
        'COMPLETED end',
      ]);
      const done = await s.act((r) => r.completeJob(first, {}));
      expect(done.instanceEnded?.state).toBe('COMPLETED');
    });

    it('a merge inside the second instance makes an instance of its own there too; a timer boundary interrupts only its instance', async () => {
      const s = await Scenario.of(
        mergeIntoSubProcess(
          `<bpmn:parallelGateway id="split" />${flow('p1', 'split', 'x')}${flow('p2', 'split', 'y')}
           ${serviceTask('x', 'x')}${flow('x-inner', 'x', 'inner')}${serviceTask('y', 'y')}${flow('y-inner', 'y', 'inner')}
           ${serviceTask('inner', 'inner')}`,
          `<bpmn:boundaryEvent id="late" attachedToRef="sub"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>${flow('f-late', 'late', 'end')}`,
        ).replace(flow('k0', 's0', 'inner'), flow('k0', 's0', 'split')),
      );
      const subOf = (job: Key) => {
        const task = s.runner.jobs.find((j) => j.key === job)!.elementInstanceKey;
        return s.runner.elementInstances.find((r) => r.key === task)!.flowScopeKey!;
      };
      await s.start();
      await s.completeJob('a', { branch: 'a' });
      await s.completeJob('b', { branch: 'b' });
      const subs = s.runner.elementInstances.filter((r) => r.elementId === 'sub');
      expect(subs).toHaveLength(2);
      const [firstSub, secondSub] = subs.map((r) => r.key);
      const jobsIn = (elementId: string, sub: Key) =>
        openJobs(s, elementId).filter((job) => subOf(job) === sub);
      for (const id of ['x', 'y']) await s.act((r) => r.completeJob(jobsIn(id, secondSub)[0], {}));
      expect(jobsIn('inner', secondSub)).toHaveLength(2);
      const timer = s.runner.timers.find(
        (t) => t.elementId === 'late' && t.elementInstanceKey === secondSub,
      )!;
      const fired = await s.act((r) => r.triggerTimer(timer.key));
      expect(trail(fired).filter((e) => e.startsWith('TERMINATED'))).toEqual([
        'TERMINATED inner',
        'TERMINATED inner',
        'TERMINATED sub',
      ]);
      expect(s.runner.timers.map((t) => t.elementInstanceKey)).toEqual([firstSub]);
      for (const id of ['x', 'y', 'inner', 'inner']) await s.completeJob(id);
      expect(s.runner.status).toBe('COMPLETED');
    });

    it('cancelling the process terminates both instances and their inner jobs', async () => {
      const s = await Scenario.of(mergeIntoSubProcess());
      const [first, second] = await twoSubs(s);
      const cancelled = await s.act((r) => r.cancel());
      expect(cancelled.jobsCancelled.map((j) => j.key).sort()).toEqual([first, second].sort());
      expect(cancelled.instanceEnded?.state).toBe('CANCELED');
      expect(
        trail(cancelled)
          .filter((e) => e.startsWith('TERMINATED'))
          .sort(),
      ).toEqual([
        'TERMINATED inner',
        'TERMINATED inner',
        'TERMINATED process',
        'TERMINATED sub',
        'TERMINATED sub',
      ]);
    });
  });

  describe('into a multi-instance element (Zeebe: a multi-instance body per token)', () => {
    const multi = (loop: string, completion = '') =>
      merge(
        `<bpmn:serviceTask id="c"><bpmn:extensionElements><zeebe:taskDefinition type="c" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics ${loop}><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[branch + &quot;1&quot;, branch + &quot;2&quot;]" inputElement="item" outputCollection="results" outputElement="=item" /></bpmn:extensionElements>${completion}</bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>`,
      );

    it('a parallel one: a second body with its own inner instances, collection and output; the process waits for both', async () => {
      const s = await Scenario.of(multi(''));
      await s.start();
      await s.completeJob('a', { branch: 'a' });
      const second = await s.completeJob('b', { branch: 'b' });
      expect(trail(second)).toEqual([
        'COMPLETED b',
        'TAKEN b-c',
        'ACTIVATED c',
        'ACTIVATED c',
        'ACTIVATED c',
      ]);
      const jobs = s.runner.jobs.filter((j) => j.elementId === 'c');
      expect(jobs).toHaveLength(4);
      const items = jobs.map((j) => s.runner.getVariables(j.elementInstanceKey).item);
      expect(items).toEqual(['a1', 'a2', 'b1', 'b2']);
      const bodies = s.runner.elementInstances.filter(
        (r) => r.elementType === 'MULTI_INSTANCE_BODY',
      );
      expect(bodies).toHaveLength(2);
      // The second body first: its output is its own collection's.
      await s.act((r) => r.completeJob(jobs[3].key, {}));
      const done = await s.act((r) => r.completeJob(jobs[2].key, {}));
      expect(trail(done)).toEqual([
        'COMPLETED c',
        'COMPLETED c',
        'TAKEN c-end',
        'ACTIVATED end',
        'COMPLETED end',
      ]);
      expect(s.runner.getVariables()).toMatchObject({ results: ['b1', 'b2'] });
      await s.act((r) => r.completeJob(jobs[0].key, {}));
      const last = await s.act((r) => r.completeJob(jobs[1].key, {}));
      expect(last.instanceEnded?.state).toBe('COMPLETED');
      expect(last.instanceEnded?.variables).toMatchObject({ results: ['a1', 'a2'] });
    });

    it('a sequential one runs its inner instances one after another; a completion condition ends the body early', async () => {
      const s = await Scenario.of(
        multi(
          'isSequential="true"',
          '<bpmn:completionCondition>=numberOfCompletedInstances &gt;= 1 and item = "b1"</bpmn:completionCondition>',
        ),
      );
      await s.start();
      await s.completeJob('a', { branch: 'a' });
      await s.completeJob('b', { branch: 'b' });
      const jobs = s.runner.jobs.filter((j) => j.elementId === 'c');
      expect(jobs.map((j) => s.runner.getVariables(j.elementInstanceKey).item)).toEqual([
        'a1',
        'b1',
      ]);
      const early = await s.act((r) => r.completeJob(jobs[1].key, {}));
      expect(trail(early)).toEqual([
        'COMPLETED c',
        'COMPLETED c',
        'TAKEN c-end',
        'ACTIVATED end',
        'COMPLETED end',
      ]);
      const next = await s.act((r) => r.completeJob(jobs[0].key, {}));
      expect(next.jobsCreated.map((j) => j.elementId)).toEqual(['c']);
      const last = await s.act((r) => r.completeJob(next.jobsCreated[0].key, {}));
      expect(last.instanceEnded?.state).toBe('COMPLETED');
    });

    it('a multi-instance sub-process: each inner instance of the second body runs its own inner flow', async () => {
      const s = await Scenario.of(
        merge(
          `<bpmn:subProcess id="c"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[branch + &quot;1&quot;, branch + &quot;2&quot;]" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
            <bpmn:startEvent id="s0" />${flow('k0', 's0', 'inner')}${serviceTask('inner', 'inner')}${flow('k1', 'inner', 's9')}<bpmn:endEvent id="s9" />
          </bpmn:subProcess>`,
        ),
      );
      await s.start();
      await s.completeJob('a', { branch: 'a' });
      await s.completeJob('b', { branch: 'b' });
      const jobs = s.runner.jobs.filter((j) => j.elementId === 'inner');
      expect(jobs.map((j) => s.runner.getVariables(j.elementInstanceKey).item)).toEqual([
        'a1',
        'a2',
        'b1',
        'b2',
      ]);
      for (const job of [jobs[2], jobs[3], jobs[0]]) await s.act((r) => r.completeJob(job.key, {}));
      expect(s.runner.status).toBe('ACTIVE');
      const last = await s.act((r) => r.completeJob(jobs[1].key, {}));
      expect(last.instanceEnded?.state).toBe('COMPLETED');
      const ends = s.all.flowEvents.filter(
        (e) => e.elementId === 'end' && e.intent === 'ELEMENT_COMPLETED',
      );
      expect(ends).toHaveLength(2);
    });

    it("an interrupting boundary event of the second body terminates its inner instances, not the first body's", async () => {
      const s = await Scenario.of(
        multi('').replace(
          '<bpmn:endEvent id="end" />',
          `<bpmn:endEvent id="end" /><bpmn:boundaryEvent id="late" attachedToRef="c"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>${flow('f-late', 'late', 'end')}`,
        ),
      );
      await s.start();
      await s.completeJob('a', { branch: 'a' });
      await s.completeJob('b', { branch: 'b' });
      const timers = s.runner.timers.filter((t) => t.elementId === 'late');
      expect(timers).toHaveLength(2);
      const fired = await s.act((r) => r.triggerTimer(timers[1].key));
      expect(trail(fired).filter((e) => e.startsWith('TERMINATED'))).toEqual([
        'TERMINATED c',
        'TERMINATED c',
        'TERMINATED c',
      ]);
      expect(fired.jobsCancelled).toHaveLength(2);
      const left = s.runner.jobs.filter((j) => j.elementId === 'c');
      expect(left.map((j) => s.runner.getVariables(j.elementInstanceKey).item)).toEqual([
        'a1',
        'a2',
      ]);
      for (const job of left) await s.act((r) => r.completeJob(job.key, {}));
      expect(s.runner.status).toBe('COMPLETED');
    });
  });

  /** start → fork → (a | b) → m → g: an event-based gateway between a message (key `=key`) and a timer. */
  const mergeIntoEventGateway = bpmn(
    `
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
    <bpmn:parallelGateway id="fork" />${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}
    ${serviceTask('a', 'a')}${flow('a-m', 'a', 'm')}
    ${serviceTask('b', 'b')}${flow('b-m', 'b', 'm')}
    <bpmn:exclusiveGateway id="m" />${flow('m-g', 'm', 'g')}
    <bpmn:eventBasedGateway id="g" />${flow('g-msg', 'g', 'msg')}${flow('g-t', 'g', 't')}
    <bpmn:intermediateCatchEvent id="msg"><bpmn:messageEventDefinition messageRef="M" /></bpmn:intermediateCatchEvent>${flow('msg-x', 'msg', 'x')}
    <bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${flow('t-y', 't', 'y')}
    ${serviceTask('x', 'x')}${flow('x-e', 'x', 'e1')}<bpmn:endEvent id="e1" />
    ${serviceTask('y', 'y')}${flow('y-e', 'y', 'e2')}<bpmn:endEvent id="e2" />`,
    '<bpmn:message id="M" name="answer"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>',
  );

  it('an event-based gateway: a second instance with its own subscription and timer; whichever triggers first ends only its own', async () => {
    const s = await Scenario.of(mergeIntoEventGateway);
    await s.start();
    await s.completeJob('a', { key: 'k1' });
    const second = await s.completeJob('b', { key: 'k2' });
    expect(trail(second)).toEqual([
      'COMPLETED b',
      'TAKEN b-m',
      'ACTIVATED m',
      'COMPLETED m',
      'TAKEN m-g',
      'ACTIVATED g',
    ]);
    const [first, mine] = s.runner.elementInstances.filter((r) => r.elementId === 'g');
    expect(
      s.runner.subscriptions.map((sub) => [sub.correlationKey, sub.elementInstanceKey]),
    ).toEqual([
      ['k1', first.key],
      ['k2', mine.key],
    ]);
    expect(s.runner.timers.map((t) => t.elementInstanceKey)).toEqual([first.key, mine.key]);
    const answered = await s.act((r) =>
      r.correlateMessage(s.runner.subscriptions[1].key, { answer: 42 }),
    );
    expect(trail(answered)).toEqual([
      'COMPLETED g',
      'TAKEN g-msg',
      'ACTIVATED msg',
      'COMPLETED msg',
      'TAKEN msg-x',
      'ACTIVATED x',
    ]);
    expect(answered.timersCancelled.map((t) => t.elementInstanceKey)).toEqual([mine.key]);
    expect(s.runner.subscriptions.map((sub) => sub.correlationKey)).toEqual(['k1']);
    // The first gateway's timer is still its own.
    const late = await s.act((r) => r.triggerTimer(s.runner.timers[0].key));
    expect(trail(late)).toEqual([
      'COMPLETED g',
      'TAKEN g-t',
      'ACTIVATED t',
      'COMPLETED t',
      'TAKEN t-y',
      'ACTIVATED y',
    ]);
    await s.completeJob('x');
    const done = await s.completeJob('y');
    expect(done.instanceEnded).toMatchObject({ state: 'COMPLETED', variables: { answer: 42 } });
  });

  it('cancelling the process while a second event-based gateway waits closes what it opened', async () => {
    const s = await Scenario.of(mergeIntoEventGateway);
    await s.start();
    await s.completeJob('a', { key: 'k1' });
    await s.completeJob('b', { key: 'k2' });
    const cancelled = await s.act((r) => r.cancel());
    expect(trail(cancelled).filter((e) => e.startsWith('TERMINATED'))).toEqual([
      'TERMINATED g',
      'TERMINATED g',
      'TERMINATED process',
    ]);
    expect(cancelled.subscriptionsClosed).toHaveLength(2);
    expect(cancelled.timersCancelled).toHaveLength(2);
  });

  /**
   * start → fork → (a | b) → gw: an exclusive or inclusive fork on `route`, no default flow (the
   * inclusive one behind an exclusive merge: two flows into it would make it a join).
   */
  const mergeIntoGateway = (kind: 'exclusiveGateway' | 'inclusiveGateway') =>
    bpmn(`
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
    <bpmn:parallelGateway id="fork" />${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}
    ${serviceTask('a', 'a')}${serviceTask('b', 'b')}${
      kind === 'exclusiveGateway'
        ? flow('a-gw', 'a', 'gw') + flow('b-gw', 'b', 'gw')
        : flow('a-m', 'a', 'm') +
          flow('b-m', 'b', 'm') +
          '<bpmn:exclusiveGateway id="m" />' +
          flow('m-gw', 'm', 'gw')
    }
    <bpmn:${kind} id="gw" />${flow('gw-x', 'gw', 'x', '=route = "x" or route = "both"')}${flow('gw-y', 'gw', 'y', '=route = "y" or route = "both"')}
    ${serviceTask('x', 'x')}${flow('x-end', 'x', 'end-x')}<bpmn:endEvent id="end-x" />
    ${serviceTask('y', 'y')}${flow('y-end', 'y', 'end-y')}<bpmn:endEvent id="end-y" />`);

  it('a gateway held by an incident: a second token is a second gateway instance, which chooses for itself', async () => {
    const s = await Scenario.of(mergeIntoGateway('exclusiveGateway'));
    await s.start();
    const held = await s.completeJob('a');
    expect(held.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'CONDITION_ERROR', elementId: 'gw' }),
    ]);
    const second = await s.completeJob('b', { route: 'y' });
    expect(trail(second)).toEqual([
      'COMPLETED b',
      'TAKEN b-gw',
      'ACTIVATED gw',
      'COMPLETED gw',
      'TAKEN gw-y',
      'ACTIVATED y',
    ]);
    expect(s.runner.incidents).toHaveLength(1);
    const gateways = s.runner.elementInstances.filter((r) => r.elementId === 'gw');
    expect(gateways).toHaveLength(1);
    // The first instance, still held, chooses on retry with what the variables are then.
    await s.act((r) => r.setVariables(s.runner.processInstanceKey, { route: 'x' }, false));
    const retried = await s.act((r) => r.retryIncident(s.runner.incidents[0].key));
    expect(trail(retried)).toEqual(['ACTIVATED gw', 'COMPLETED gw', 'TAKEN gw-x', 'ACTIVATED x']);
    await s.completeJob('y');
    expect(s.runner.status).toBe('ACTIVE');
    const done = await s.completeJob('x');
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  it('a second gateway instance has its own incident and retry; an inclusive fork takes every true flow', async () => {
    const s = await Scenario.of(mergeIntoGateway('inclusiveGateway'));
    await s.start();
    await s.completeJob('a');
    const second = await s.completeJob('b');
    expect(second.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'CONDITION_ERROR', elementId: 'gw' }),
    ]);
    expect(s.runner.incidents).toHaveLength(2);
    const [first, mine] = s.runner.incidents;
    expect(mine.elementInstanceKey).not.toBe(first.elementInstanceKey);
    await s.act((r) => r.setVariables(s.runner.processInstanceKey, { route: 'both' }, false));
    const retried = await s.act((r) => r.retryIncident(mine.key));
    expect(trail(retried)).toEqual([
      'ACTIVATED gw',
      'COMPLETED gw',
      'TAKEN gw-x',
      'TAKEN gw-y',
      'ACTIVATED x',
      'ACTIVATED y',
    ]);
    expect(s.runner.incidents).toEqual([first]);
    await s.act((r) => r.retryIncident(first.key));
    expect(openJobs(s, 'x')).toHaveLength(2);
    expect(openJobs(s, 'y')).toHaveLength(2);
    for (const id of ['x', 'x', 'y', 'y']) await s.completeJob(id);
    expect(s.runner.status).toBe('COMPLETED');
  });

  it('a call activity starts a child per token; each child ends its own instance, errors included', async () => {
    const call =
      '<bpmn:callActivity id="c"><bpmn:extensionElements><zeebe:calledElement processId="child" propagateAllChildVariables="false" /></bpmn:extensionElements></bpmn:callActivity>' +
      '<bpmn:boundaryEvent id="bc" attachedToRef="c"><bpmn:errorEventDefinition errorRef="E" /></bpmn:boundaryEvent>' +
      flow('to-handled', 'bc', 'handled') +
      serviceTask('handled', 'handled') +
      flow('h-closed', 'handled', 'closed') +
      '<bpmn:endEvent id="closed" />';
    const xml = merge(call).replace(
      '<bpmn:process',
      '<bpmn:error id="E" errorCode="CHILD-FAILED" /><bpmn:process',
    );
    for (const ending of ['completed', 'error'] as const) {
      const s = await Scenario.of(xml);
      await s.start();
      await s.completeJob('a');
      const second = await s.completeJob('b');
      const [first] = s.all.callActivitiesStarted.map((c) => c.elementInstanceKey);
      expect(second.callActivitiesStarted).toHaveLength(1);
      const child = second.callActivitiesStarted[0].elementInstanceKey;
      expect(child).not.toBe(first);
      if (ending === 'completed') {
        const done = await s.act((r) => r.completeCallActivity(child, {}));
        expect(trail(done)).toEqual([
          'COMPLETED c',
          'TAKEN c-end',
          'ACTIVATED end',
          'COMPLETED end',
        ]);
      } else {
        const caught = await s.act((r) => r.throwErrorAtCallActivity(child, 'CHILD-FAILED'));
        expect(trail(caught)).toEqual([
          'TERMINATED c',
          'ACTIVATED bc',
          'COMPLETED bc',
          'TAKEN to-handled',
          'ACTIVATED handled',
        ]);
        expect(caught.callActivitiesCancelled).toEqual([]);
        await s.completeJob('handled');
      }
      expect(s.runner.status).toBe('ACTIVE');
      const last = await s.act((r) => r.completeCallActivity(first, {}));
      expect(last.instanceEnded?.state).toBe('COMPLETED');
    }
    // Cancelling the parent cancels both children.
    const s = await Scenario.of(xml);
    await s.start();
    await s.completeJob('a');
    await s.completeJob('b');
    const cancelled = await s.act((r) => r.cancel());
    expect(cancelled.callActivitiesCancelled.map((c) => c.elementInstanceKey).sort()).toEqual(
      s.all.callActivitiesStarted.map((c) => c.elementInstanceKey).sort(),
    );
    expect(cancelled.callActivitiesCancelled).toHaveLength(2);
  });
});
