import {
  ActivatedJob,
  EngineConflictError,
  EngineNotFoundError,
  Key,
  ProcessEngine,
} from '../../../src/engine/engine.port';
import { bpmn, chain, serviceTask } from '../models';

/** What each way of reaching an engine gives the suite. */
export interface PortUnderTest {
  engine: ProcessEngine;
  /** Open incidents of an instance, from the read side the engine's events fill. */
  incidentsOf(processInstanceKey: Key): Promise<Array<{ key: Key; errorType: string }>>;
  /** The instance the read side knows under a business key (a case number). */
  instanceByBusinessKey(businessKey: string, bpmnProcessId: string): Promise<Key | null>;
}

const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

/**
 * One suite over the engine port, written from Zeebe 8.5's documented behaviour and run the same
 * way on every engine (in process, through the embedded gateway, on a real Zeebe). Process ids
 * carry a run suffix: a real Zeebe keeps what earlier runs deployed.
 */
export function describePortConformance(
  name: string,
  connect: () => Promise<PortUnderTest>,
  { readSide = true } = {},
) {
  /** Tests that read incidents or business keys need the read side's tables filled. */
  const withReadSide = readSide ? it : it.skip;
  describe(`engine port conformance: ${name}`, () => {
    let port: PortUnderTest;
    let engine: ProcessEngine;
    const run = Date.now().toString(36);
    const id = (base: string) => `${base}-${run}`;

    beforeAll(async () => {
      port = await connect();
      engine = port.engine;
    });

    const activate = (type: string, fetchVariables?: string[]) =>
      engine.activateJobs({
        type,
        maxJobsToActivate: 10,
        timeoutMs: 60_000,
        worker: 'conformance',
        ...(fetchVariables && { fetchVariables }),
      });

    /** Zeebe applies commands asynchronously: poll, as a worker would, until a job shows up. */
    async function nextJob(type: string, fetchVariables?: string[]): Promise<ActivatedJob> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const [job] = await activate(type, fetchVariables);
        if (job) return job;
        if (Date.now() > deadline) throw new Error(`no job of type ${type} within 10 s`);
        await pause(100);
      }
    }

    async function incidents(processInstanceKey: Key, count: number) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = await port.incidentsOf(processInstanceKey);
        if (found.length >= count || Date.now() > deadline) return found;
        await pause(100);
      }
    }

    it('runs service tasks with a worker: variables in, fetched, and out', async () => {
      const [deployed] = await engine.deploy([
        { name: `${id('chain')}.bpmn`, content: chain(id('chain'), [id('a'), id('b')]) },
      ]);
      expect(deployed).toMatchObject({ bpmnProcessId: id('chain'), version: 1 });
      const created = await engine.createInstance({
        bpmnProcessId: id('chain'),
        variables: { household: 3, note: null },
      });
      expect(created).toMatchObject({
        bpmnProcessId: id('chain'),
        version: 1,
        processDefinitionKey: deployed.processDefinitionKey,
      });

      const first = await nextJob(id('a'));
      expect(first).toMatchObject({
        type: id('a'),
        processInstanceKey: created.processInstanceKey,
        bpmnProcessId: id('chain'),
        processDefinitionVersion: 1,
        elementId: 'task1',
        worker: 'conformance',
        retries: 3,
        variables: { household: 3, note: null },
      });
      expect(first.deadline).toBeGreaterThan(Date.now());
      // Activated: nobody else gets it until it times out.
      expect(await activate(id('a'))).toEqual([]);

      await engine.completeJob(first.key, { assessed: true });
      const second = await nextJob(id('b'), ['assessed']);
      expect(second.variables).toEqual({ assessed: true });
      await engine.completeJob(second.key);
      await expect(engine.completeJob(second.key)).rejects.toBeInstanceOf(EngineNotFoundError);
    });

    withReadSide(
      'an instance started under a business key (a case number) is found by it',
      async () => {
        await engine.deploy([
          { name: `${id('keyed')}.bpmn`, content: chain(id('keyed'), [id('keyed-task')]) },
        ]);
        const withCase = await engine.createInstance({
          bpmnProcessId: id('keyed'),
          businessKey: `SSC-III-2026-${run}`,
        });
        expect(await port.instanceByBusinessKey(`SSC-III-2026-${run}`, id('keyed'))).toBe(
          withCase.processInstanceKey,
        );
      },
    );

    withReadSide(
      'a failed job comes back after its back-off, and at no retries left is an incident until resolved',
      async () => {
        await engine.deploy([
          { name: `${id('retry')}.bpmn`, content: chain(id('retry'), [id('flaky')]) },
        ]);
        const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: id('retry') });
        const job = await nextJob(id('flaky'));

        await engine.failJob(job.key, {
          retries: 2,
          errorMessage: 'servizio giù',
          retryBackOffMs: 1500,
        });
        expect(await activate(id('flaky'))).toEqual([]);
        const again = await nextJob(id('flaky'));
        expect(again).toMatchObject({ key: job.key, retries: 2 });

        await engine.failJob(again.key, { retries: 0, errorMessage: 'ancora giù' });
        const [incident] = await incidents(processInstanceKey, 1);
        expect(incident.errorType).toBe('JOB_NO_RETRIES');
        expect(await activate(id('flaky'))).toEqual([]);

        await engine.updateJobRetries(job.key, 1);
        await engine.resolveIncident(incident.key);
        expect(await nextJob(id('flaky'))).toMatchObject({ key: job.key, retries: 1 });
      },
    );

    withReadSide(
      'a BPMN error from a worker is caught by an error boundary; an uncaught one is an incident',
      async () => {
        const model = bpmn(
          id('errors'),
          [
            { id: 'start', type: 'bpmn:startEvent' },
            serviceTask('check', id('check')),
            {
              id: 'refused',
              type: 'bpmn:boundaryEvent',
              attachedTo: 'check',
              body: `<bpmn:errorEventDefinition errorRef="Refused" />`,
            },
            serviceTask('explain', id('explain')),
            { id: 'done', type: 'bpmn:endEvent' },
            { id: 'explained', type: 'bpmn:endEvent' },
          ],
          [
            { id: 'f1', from: 'start', to: 'check' },
            { id: 'f2', from: 'check', to: 'done' },
            { id: 'f3', from: 'refused', to: 'explain' },
            { id: 'f4', from: 'explain', to: 'explained' },
          ],
          '<bpmn:error id="Refused" name="Refused" errorCode="REFUSED" />',
        );
        await engine.deploy([{ name: `${id('errors')}.bpmn`, content: model }]);

        await engine.createInstance({ bpmnProcessId: id('errors') });
        const caught = await nextJob(id('check'));
        await engine.throwError(caught.key, {
          errorCode: 'REFUSED',
          errorMessage: 'documenti mancanti',
          variables: { reason: 'documenti' },
        });
        expect((await nextJob(id('explain'))).variables).toMatchObject({ reason: 'documenti' });

        const other = await engine.createInstance({ bpmnProcessId: id('errors') });
        const uncaught = await nextJob(id('check'));
        await engine.throwError(uncaught.key, { errorCode: 'SOMETHING_ELSE' });
        const [incident] = await incidents(other.processInstanceKey, 1);
        expect(incident.errorType).toBe('UNHANDLED_ERROR_EVENT');
      },
    );

    it('a message waits its time to live for the instance that will correlate it; a second one with the same id is refused', async () => {
      const model = bpmn(
        id('reply'),
        [
          { id: 'start', type: 'bpmn:startEvent' },
          serviceTask('ask', id('ask')),
          {
            id: 'answer',
            type: 'bpmn:intermediateCatchEvent',
            body: '<bpmn:messageEventDefinition messageRef="Answer" />',
          },
          serviceTask('read', id('read')),
          { id: 'end', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'start', to: 'ask' },
          { id: 'f2', from: 'ask', to: 'answer' },
          { id: 'f3', from: 'answer', to: 'read' },
          { id: 'f4', from: 'read', to: 'end' },
        ],
        `<bpmn:message id="Answer" name="${id('answer')}"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>`,
      );
      await engine.deploy([{ name: `${id('reply')}.bpmn`, content: model }]);
      const caseNumber = `SSC-${run}`;
      await engine.createInstance({ bpmnProcessId: id('reply'), variables: { caseNumber } });
      const ask = await nextJob(id('ask'));

      // Published before the instance subscribes: it waits, within its time to live.
      const published = await engine.publishMessage({
        name: id('answer'),
        correlationKey: caseNumber,
        timeToLiveMs: 60_000,
        messageId: `answer-${run}`,
        variables: { answer: 'sì' },
      });
      expect(published.messageKey).toMatch(/^\d+$/);
      await expect(
        engine.publishMessage({
          name: id('answer'),
          correlationKey: caseNumber,
          timeToLiveMs: 60_000,
          messageId: `answer-${run}`,
        }),
      ).rejects.toBeInstanceOf(EngineConflictError);

      await engine.completeJob(ask.key);
      expect((await nextJob(id('read'))).variables).toMatchObject({ answer: 'sì' });
    });

    it('a broadcast signal reaches the waiting instance; set variables are seen by the next job', async () => {
      const model = bpmn(
        id('signal'),
        [
          { id: 'start', type: 'bpmn:startEvent' },
          {
            id: 'wait',
            type: 'bpmn:intermediateCatchEvent',
            body: '<bpmn:signalEventDefinition signalRef="Go" />',
          },
          serviceTask('after', id('after')),
          { id: 'end', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'start', to: 'wait' },
          { id: 'f2', from: 'wait', to: 'after' },
          { id: 'f3', from: 'after', to: 'end' },
        ],
        `<bpmn:signal id="Go" name="${id('go')}" />`,
      );
      await engine.deploy([{ name: `${id('signal')}.bpmn`, content: model }]);
      const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: id('signal') });
      await engine.setVariables(processInstanceKey, { priority: 'alta' });
      // The subscription opens asynchronously on Zeebe: signal until the job appears.
      const deadline = Date.now() + 10_000;
      let after: ActivatedJob | undefined;
      while (!after && Date.now() < deadline) {
        await engine.broadcastSignal(id('go'), { signalled: true });
        [after] = await activate(id('after'));
        if (!after) await pause(200);
      }
      expect(after?.variables).toMatchObject({ priority: 'alta', signalled: true });
    });

    it('a cancelled instance takes no more commands', async () => {
      await engine.deploy([
        { name: `${id('cancel')}.bpmn`, content: chain(id('cancel'), [id('pending')]) },
      ]);
      const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: id('cancel') });
      const job = await nextJob(id('pending'));
      await engine.cancelInstance(processInstanceKey);
      await expect(engine.completeJob(job.key)).rejects.toBeInstanceOf(EngineNotFoundError);
      await expect(engine.cancelInstance(processInstanceKey)).rejects.toBeInstanceOf(
        EngineNotFoundError,
      );
    });

    it('a user task is a job of type io.camunda.zeebe:userTask with its form and assignment as headers', async () => {
      const model = bpmn(
        id('user'),
        [
          { id: 'start', type: 'bpmn:startEvent' },
          {
            id: 'review',
            type: 'bpmn:userTask',
            body: `<bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:review" /><zeebe:assignmentDefinition candidateGroups="unit-III" /></bpmn:extensionElements>`,
          },
          { id: 'end', type: 'bpmn:endEvent' },
        ],
        [
          { id: 'f1', from: 'start', to: 'review' },
          { id: 'f2', from: 'review', to: 'end' },
        ],
      );
      await engine.deploy([{ name: `${id('user')}.bpmn`, content: model }]);
      const { processInstanceKey } = await engine.createInstance({
        bpmnProcessId: id('user'),
        variables: { reviewRun: run },
      });
      const deadline = Date.now() + 10_000;
      let task: ActivatedJob | undefined;
      while (!task && Date.now() < deadline) {
        task = (await activate(USER_TASK_JOB_TYPE)).find(
          (job) => job.processInstanceKey === processInstanceKey,
        );
        if (!task) await pause(100);
      }
      expect(task).toMatchObject({ elementId: 'review', variables: { reviewRun: run } });
      expect(task!.customHeaders).toMatchObject({
        'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:review',
      });
      expect(JSON.parse(task!.customHeaders['io.camunda.zeebe:candidateGroups'])).toEqual([
        'unit-III',
      ]);
      await engine.completeJob(task!.key, { approved: true });
    });

    it('commands on what does not exist answer not found', async () => {
      await expect(engine.completeJob('2251799813685249')).rejects.toBeInstanceOf(
        EngineNotFoundError,
      );
      await expect(engine.cancelInstance('2251799813685250')).rejects.toBeInstanceOf(
        EngineNotFoundError,
      );
    });
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
