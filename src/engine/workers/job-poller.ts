import { LoggerService } from '@nestjs/common';
import {
  ActivatedJob,
  EngineNotFoundError,
  FailJobCommand,
  ProcessEngine,
  Variables,
} from '../engine.port';
import { Job, JobHandlerFunction, jobOf } from './job';
import { BpmnError, JobFailure } from './job-errors';
import { ResolvedJobWorkerOptions } from './job-worker.decorator';

export interface JobPollerSettings extends ResolvedJobWorkerOptions {
  /** The worker name the engine records on activated jobs. */
  worker: string;
  /** The first wait after a poll that found nothing; it doubles up to maxPollIntervalMs. */
  minPollIntervalMs: number;
  maxPollIntervalMs: number;
}

/** The longest message kept: an operator reads one line, not a dump. */
const MAX_ERROR_MESSAGE = 500;

type Outcome =
  | { kind: 'complete'; variables: Variables }
  | { kind: 'error'; error: BpmnError }
  | { kind: 'fail'; command: FailJobCommand };

/**
 * Activates jobs of one type and runs the handler on them, at most
 * `maxJobsActive` at a time. Polls again at once while there is more work,
 * backs off while idle, and wakes when told that jobs are available.
 */
export class JobPoller {
  private readonly running = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private again = false;
  private saturated = false;
  private idleDelay: number;
  private stopped = true;
  /** Set when shutdown stopped waiting: late outcomes are not reported. */
  private abandoned = false;

  constructor(
    private readonly engine: ProcessEngine,
    private readonly handler: JobHandlerFunction,
    private readonly settings: JobPollerSettings,
    private readonly logger: LoggerService,
  ) {
    this.idleDelay = settings.minPollIntervalMs;
  }

  get type(): string {
    return this.settings.type;
  }

  get activeJobs(): number {
    return this.running.size;
  }

  start(): void {
    this.stopped = false;
    this.abandoned = false;
    this.schedule(0);
  }

  /** Jobs of this type may be waiting: poll as soon as possible. */
  wake(): void {
    if (this.stopped) return;
    this.idleDelay = this.settings.minPollIntervalMs;
    if (this.polling) this.again = true;
    else this.schedule(0);
  }

  /** Polls now and resolves once the activation is done (handlers may still run). */
  async pollNow(): Promise<void> {
    while (this.polling) await this.polling;
    await this.poll();
  }

  /**
   * Activates nothing more and waits up to `timeoutMs` for running handlers.
   * Jobs still running then are left to time out and be handed out again.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.polling) await this.polling;
    if (this.running.size === 0) return;
    let timeout: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      Promise.allSettled([...this.running]).then(() => true),
      new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timeout);
    if (!finished) {
      this.abandoned = true;
      this.logger.warn(
        `${this.running.size} job(s) of type ${this.type} still running after ${timeoutMs} ms at shutdown: they will time out and be handed out again`,
      );
    }
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), delay);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    if (this.polling) {
      this.again = true;
      return this.polling;
    }
    clearTimeout(this.timer);
    this.polling = this.activate();
    await this.polling;
    this.polling = undefined;
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.schedule(0);
    }
  }

  /** One activation; schedules the next poll according to what it found. */
  private async activate(): Promise<void> {
    const capacity = this.settings.maxJobsActive - this.running.size;
    if (capacity <= 0) {
      // A handler that finishes polls again.
      this.saturated = true;
      return;
    }
    let jobs: ActivatedJob[];
    try {
      jobs = await this.engine.activateJobs({
        type: this.type,
        maxJobsToActivate: capacity,
        timeoutMs: this.settings.timeoutMs,
        worker: this.settings.worker,
        fetchVariables: this.settings.fetchVariables,
      });
    } catch (error) {
      this.logger.error(`activating jobs of type ${this.type} failed: ${messageOf(error)}`);
      jobs = [];
    }
    for (const job of jobs) this.run(jobOf(job));
    if (jobs.length === capacity) {
      this.saturated = true;
    } else if (jobs.length > 0) {
      this.idleDelay = this.settings.minPollIntervalMs;
      this.schedule(this.idleDelay);
    } else {
      this.schedule(this.idleDelay);
      this.idleDelay = Math.min(this.idleDelay * 2, this.settings.maxPollIntervalMs);
    }
  }

