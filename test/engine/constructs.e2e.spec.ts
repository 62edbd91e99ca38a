import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { EngineNotFoundError, ProcessEngine } from '../../src/engine/engine.port';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { bpmn, serviceTask } from './models';

const HOUR = 3600 * 1000;

/**
 * Gateways, sub-processes, multi-instance, escalation and terminate through
 * the port, on the real database, each across a restart of the app's runners
 * (the engine reloads instances from their stored state).
 */
describe('BPMN constructs through the engine port', () => {
  let server: TestApp;
  let engine: EmbeddedEngine;
  let db: DataSource;
  const clock = new TestClock('2026-09-01T08:00:00.000Z');

  beforeAll(async () => {
    server = await startTestApp({ ENGINE_MAX_LIVE_INSTANCES: '1' }, undefined, {
      engine: { clock: clock.now },
    });
    engine = server.app.get(ProcessEngine) as EmbeddedEngine;
    db = server.app.get(DataSource);
  });
  afterAll(() => server.drop());

  const deploy = async (name: string, content: string) => {
    try {
      return await engine.deploy([{ name, content }]);
    } catch (error) {
      throw new Error(JSON.stringify((error as { problems?: unknown }).problems ?? String(error)));
    }
  };
  const complete = async (type: string, variables: Record<string, unknown> = {}) => {
    const jobs = await engine.activateJobs({
      type,
      maxJobsToActivate: 20,
      timeoutMs: 60_000,
      worker: 't',
    });
    for (const job of jobs) await engine.completeJob(job.key, variables as never);
    return jobs;
  };
  const stateOf = async (key: string) =>
    (await db.query(`SELECT state FROM process_instance WHERE key = $1`, [key]))[0].state as string;
  const completed = async (key: string) =>
    (
      await db.query(
        `SELECT element_id FROM flow_event WHERE process_instance_key = $1 AND intent = 'ELEMENT_COMPLETED' ORDER BY id`,
        [key],
      )
    ).map((r: { element_id: string }) => r.element_id);

  it('a parallel gateway splits and joins; an inclusive gateway takes every true branch', async () => {
    const model = bpmn(
      'assessments',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        { id: 'fork', type: 'bpmn:parallelGateway' },
        serviceTask('social', 'social-assessment'),
        serviceTask('health', 'health-assessment'),
        { id: 'join', type: 'bpmn:parallelGateway' },
        { id: 'which', type: 'bpmn:inclusiveGateway' },
        serviceTask('school', 'school-contact'),
        serviceTask('home', 'home-care'),
        { id: 'schoolDone', type: 'bpmn:endEvent' },
        { id: 'homeDone', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'fork' },
        { id: 'f2', from: 'fork', to: 'social' },
        { id: 'f3', from: 'fork', to: 'health' },
        { id: 'f4', from: 'social', to: 'join' },
        { id: 'f5', from: 'health', to: 'join' },
        { id: 'f6', from: 'join', to: 'which' },
        { id: 'toSchool', from: 'which', to: 'school', condition: '=minors > 0' },
        { id: 'toHome', from: 'which', to: 'home', condition: '=elderly' },
        // Camunda 8.5 has no inclusive join: each branch ends on its own.
        { id: 'f7', from: 'school', to: 'schoolDone' },
        { id: 'f8', from: 'home', to: 'homeDone' },
      ],
    );
    await deploy('assessments.bpmn', model);
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'assessments',
      variables: { minors: 2, elderly: true },
    });
    expect(await complete('social-assessment')).toHaveLength(1);
    expect(await complete('school-contact')).toHaveLength(0); // the join waits for both branches
    expect(await complete('health-assessment')).toHaveLength(1);
    expect(await complete('school-contact')).toHaveLength(1);
    expect(await stateOf(processInstanceKey)).toBe('ACTIVE'); // the home-care branch is still running
    expect(await complete('home-care')).toHaveLength(1);
    expect(await stateOf(processInstanceKey)).toBe('COMPLETED');
  });

  it('an event-based gateway takes whichever comes first: the message, or the timer', async () => {
    const model = bpmn(
      'court-reply',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        { id: 'wait', type: 'bpmn:eventBasedGateway' },
        {
          id: 'reply',
          type: 'bpmn:intermediateCatchEvent',
          body: '<bpmn:messageEventDefinition messageRef="Reply" />',
        },
        {
          id: 'tooLate',
          type: 'bpmn:intermediateCatchEvent',
          body: '<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT72H</bpmn:timeDuration></bpmn:timerEventDefinition>',
        },
        { id: 'answered', type: 'bpmn:endEvent' },
        { id: 'expired', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'wait' },
        { id: 'f2', from: 'wait', to: 'reply' },
        { id: 'f3', from: 'wait', to: 'tooLate' },
        { id: 'f4', from: 'reply', to: 'answered' },
        { id: 'f5', from: 'tooLate', to: 'expired' },
      ],
      '<bpmn:message id="Reply" name="court-reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>',
    );
    await deploy('court-reply.bpmn', model);
    const first = await engine.createInstance({
      bpmnProcessId: 'court-reply',
      variables: { caseNumber: 'SSC-I-2026-000001' },
    });
    const second = await engine.createInstance({
      bpmnProcessId: 'court-reply',
      variables: { caseNumber: 'SSC-I-2026-000002' },
    });
    await engine.publishMessage({ name: 'court-reply', correlationKey: 'SSC-I-2026-000001' });
    await engine.settle();
    clock.advance(72 * HOUR);
    await engine.settle();
    expect(await completed(first.processInstanceKey)).toContain('answered');
    expect(await completed(first.processInstanceKey)).not.toContain('tooLate');
    expect(await completed(second.processInstanceKey)).toContain('expired');
    const open = await db.query(
      `SELECT 1 FROM timer WHERE process_instance_key = $1 AND state = 'ACTIVE'`,
      [first.processInstanceKey],
    );
    expect(open).toEqual([]);
  });

  it('a parallel multi-instance task runs once per household member and collects the outputs', async () => {
    const model = bpmn(
      'members',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        {
          id: 'interview',
          type: 'bpmn:serviceTask',
          body:
            '<bpmn:extensionElements><zeebe:taskDefinition type="interview" /><zeebe:ioMapping><zeebe:output source="=notes" target="note" /></zeebe:ioMapping></bpmn:extensionElements>' +
            '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=members" inputElement="member" outputCollection="notesByMember" outputElement="=note" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>',
        },
        serviceTask('summary', 'summary'),
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'interview' },
        { id: 'f2', from: 'interview', to: 'summary' },
        { id: 'f3', from: 'summary', to: 'end' },
      ],
    );
    await deploy('members.bpmn', model);
    await engine.createInstance({
      bpmnProcessId: 'members',
      variables: { members: ['madre', 'padre', 'figlia'] },
    });
    const jobs = await engine.activateJobs({
      type: 'interview',
      maxJobsToActivate: 10,
      timeoutMs: 60_000,
      worker: 't',
    });
    expect(jobs.map((j) => j.variables.member).sort()).toEqual(['figlia', 'madre', 'padre']);
    for (const job of jobs)
      await engine.completeJob(job.key, { notes: `colloquio con ${job.variables.member}` });
    const [summary] = await engine.activateJobs({
      type: 'summary',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 't',
    });
    expect(summary.variables.notesByMember).toEqual([
      'colloquio con madre',
      'colloquio con padre',
      'colloquio con figlia',
    ]);
  });

  it('an embedded sub-process with an escalation caught non-interrupting, and a terminate end event', async () => {
    const model = bpmn(
      'protection',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        {
          id: 'inquiry',
          type: 'bpmn:subProcess',
          body:
            '<bpmn:startEvent id="inquiryStart" name="inquiryStart"><bpmn:outgoing>s1</bpmn:outgoing></bpmn:startEvent>' +
            '<bpmn:intermediateThrowEvent id="alert" name="alert"><bpmn:incoming>s1</bpmn:incoming><bpmn:outgoing>s2</bpmn:outgoing><bpmn:escalationEventDefinition escalationRef="Risk" /></bpmn:intermediateThrowEvent>' +
            '<bpmn:serviceTask id="visit" name="visit"><bpmn:extensionElements><zeebe:taskDefinition type="home-visit" /></bpmn:extensionElements><bpmn:incoming>s2</bpmn:incoming><bpmn:outgoing>s3</bpmn:outgoing></bpmn:serviceTask>' +
            '<bpmn:endEvent id="inquiryEnd" name="inquiryEnd"><bpmn:incoming>s3</bpmn:incoming></bpmn:endEvent>' +
            '<bpmn:sequenceFlow id="s1" sourceRef="inquiryStart" targetRef="alert" /><bpmn:sequenceFlow id="s2" sourceRef="alert" targetRef="visit" /><bpmn:sequenceFlow id="s3" sourceRef="visit" targetRef="inquiryEnd" />',
        },
        {
          id: 'riskRaised',
          type: 'bpmn:boundaryEvent',
          attachedTo: 'inquiry',
          attrs: 'cancelActivity="false"',
          body: '<bpmn:escalationEventDefinition escalationRef="Risk" />',
        },
        serviceTask('notifyCourt', 'notify-court'),
        { id: 'stopAll', type: 'bpmn:endEvent', body: '<bpmn:terminateEventDefinition />' },
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'inquiry' },
        { id: 'f2', from: 'inquiry', to: 'end' },
        { id: 'f3', from: 'riskRaised', to: 'notifyCourt' },
        { id: 'f4', from: 'notifyCourt', to: 'stopAll' },
      ],
      '<bpmn:escalation id="Risk" name="Risk" escalationCode="RISK" />',
      { shapes: ['inquiryStart', 'alert', 'visit', 'inquiryEnd'], edges: ['s1', 's2', 's3'] },
    );
    await deploy('protection.bpmn', model);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'protection' });
    // Non-interrupting: the visit inside the sub-process and the court notice both wait.
    const [visit] = await engine.activateJobs({
      type: 'home-visit',
      maxJobsToActivate: 1,
      timeoutMs: 60_000,
      worker: 't',
    });
    expect(visit).toBeDefined();
    expect(await complete('notify-court')).toHaveLength(1);
    // The terminate end event ends everything, the open visit included.
    expect(await stateOf(processInstanceKey)).toBe('COMPLETED');
    await expect(engine.completeJob(visit.key)).rejects.toThrow(EngineNotFoundError);
    const [job] = await db.query(`SELECT state FROM job WHERE key = $1`, [visit.key]);
    expect(job.state).toBe('CANCELED');
  });
});
