import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../src/engine/embedded/embedded-engine';
import { ProcessEngine, Variables } from '../../src/engine/engine.port';
import { Job } from '../../src/engine/workers/job';
import { BpmnError } from '../../src/engine/workers/job-errors';
import { JobWorker } from '../../src/engine/workers/job-worker.decorator';
import { JobWorkers } from '../../src/engine/workers/job-workers.service';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { bpmn, chain, serviceTask } from './models';

class Gate {
  private release!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  open(): void {
    this.release();
  }
}

/** The workers under test: ordinary providers, found by their decorators. */
@Injectable()
class TestWorkers {
  readonly jobs: Job[] = [];
  readonly inpsCalls: Job[] = [];
  /** Letters "sent", by element instance: a second run overwrites, never duplicates. */
  readonly letters = new Map<string, string>();
  readonly letterGates: Gate[] = [];
  letterRuns = 0;
  archiveGate: Promise<void> = Promise.resolve();
  readonly archiveCalls: string[] = [];
  readonly events: string[] = [];

  @JobWorker({ type: 'intake-register' })
  register(job: Job<{ caseNumber: string }>): Variables {
    this.jobs.push(job);
    return { registered: job.variables.caseNumber };
  }

  @JobWorker({ type: 'intake-assess', fetchVariables: ['registered'] })
  async assess(job: Job<{ registered: string; caseNumber?: string }>): Promise<Variables> {
    this.jobs.push(job);
    return { score: 3, sawCaseNumber: job.variables.caseNumber !== undefined };
  }

  @JobWorker({ type: 'intake-notify' })
  notify(job: Job<{ registered: string; score: number }, { channel: string }>): Variables {
    this.jobs.push(job);
    return {
      notified: `${job.variables.registered}:${job.variables.score}:${job.customHeaders.channel}`,
    };
  }

  @JobWorker({ type: 'check-documents' })
  checkDocuments(): void {
    throw new BpmnError('NO_DOCS', 'ISEE missing', { missing: ['ISEE'] });
  }

  @JobWorker({ type: 'request-documents' })
  requestDocuments(job: Job<{ missing: string[] }>): Variables {
    return { requested: job.variables.missing };
  }

  @JobWorker({ type: 'call-inps', retryBackOffMs: 30_000 })
  callInps(job: Job): void {
    this.inpsCalls.push(job);
    throw new Error('INPS non raggiungibile\n    at InpsClient.isee (inps.client.ts:42)');
  }

  @JobWorker({ type: 'send-letter', timeoutMs: 1_000 })
  async sendLetter(job: Job<{ caseNumber: string }>): Promise<Variables> {
    this.letterRuns += 1;
    await this.letterGates.shift()?.opened;
    this.letters.set(job.elementInstanceKey, `lettera per ${job.variables.caseNumber}`);
    return { letterSent: true };
  }

  @JobWorker({ type: 'archive', maxJobsActive: 1 })
  async archive(job: Job): Promise<Variables> {
    this.archiveCalls.push(job.key);
    await this.archiveGate;
    this.events.push(`archived ${job.key}`);
    return { archived: true };
  }
}

@Module({ providers: [TestWorkers] })
class TestWorkersModule {}