  private run(job: Job): void {
    const execution = this.execute(job).finally(() => {
      this.running.delete(execution);
      if (this.saturated) {
        this.saturated = false;
        this.wake();
      }
    });
    this.running.add(execution);
  }

  private async execute(job: Job): Promise<void> {
    const started = performance.now();
    const outcome = await this.outcomeOf(job);
    const durationMs = Math.round(performance.now() - started);
    const about = { jobKey: job.key, jobType: job.type, durationMs };
    if (this.abandoned) {
      this.logger.debug?.({
        ...about,
        msg: `job ${job.key} finished after shutdown: not reported`,
      });
      return;
    }
    try {
      switch (outcome.kind) {
        case 'complete':
          await this.engine.completeJob(job.key, outcome.variables);
          this.logger.log({ ...about, msg: `job ${job.key} (${job.type}) completed` });
          return;
        case 'error':
          await this.engine.throwError(job.key, {
            errorCode: outcome.error.code,
            errorMessage: messageOf(outcome.error),
            variables: outcome.error.variables,
          });
          this.logger.log({
            ...about,
            errorCode: outcome.error.code,
            msg: `job ${job.key} (${job.type}) threw BPMN error ${outcome.error.code}`,
          });
          return;
        case 'fail':
          await this.engine.failJob(job.key, outcome.command);
          this.logger.warn({
            ...about,
            retries: outcome.command.retries,
            msg: `job ${job.key} (${job.type}) failed, ${outcome.command.retries} retries left: ${outcome.command.errorMessage}`,
          });
          return;
      }
    } catch (error) {
      if (error instanceof EngineNotFoundError) {
        // Timed out and handed out again, completed by another run, or cancelled.
        this.logger.debug?.({
          ...about,
          msg: `job ${job.key} (${job.type}) is no longer open: outcome dropped`,
        });
        return;
      }
      // The job times out and is handed out again.
      this.logger.error({
        ...about,
        msg: `job ${job.key} (${job.type}): reporting the outcome failed: ${messageOf(error)}`,
      });
    }
  }

  private async outcomeOf(job: Job): Promise<Outcome> {
    try {
      const result = await this.handler(job);
      if (result === undefined || result === null) return { kind: 'complete', variables: {} };
      if (typeof result !== 'object' || Array.isArray(result)) {
        return this.failure(job, new Error(`the handler returned ${typeof result}, not variables`));
      }
      return { kind: 'complete', variables: result };
    } catch (error) {
      if (error instanceof BpmnError) return { kind: 'error', error };
      return this.failure(job, error);
    }
  }

  private failure(job: Job, error: unknown): Outcome {
    const chosen = error instanceof JobFailure ? error.options : {};
    const retries = Math.max(0, chosen.retries ?? job.retries - 1);
    this.logger.debug?.({
      jobKey: job.key,
      jobType: job.type,
      msg: `job ${job.key} (${job.type}) handler error`,
      stack: error instanceof Error ? error.stack : undefined,
    });
    return {
      kind: 'fail',
      command: {
        retries,
        errorMessage: messageOf(error),
        retryBackOffMs: retries > 0 ? (chosen.retryBackOffMs ?? this.settings.retryBackOffMs) : 0,
      },
    };
  }
}

/** The first line of an error's message, never its stack; nothing of a thrown non-Error. */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return `a ${typeof error} was thrown, not an Error`;
  const line = error.message.split('\n')[0].trim() || error.name;
  return line.length > MAX_ERROR_MESSAGE ? `${line.slice(0, MAX_ERROR_MESSAGE - 1)}…` : line;
}
