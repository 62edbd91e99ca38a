import { Injectable } from '@nestjs/common';
import { ActivateJobsCommand, ProcessEngine } from '../engine.port';
import { DEFAULT_REQUEST_TIMEOUT_MS, toProtoJob } from './gateway-mapping';
import * as proto from './gateway-messages';
import { Wakeup } from './wakeup';

/**
 * The engine announces only the jobs this process created; with several replicas on one
 * database, another's jobs are found by looking again this often.
 */
const RECHECK_MS = 5_000;
/** Jobs a stream activates at a time. */
const STREAM_BATCH = 32;

/**
 * How jobs reach gRPC workers: a long poll answers as soon as a job of its type is available,
 * a job stream pushes each one as it becomes available. Both wait on the engine's
 * `onJobsAvailable`, looking at the database only when told or every few seconds.
 */
@Injectable()
export class JobActivation {
  constructor(private readonly engine: ProcessEngine) {}

  /** requestTimeout as Zeebe reads it: 0 the default, negative no long polling. */
  async longPoll(
    command: ActivateJobsCommand,
    requestTimeoutMs: number,
    signal: AbortSignal,
  ): Promise<proto.ActivatedJob[]> {
    const waitMs =
      requestTimeoutMs === 0 ? DEFAULT_REQUEST_TIMEOUT_MS : Math.max(0, requestTimeoutMs);
    const until = Date.now() + waitMs;
    return this.whileListening(command.type, async (wakeup) => {
      for (;;) {
        const jobs = await this.activate(command);
        const left = until - Date.now();
        if (jobs.length > 0 || left <= 0 || signal.aborted) return jobs;
        await wakeup.wait(Math.min(left, RECHECK_MS), signal);
      }
    });
  }

  /**
   * Until the signal aborts (the client cancels, the gateway stops) or the caller may no longer
   * take jobs: `authorise` runs before each activation, so a stream ends (with the caller's
   * error) within a recheck of its session ending.
   */
  async stream(
    command: Omit<ActivateJobsCommand, 'maxJobsToActivate'>,
    signal: AbortSignal,
    push: (job: proto.ActivatedJob) => Promise<void>,
    authorise: () => Promise<void>,
  ): Promise<void> {
    await this.whileListening(command.type, async (wakeup) => {
      while (!signal.aborted) {
        await authorise();
        const jobs = await this.activate({ ...command, maxJobsToActivate: STREAM_BATCH });
        for (const job of jobs) await push(job);
        if (jobs.length < STREAM_BATCH) await wakeup.wait(RECHECK_MS, signal);
      }
    });
  }

  private async activate(command: ActivateJobsCommand): Promise<proto.ActivatedJob[]> {
    const jobs = await this.engine.activateJobs(command);
    return jobs.map(toProtoJob);
  }

  /** Listens before the first activation, so a job created meanwhile still wakes the waiter. */
  private async whileListening<T>(type: string, work: (wakeup: Wakeup) => Promise<T>): Promise<T> {
    const wakeup = new Wakeup();
    const unsubscribe = this.engine.onJobsAvailable((available) => {
      if (available === type || available === '*') wakeup.notify();
    });
    try {
      return await work(wakeup);
    } finally {
      unsubscribe();
    }
  }
}