describe('job workers (@JobWorker) on the real app and engine', () => {
  const clock = new TestClock();
  let server: TestApp;
  let engine: EmbeddedEngine;
  let db: DataSource;
  let workers: TestWorkers;
  let jobWorkers: JobWorkers;

  const attach = (app: TestApp) => {
    server = app;
    engine = app.app.get(ProcessEngine) as EmbeddedEngine;
    db = app.app.get(DataSource);
    workers = app.app.get(TestWorkers);
    jobWorkers = app.app.get(JobWorkers);
  };

  beforeAll(async () => {
    attach(
      await startTestApp({}, undefined, {
        engine: { clock: clock.now },
        imports: [TestWorkersModule],
      }),
    );
  });
  afterAll(() => server.drop());

  const instance = async (key: string) =>
    (await db.query(`SELECT state, variables FROM process_instance WHERE key = $1`, [key]))[0] as {
      state: string;
      variables: Variables;
    };

  const jobRow = async (processInstanceKey: string) =>
    (
      await db.query(
        `SELECT key::text, state, retries, error_message FROM job WHERE process_instance_key = $1`,
        [processInstanceKey],
      )
    )[0] as { key: string; state: string; retries: number; error_message: string | null };

  const flowOf = async (key: string): Promise<string[]> =>
    (
      await db.query(
        `SELECT element_id, intent FROM flow_event WHERE process_instance_key = $1 ORDER BY id`,
        [key],
      )
    ).map((r: { element_id: string; intent: string }) => `${r.intent}:${r.element_id}`);

  const completed = (key: string) =>
    waitFor(async () => (await instance(key)).state === 'COMPLETED');

  it('runs a model of three service tasks end to end, variables flowing from one worker to the next', async () => {
    // Given a deployed chain of three task types, each served by a decorated method
    const model = bpmn(
      'intake',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        serviceTask('register', 'intake-register'),
        serviceTask('assess', 'intake-assess'),
        serviceTask(
          'notify',
          'intake-notify',
          '<zeebe:taskHeaders><zeebe:header key="channel" value="pec" /></zeebe:taskHeaders>',
        ),
        { id: 'end', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'register' },
        { id: 'f2', from: 'register', to: 'assess' },
        { id: 'f3', from: 'assess', to: 'notify' },
        { id: 'f4', from: 'notify', to: 'end' },
      ],
    );
    await engine.deploy([{ name: 'intake.bpmn', content: model }]);

    // When a case starts
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'intake',
      variables: { caseNumber: 'SSC-III-2026-000101' },
    });

    // Then the workers carry it to the end, nobody polling by hand
    await completed(processInstanceKey);
    expect((await instance(processInstanceKey)).variables).toEqual({
      caseNumber: 'SSC-III-2026-000101',
      registered: 'SSC-III-2026-000101',
      score: 3,
      sawCaseNumber: false, // fetchVariables: ['registered']
      notified: 'SSC-III-2026-000101:3:pec',
    });
    expect(workers.jobs.map((j) => [j.type, j.elementId, j.bpmnProcessId])).toEqual([
      ['intake-register', 'register', 'intake'],
      ['intake-assess', 'assess', 'intake'],
      ['intake-notify', 'notify', 'intake'],
    ]);
    expect(workers.jobs[2]).toMatchObject({
      processInstanceKey,
      retries: 3,
      customHeaders: { channel: 'pec' },
      deadline: new Date(clock.now().getTime() + 60_000),
    });
    expect(new Set(workers.jobs.map((j) => j.key)).size).toBe(3);
    expect(jobWorkers.types).toEqual(
      expect.arrayContaining(['intake-register', 'intake-assess', 'intake-notify', 'archive']),
    );
  });

  it('a BpmnError thrown by a worker is caught by the error boundary, with its variables', async () => {
    // Given a check with a NO_DOCS boundary leading to a request for documents
    const model = bpmn(
      'documents',
      [
        { id: 'start', type: 'bpmn:startEvent' },
        serviceTask('check', 'check-documents'),
        { id: 'ok', type: 'bpmn:endEvent' },
        {
          id: 'noDocs',
          type: 'bpmn:boundaryEvent',
          attachedTo: 'check',
          body: '<bpmn:errorEventDefinition errorRef="Err" />',
        },
        serviceTask('request', 'request-documents'),
        { id: 'requested', type: 'bpmn:endEvent' },
      ],
      [
        { id: 'f1', from: 'start', to: 'check' },
        { id: 'f2', from: 'check', to: 'ok' },
        { id: 'f3', from: 'noDocs', to: 'request' },
        { id: 'f4', from: 'request', to: 'requested' },
      ],
      '<bpmn:error id="Err" name="Documenti mancanti" errorCode="NO_DOCS" />',
    );
    await engine.deploy([{ name: 'documents.bpmn', content: model }]);

    // When the check's worker throws NO_DOCS
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'documents' });

    // Then the boundary takes the flow to the request, and the error's variables came along
    await completed(processInstanceKey);
    const flow = await flowOf(processInstanceKey);
    expect(flow).toEqual(
      expect.arrayContaining([
        'ELEMENT_TERMINATED:check',
        'ELEMENT_ACTIVATED:noDocs',
        'ELEMENT_COMPLETED:request',
        'ELEMENT_COMPLETED:requested',
      ]),
    );
    expect(flow).not.toContain('ELEMENT_ACTIVATED:ok');
    expect((await instance(processInstanceKey)).variables).toMatchObject({
      missing: ['ISEE'],
      requested: ['ISEE'],
    });
  });

  it('a plain Error fails the job: one retry less each time, offered again only after the back-off, then an incident', async () => {
    // Given a worker whose remote service is down (back-off 30 s)
    await engine.deploy([{ name: 'inps.bpmn', content: chain('inps', ['call-inps']) }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'inps' });

    // When it fails the first time
    await waitFor(async () => (await jobRow(processInstanceKey)).retries === 2);
    const failed = await jobRow(processInstanceKey);
    // Then the job keeps the first line of the message, never the stack
    expect(failed).toMatchObject({ state: 'ACTIVATABLE', error_message: 'INPS non raggiungibile' });

    // And it is not offered again before the back-off has passed
    clock.advance(29_999);
    await engine.settle();
    await jobWorkers.pollNow('call-inps');
    expect(workers.inpsCalls).toHaveLength(1);

    clock.advance(1);
    await jobWorkers.pollNow('call-inps');
    await waitFor(async () => (await jobRow(processInstanceKey)).retries === 1);
    expect(workers.inpsCalls).toHaveLength(2);

    // When the last retry fails too
    clock.advance(30_000);
    await jobWorkers.pollNow('call-inps');
    await waitFor(async () => (await jobRow(processInstanceKey)).retries === 0);

    // Then an incident is raised, and the job is offered no more
    expect(workers.inpsCalls.map((j) => j.retries)).toEqual([3, 2, 1]);
    expect(await jobRow(processInstanceKey)).toMatchObject({ state: 'FAILED' });
    const incidents = await db.query(
      `SELECT error_type, error_message, state FROM incident WHERE process_instance_key = $1`,
      [processInstanceKey],
    );
    expect(incidents).toEqual([
      {
        error_type: 'JOB_NO_RETRIES',
        error_message: expect.stringContaining('INPS non raggiungibile'),
        state: 'ACTIVE',
      },
    ]);
    clock.advanceDays(1);
    await jobWorkers.pollNow('call-inps');
    expect(workers.inpsCalls).toHaveLength(3);
  });

  it('a handler that outlives its timeout runs twice for the same job; the instance completes once, the late completion is dropped', async () => {
    // Given a letter worker (timeout 1 s) whose first run hangs
    const firstRun = new Gate();
    workers.letterGates.push(firstRun);
    await engine.deploy([{ name: 'letter.bpmn', content: chain('letter', ['send-letter']) }]);
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'letter',
      variables: { caseNumber: 'SSC-I-2026-000007' },
    });
    await waitFor(async () => workers.letterRuns === 1);
    const { key: jobKey } = await jobRow(processInstanceKey);

    // When the activation times out, the job is handed out again and the second run completes it
    clock.advance(1_001);
    await engine.settle();
    await completed(processInstanceKey);
    expect(workers.letterRuns).toBe(2);

    // And then the first run finishes late
    firstRun.open();
    await waitFor(async () => jobWorkers.activeJobs('send-letter') === 0);

    // Then the instance completed exactly once, and the late completion changed nothing
    const flow = await flowOf(processInstanceKey);
    expect(flow.filter((e) => e === 'ELEMENT_COMPLETED:letter')).toHaveLength(1);
    expect(flow.filter((e) => e === 'ELEMENT_COMPLETED:task1')).toHaveLength(1);
    expect(await jobRow(processInstanceKey)).toEqual({
      key: jobKey,
      state: 'COMPLETED',
      retries: 3,
      error_message: null,
    });
    expect(
      await db.query(`SELECT key FROM incident WHERE process_instance_key = $1`, [
        processInstanceKey,
      ]),
    ).toEqual([]);
    // The handler is idempotent: two runs, one letter
    expect([...workers.letters.values()]).toEqual(['lettera per SSC-I-2026-000007']);
  });

  it('shutdown stops activating and waits for a running handler, whose completion still reaches the engine', async () => {
    // Given an archive worker (one job at a time) busy with a first case, a second case waiting
    const gate = new Gate();
    workers.archiveGate = gate.opened;
    await engine.deploy([{ name: 'archive.bpmn', content: chain('archive', ['archive']) }]);
    const first = await engine.createInstance({ bpmnProcessId: 'archive' });
    await waitFor(async () => workers.archiveCalls.length === 1);
    const second = await engine.createInstance({ bpmnProcessId: 'archive' });
    const old = workers;
    const stopEngine = engine.stop.bind(engine);
    jest.spyOn(engine, 'stop').mockImplementation(() => {
      old.events.push('engine stopping');
      return stopEngine();
    });

    // When the app shuts down while the handler runs
    const closing = server.close().then(() => old.events.push('closed'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(old.events).toEqual([]);
    gate.open();
    await closing;

    // Then it waited for the handler before the engine stopped, and took no new job meanwhile
    expect(old.events).toEqual([`archived ${old.archiveCalls[0]}`, 'engine stopping', 'closed']);
    expect(old.archiveCalls).toHaveLength(1);

    // And after a restart, the first case had completed; the second is picked up now
    attach(await server.restart());
    expect((await instance(first.processInstanceKey)).state).toBe('COMPLETED');
    await completed(second.processInstanceKey);
    expect(workers.archiveCalls).toHaveLength(1);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
