import { compileBpmn, DeploymentError } from '../compile';
import { bpmn, flow, Scenario, serviceTask, trail } from './harness';

const MESSAGE =
  '<bpmn:message id="M" name="revoca"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>';

/** start → a → end, and an event sub-process (start `es` → h → ee) in the process. */
function withEventSubProcess(start: string, extra = MESSAGE): string {
  return bpmn(
    `
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'a')}
    ${serviceTask('a', 'a')}${flow('f1', 'a', 'end')}<bpmn:endEvent id="end" />
    <bpmn:subProcess id="esp" triggeredByEvent="true">
      ${start}
      ${flow('g0', 'es', 'h')}${serviceTask('h', 'h')}${flow('g1', 'h', 'ee')}<bpmn:endEvent id="ee" />
    </bpmn:subProcess>`,
    extra,
  );
}

const messageStart = (interrupting: boolean) =>
  `<bpmn:startEvent id="es" isInterrupting="${interrupting}"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>`;

describe('event sub-processes (Zeebe 8.5)', () => {
  it('interrupting message: the scope’s active elements are terminated first, then the event sub-process runs, and the process ends with it', async () => {
    const s = await Scenario.of(withEventSubProcess(messageStart(true)));
    const started = await s.start({ caseNumber: 'SSC-I-2026-000001' });
    // The scope subscribes when it activates, with the start event's id.
    expect(started.subscriptionsOpened).toEqual([
      expect.objectContaining({
        name: 'revoca',
        correlationKey: 'SSC-I-2026-000001',
        elementId: 'es',
        elementInstanceKey: s.runner.processInstanceKey,
        interrupting: true,
      }),
    ]);
    const jobA = s.job('a').key;

    const caught = await s.act((r) => r.correlateMessage(s.subscriptionKey('es'), { motivo: 'x' }));
    expect(trail(caught)).toEqual([
      'TERMINATED a',
      'ACTIVATED esp',
      'ACTIVATED es',
      'COMPLETED es',
      'TAKEN g0',
      'ACTIVATED h',
    ]);
    expect(caught.jobsCancelled.map((j) => j.key)).toEqual([jobA]);
    expect(caught.jobsCreated.map((j) => j.elementId)).toEqual(['h']);
    // Triggered only once: nothing stays subscribed.
    expect(s.runner.subscriptions).toEqual([]);

    const done = await s.completeJob('h');
    expect(trail(done)).toEqual([
      'COMPLETED h',
      'TAKEN g1',
      'ACTIVATED ee',
      'COMPLETED ee',
      'COMPLETED esp',
      'COMPLETED process',
    ]);
    expect(done.instanceEnded?.variables).toEqual({
      caseNumber: 'SSC-I-2026-000001',
      motivo: 'x',
    });
  });

  it('non-interrupting message: runs beside the main flow, stays subscribed, and the process waits for both', async () => {
    const s = await Scenario.of(withEventSubProcess(messageStart(false)));
    await s.start({ caseNumber: 'SSC-I-2026-000002' });
    const first = await s.act((r) => r.correlateMessage(s.subscriptionKey('es')));
    expect(trail(first)).toEqual([
      'ACTIVATED esp',
      'ACTIVATED es',
      'COMPLETED es',
      'TAKEN g0',
      'ACTIVATED h',
    ]);
    expect(first.jobsCancelled).toEqual([]);
    expect(first.subscriptionsOpened).toEqual([
      expect.objectContaining({ elementId: 'es', correlationKey: 'SSC-I-2026-000002' }),
    ]);

    const mainDone = await s.completeJob('a');
    expect(trail(mainDone)).toEqual(['COMPLETED a', 'TAKEN f1', 'ACTIVATED end', 'COMPLETED end']);
    expect(mainDone.instanceEnded).toBeNull();

    const done = await s.completeJob('h');
    expect(trail(done).slice(-2)).toEqual(['COMPLETED esp', 'COMPLETED process']);
    // The scope's subscription closes with it.
    expect(done.subscriptionsClosed).toEqual([expect.objectContaining({ kind: 'message' })]);
  });

  it('a second non-interrupting trigger while one instance runs starts another when it ends (one at a time here; Zeebe runs both)', async () => {
    const s = await Scenario.of(withEventSubProcess(messageStart(false)));
    await s.start({ caseNumber: 'SSC-I-2026-000003' });
    await s.act((r) => r.correlateMessage(s.subscriptionKey('es'), { n: 1 }));
    const second = await s.act((r) => r.correlateMessage(s.subscriptionKey('es'), { n: 2 }));
    expect(trail(second)).toEqual([]);
    const next = await s.completeJob('h');
    expect(trail(next)).toEqual([
      'COMPLETED h',
      'TAKEN g1',
      'ACTIVATED ee',
      'COMPLETED ee',
      'COMPLETED esp',
      'ACTIVATED esp',
      'ACTIVATED es',
      'COMPLETED es',
      'TAKEN g0',
      'ACTIVATED h',
    ]);
    expect(s.runner.getVariables()).toMatchObject({ n: 2 });
  });

  it('a non-interrupting timer cycle triggers each time it is due, and is cancelled when the process ends', async () => {
    const s = await Scenario.of(
      withEventSubProcess(
        '<bpmn:startEvent id="es" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>',
        '',
      ),
    );
    const started = await s.start({});
    expect(started.timersCreated).toEqual([
      expect.objectContaining({ elementId: 'es', repetitions: 2 }),
    ]);
    const fired = await s.act((r) => r.triggerTimer(s.timerKey('es')));
    expect(trail(fired)).toContain('ACTIVATED h');
    expect(fired.timersCreated).toEqual([
      expect.objectContaining({ elementId: 'es', repetitions: 1 }),
    ]);
    await s.completeJob('h');
    const last = await s.act((r) => r.triggerTimer(s.timerKey('es')));
    expect(last.timersCreated).toEqual([]);
    await s.completeJob('h');
    const done = await s.completeJob('a');
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  it('an error thrown by a job is caught by an error event sub-process of its scope, before a boundary of an outer scope', async () => {
    const s = await Scenario.of(
      bpmn(
        `
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="s1" />${flow('k0', 's1', 'a')}
      ${serviceTask('a', 'a')}${flow('k1', 'a', 's9')}<bpmn:endEvent id="s9" />
      <bpmn:subProcess id="esp" triggeredByEvent="true">
        <bpmn:startEvent id="es"><bpmn:errorEventDefinition errorRef="E" /></bpmn:startEvent>
        ${flow('g0', 'es', 'h')}${serviceTask('h', 'h')}${flow('g1', 'h', 'ee')}<bpmn:endEvent id="ee" />
      </bpmn:subProcess>
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="outer" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="E" /></bpmn:boundaryEvent>
    ${flow('f1', 'sub', 'next')}${serviceTask('next', 'next')}
    ${flow('f2', 'outer', 'handled')}<bpmn:endEvent id="handled" />`,
        '<bpmn:error id="E" name="E" errorCode="DOC_MISSING" />',
      ),
    );
    await s.start({});
    const thrown = await s.act((r) =>
      r.throwError(s.job('a').key, 'DOC_MISSING', '', { doc: 'isee' }),
    );
    expect(trail(thrown)).toEqual([
      'TERMINATED a',
      'ACTIVATED esp',
      'ACTIVATED es',
      'COMPLETED es',
      'TAKEN g0',
      'ACTIVATED h',
    ]);
    expect(thrown.incidentsCreated).toEqual([]);
    // The sub-process completes once its event sub-process has, and the path goes on.
    const after = await s.completeJob('h');
    expect(trail(after)).toEqual([
      'COMPLETED h',
      'TAKEN g1',
      'ACTIVATED ee',
      'COMPLETED ee',
      'COMPLETED esp',
      'COMPLETED sub',
      'TAKEN f1',
      'ACTIVATED next',
    ]);
    expect(s.runner.getVariables()).toMatchObject({ doc: 'isee' });
  });

  it('an error end event on one branch interrupts the scope before the other branch’s token arrives', async () => {
    const s = await Scenario.of(
      bpmn(
        `
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'fork')}
    <bpmn:parallelGateway id="fork" />${flow('toFail', 'fork', 'fail')}${flow('toB', 'fork', 'b')}
    <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="E" /></bpmn:endEvent>
    ${serviceTask('b', 'b')}${flow('fb', 'b', 'end')}<bpmn:endEvent id="end" />
    <bpmn:subProcess id="esp" triggeredByEvent="true">
      <bpmn:startEvent id="es"><bpmn:errorEventDefinition errorRef="E" /></bpmn:startEvent>
      ${flow('g0', 'es', 'h')}${serviceTask('h', 'h')}${flow('g1', 'h', 'ee')}<bpmn:endEvent id="ee" />
    </bpmn:subProcess>`,
        '<bpmn:error id="E" errorCode="FAILED" />',
      ),
    );
    const started = await s.start({});
    expect(started.jobsCreated.map((j) => j.elementId)).toEqual(['h']);
    expect(trail(started)).not.toContain('ACTIVATED b');
    const done = await s.completeJob('h');
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  it('a non-interrupting escalation event sub-process: the throw event goes on', async () => {
    const s = await Scenario.of(
      bpmn(
        `
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'raise')}
    <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:intermediateThrowEvent>
    ${flow('f1', 'raise', 'a')}${serviceTask('a', 'a')}
    <bpmn:subProcess id="esp" triggeredByEvent="true">
      <bpmn:startEvent id="es" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:startEvent>
      ${flow('g0', 'es', 'h')}${serviceTask('h', 'h')}
    </bpmn:subProcess>`,
        '<bpmn:escalation id="Esc" escalationCode="LATE" />',
      ),
    );
    const started = await s.start({});
    expect(started.jobsCreated.map((j) => j.elementId).sort()).toEqual(['a', 'h']);
  });

  it('an event sub-process in a sub-process subscribes with it and closes when it completes untriggered', async () => {
    const s = await Scenario.of(
      bpmn(
        `
    <bpmn:startEvent id="start" />${flow('f0', 'start', 'sub')}
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="s1" />${flow('k0', 's1', 'a')}
      ${serviceTask('a', 'a')}${flow('k1', 'a', 's9')}<bpmn:endEvent id="s9" />
      <bpmn:subProcess id="esp" triggeredByEvent="true">
        <bpmn:startEvent id="es"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>
        ${flow('g0', 'es', 'h')}${serviceTask('h', 'h')}
      </bpmn:subProcess>
    </bpmn:subProcess>
    ${flow('f1', 'sub', 'end')}<bpmn:endEvent id="end" />`,
        MESSAGE,
      ),
    );
    const started = await s.start({ caseNumber: 'SSC-I-2026-000004' });
    const subKey = started.flowEvents.find((e) => e.elementId === 'sub')?.elementInstanceKey;
    expect(started.subscriptionsOpened).toEqual([
      expect.objectContaining({ elementId: 'es', elementInstanceKey: subKey }),
    ]);
    const done = await s.completeJob('a');
    expect(done.subscriptionsClosed).toEqual([
      expect.objectContaining({ elementInstanceKey: subKey }),
    ]);
    expect(done.instanceEnded?.state).toBe('COMPLETED');
  });

  it('cancelling the instance closes the subscriptions of its event sub-processes', async () => {
    const s = await Scenario.of(withEventSubProcess(messageStart(true)));
    await s.start({ caseNumber: 'SSC-I-2026-000005' });
    const cancelled = await s.act((r) => r.cancel());
    expect(cancelled.subscriptionsClosed).toHaveLength(1);
  });

  it('a correlation key that cannot be evaluated is an incident; retried after the variable is set, it subscribes', async () => {
    const s = await Scenario.of(withEventSubProcess(messageStart(true)));
    const started = await s.start({});
    expect(started.incidentsCreated).toEqual([
      expect.objectContaining({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'process' }),
    ]);
    expect(started.jobsCreated.map((j) => j.elementId)).toEqual(['a']);
    await s.act((r) => r.setVariables(r.processInstanceKey, { caseNumber: 'SSC-I-2026-000006' }));
    const retried = await s.act((r) => r.retryIncident(started.incidentsCreated[0].key));
    expect(retried.subscriptionsOpened).toEqual([
      expect.objectContaining({ correlationKey: 'SSC-I-2026-000006' }),
    ]);
  });

  it('deployment refuses what Zeebe refuses: a non-interrupting error start, two start events, a start without a trigger', async () => {
    const refused = async (start: string) => {
      try {
        await compileBpmn(
          withEventSubProcess(start, '<bpmn:error id="E" errorCode="X" />' + MESSAGE),
        );
        return [];
      } catch (err) {
        return err instanceof DeploymentError ? err.problems : [String(err)];
      }
    };
    expect(
      await refused(
        '<bpmn:startEvent id="es" isInterrupting="false"><bpmn:errorEventDefinition errorRef="E" /></bpmn:startEvent>',
      ),
    ).toEqual([expect.stringContaining('always interrupting')]);
    expect(await refused('<bpmn:startEvent id="es" />')).toEqual([
      expect.stringContaining("event sub-process 'esp': it needs exactly one start event"),
    ]);
    expect(
      await refused(
        `${messageStart(true)}<bpmn:startEvent id="es2"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent>`,
      ),
    ).toEqual([expect.stringContaining('exactly one start event')]);
  });
});
