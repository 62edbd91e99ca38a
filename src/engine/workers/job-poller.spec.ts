import {
  ActivatedJob,
  ActivateJobsCommand,
  EngineNotFoundError,
  ProcessEngine,
} from '../engine.port';
import { Job, JobResult } from './job';
import { BpmnError, JobFailure } from './job-errors';
import { JobPoller, JobPollerSettings } from './job-poller';

/** The part of the engine a poller uses; jobs to hand out are queued by the test. */
class FakeEngine {
  readonly queue: ActivatedJob[] = [];
  readonly activateJobs = jest.fn(async (command: ActivateJobsCommand) =>
    this.queue.splice(0, command.maxJobsToActivate),
  );
  readonly completeJob = jest.fn(async (_key: string, _variables?: object) => undefined);
  readonly failJob = jest.fn(async (_key: string, _command: object) => undefined);
  readonly throwError = jest.fn(async (_key: string, _command: object) => undefined);
}

const logger = () => ({ log: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() });

let nextKey = 1;
const activated = (variables: ActivatedJob['variables'] = {}): ActivatedJob => ({
  key: String(nextKey++),
  type: 'check',
  processInstanceKey: '100',
  bpmnProcessId: 'p',
  processDefinitionKey: '9',
  processDefinitionVersion: 1,
  elementId: 'task',
  elementInstanceKey: '101',
  customHeaders: {},
  worker: 'w',
  retries: 3,
  deadline: Date.parse('2026-03-02T09:01:00Z'),
  variables,
});

const settings = (overrides: Partial<JobPollerSettings> = {}): JobPollerSettings => ({
  type: 'check',
  timeoutMs: 60_000,
  maxJobsActive: 8,
  retryBackOffMs: 10_000,
  worker: 'percorsi-test-1',
  minPollIntervalMs: 5,
  maxPollIntervalMs: 20,
  ...overrides,
});

class Gate {
  private release!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  open(): void {
    this.release();
  }
}

async function until(condition: () => boolean): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 2000) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('JobPoller', () => {
  let engine: FakeEngine;
  let poller: JobPoller | undefined;
  const make = (
    handler: (job: Job) => JobResult | Promise<JobResult>,
    overrides: Partial<JobPollerSettings> = {},
    log = logger(),
  ) => {
    poller = new JobPoller(engine as unknown as ProcessEngine, handler, settings(overrides), log);
    poller.start();
    return poller;
  };

  beforeEach(() => (engine = new FakeEngine()));
  afterEach(() => poller?.stop(0));

  it('turns what a handler returns or throws into complete, throwError or failJob', async () => {
    // Given one job per kind of outcome
    const jobs = {
      returns: activated({ mode: 'returns' }),
      nothing: activated({ mode: 'nothing' }),
      bpmn: activated({ mode: 'bpmn' }),
      error: activated({ mode: 'error' }),
      permanent: activated({ mode: 'permanent' }),
      string: activated({ mode: 'string' }),
      array: activated({ mode: 'array' }),
    };
    engine.queue.push(...Object.values(jobs));
    const poller = make((job): JobResult => {
      switch (job.variables.mode) {
        case 'returns':
          return { checked: true };
        case 'nothing':
          return;
        case 'bpmn':
          throw new BpmnError('NO_DOCS', 'documents missing', { missing: ['ISEE'] });
        case 'error':
          throw new Error(`INPS non raggiungibile\n    at isee (inps.ts:1)`);
        case 'permanent':
          throw new JobFailure('codice fiscale non valido', { retries: 0 });
        case 'string':
          throw 'Mario Rossi, RSSMRA80A01H501U';
        default:
          return ['not', 'variables'] as unknown as JobResult;
      }
    });

    // When they are polled and handled
    await poller.pollNow();
    await until(() => poller.activeJobs === 0);

    // Then each outcome reaches the engine as the matching command
    expect(engine.completeJob.mock.calls).toEqual([
      [jobs.returns.key, { checked: true }],
      [jobs.nothing.key, {}],
    ]);
    expect(engine.throwError.mock.calls).toEqual([
      [
        jobs.bpmn.key,
        {
          errorCode: 'NO_DOCS',
          errorMessage: 'documents missing',
          variables: { missing: ['ISEE'] },
        },
      ],
    ]);
    expect(engine.failJob.mock.calls).toEqual([
      // first line only, one retry less, the worker's back-off
      [
        jobs.error.key,
        { retries: 2, errorMessage: 'INPS non raggiungibile', retryBackOffMs: 10_000 },
      ],
      // no retries left: no back-off, an incident at once
      [
        jobs.permanent.key,
        { retries: 0, errorMessage: 'codice fiscale non valido', retryBackOffMs: 0 },
      ],
      // a thrown non-Error is not copied: it may hold personal data
      [
        jobs.string.key,
        { retries: 2, errorMessage: 'a string was thrown, not an Error', retryBackOffMs: 10_000 },
      ],
      [
        jobs.array.key,
        {
          retries: 2,
          errorMessage: 'the handler returned object, not variables',
          retryBackOffMs: 10_000,
        },
      ],
    ]);
  });

  it('activates with its settings and hands the handler a typed job', async () => {
    const job = activated({ caseNumber: 'SSC-I-2026-000001' });
    engine.queue.push(job);
    const seen: Job[] = [];
    const poller = make((j) => void seen.push(j), {
      timeoutMs: 5_000,
      fetchVariables: ['caseNumber'],
    });
    await poller.pollNow();
    expect(engine.activateJobs).toHaveBeenCalledWith({
      type: 'check',
      maxJobsToActivate: 8,
      timeoutMs: 5_000,
      worker: 'percorsi-test-1',
      fetchVariables: ['caseNumber'],
    });
    expect(seen).toEqual([
      {
        key: job.key,
        type: 'check',
        processInstanceKey: '100',
        bpmnProcessId: 'p',
        processDefinitionVersion: 1,
        elementId: 'task',
        elementInstanceKey: '101',
        variables: { caseNumber: 'SSC-I-2026-000001' },
        customHeaders: {},
        retries: 3,
        deadline: new Date('2026-03-02T09:01:00Z'),
      },
    ]);
  });

  it('runs at most maxJobsActive handlers at once, and polls again as soon as one finishes', async () => {
    // Given three jobs and room for two
    engine.queue.push(activated(), activated(), activated());
    const gates = new Map<string, Gate>();
    const poller = make(
      (job) => {
        const gate = new Gate();
        gates.set(job.key, gate);
        return gate.opened;
      },
      { maxJobsActive: 2, minPollIntervalMs: 60_000, maxPollIntervalMs: 60_000 },
    );
    await until(() => gates.size === 2);
    expect(engine.activateJobs).toHaveBeenCalledTimes(1);
    expect(engine.activateJobs.mock.calls[0][0].maxJobsToActivate).toBe(2);

    // When one finishes, the third is taken at once (the idle interval is a minute)
    gates.values().next().value!.open();
    await until(() => gates.size === 3);
    expect(engine.activateJobs.mock.calls[1][0].maxJobsToActivate).toBe(1);
    expect(poller.activeJobs).toBe(2);
  });

  it('drops an outcome the engine no longer wants (timed out, done by another run, cancelled) without failing the job', async () => {
    engine.queue.push(activated());
    engine.completeJob.mockRejectedValueOnce(new EngineNotFoundError('job 1 not found'));
    const log = logger();
    const poller = make(() => ({ done: true }), {}, log);
    await poller.pollNow();
    await until(() => poller.activeJobs === 0);
    expect(engine.failJob).not.toHaveBeenCalled();
    expect(log.error).not.toHaveBeenCalled();
    expect(log.debug).toHaveBeenCalledWith(
      expect.objectContaining({ msg: expect.stringContaining('no longer open') }),
    );
  });

  it('logs key, type and duration, never variables', async () => {
    engine.queue.push(activated({ taxCode: 'RSSMRA80A01H501U' }));
    const log = logger();
    const poller = make(() => ({ applicant: 'Mario Rossi' }), {}, log);
    await poller.pollNow();
    await until(() => log.log.mock.calls.length === 1);
    expect(log.log).toHaveBeenCalledWith({
      jobKey: expect.any(String),
      jobType: 'check',
      durationMs: expect.any(Number),
      msg: expect.stringMatching(/^job \d+ \(check\) completed$/),
    });
    const everything = JSON.stringify(Object.values(log).map((fn) => fn.mock.calls));
    expect(everything).not.toMatch(/RSSMRA|Mario/);
  });

  it('stops activating at once, and waits for running handlers, but only so long', async () => {
    // Given a handler that finishes soon and one that hangs
    engine.queue.push(activated({ mode: 'soon' }), activated({ mode: 'hangs' }));
    const soon = new Gate();
    const hangs = new Gate();
    const log = logger();
    const poller = make(
      (job) => (job.variables.mode === 'soon' ? soon.opened : hangs.opened),
      {},
      log,
    );
    await poller.pollNow();

    // When stopping with a bound of 50 ms
    const stopped = poller.stop(50);
    setTimeout(() => soon.open(), 10);
    await stopped;

    // Then the quick one was completed, the hanging one is left to time out
    expect(engine.completeJob).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('1 job(s) of type check'));
    hangs.open();
    await until(() => poller.activeJobs === 0);
    expect(engine.completeJob).toHaveBeenCalledTimes(1);

    // And nothing more is activated
    engine.queue.push(activated());
    poller.wake();
    await poller.pollNow();
    expect(engine.activateJobs).toHaveBeenCalledTimes(1);
  });
});
