import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { isUUID } from 'class-validator';
import { BackgroundLoop } from '../common/background-loop';
import { ENGINE_CLOCK } from '../engine/engine.module';
import { ActivatedJob, ProcessEngine } from '../engine/engine.port';
import { unitOfCaseNumber } from './case-number.util';
import { JobContext, TaskEngineLink } from './engine-link/task-engine-link';
import { TaskForms } from './task-forms';
import { NewTask, TasksRepository } from './tasks.repository';
import { readUserTaskHeaders, USER_TASK_JOB_TYPE } from './user-task-headers.util';

/**
 * The worker name on activated user task jobs (the link finds unrecorded ones by it). One name
 * for every replica, so any of them finds the jobs another one activated and died before
 * recording; two replicas recording one job write one row (rows are keyed by job key).
 */
export const TASKLIST_WORKER = 'percorsi-tasklist';
/**
 * A user task stays open for months (a foster care lasts up to 24), so its
 * job is activated for a year: it stays ACTIVATED while the task is open.
 * Should the activation time out all the same, the job is handed out again
 * and recorded again, which changes nothing (rows are keyed by job key).
 */
export const USER_TASK_ACTIVATION_MS = 365 * 24 * 3600 * 1000;
const BATCH = 100;
/** Polling without a wake-up (a remote engine); the embedded engine wakes the poller at once. */
const POLL_INTERVAL_MS = 2_000;
/** How often, on the engine's clock, a replica looks for jobs another one left unrecorded. */
const UNRECORDED_SWEEP_MS = 60_000;

type Clock = () => Date;
const NO_CONTEXT: JobContext = {
  caseNumber: null,
  elementName: null,
  processName: null,
  pathName: null,
};

/**
 * Turns user task jobs into task rows. The @JobWorker framework does not fit:
 * it completes a job when its handler returns, while a user task's job must
 * stay open until a person submits the form (TasksService.complete).
 */
@Injectable()
export class UserTaskPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UserTaskPoller.name);
  private readonly loop: BackgroundLoop;
  private unsubscribe?: () => void;
  /**
   * When to look for activated jobs without a row (ms on the engine's clock): at start, when
   * rows could not be written after an activation, and every UNRECORDED_SWEEP_MS, since
   * another replica may have died between activating jobs and recording them.
   */
  private unrecordedSweepAt = 0;

  constructor(
    private readonly engine: ProcessEngine,
    private readonly link: TaskEngineLink,
    private readonly tasks: TasksRepository,
    private readonly forms: TaskForms,
    @Inject(ENGINE_CLOCK) private readonly clock: Clock,
  ) {
    this.loop = new BackgroundLoop(
      () => this.poll(),
      POLL_INTERVAL_MS,
      (error) => this.logger.error(`recording user tasks failed: ${messageOf(error)}`),
    );
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = this.link.onJobsAvailable(() => this.loop.kick());
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.loop.stop();
  }

  /** Records what is waiting now (tests; after an operator resolved an incident). */
  pollNow(): Promise<void> {
    return this.loop.runNow();
  }

  /** One round: jobs left unrecorded by a crash first, then newly activated ones. */
  private async poll(): Promise<boolean> {
    if (this.clock().getTime() >= this.unrecordedSweepAt) {
      const leftOver = await this.link.unrecorded(TASKLIST_WORKER, BATCH);
      if (leftOver.length > 0) await this.record(leftOver);
      if (leftOver.length === BATCH) return true;
      this.unrecordedSweepAt = this.clock().getTime() + UNRECORDED_SWEEP_MS;
    }
    const jobs = await this.engine.activateJobs({
      type: USER_TASK_JOB_TYPE,
      maxJobsToActivate: BATCH,
      timeoutMs: USER_TASK_ACTIVATION_MS,
      worker: TASKLIST_WORKER,
      fetchVariables: this.link.fetchVariables,
    });
    if (jobs.length > 0) {
      try {
        await this.record(jobs);
      } catch (error) {
        // They stay activated: the next round finds them through the link.
        this.unrecordedSweepAt = 0;
        throw error;
      }
    }
    return jobs.length === BATCH;
  }

  private async record(jobs: ActivatedJob[]): Promise<void> {
    const context = await this.link.contextOf(jobs);
    // Each task keeps the version of its form that is the latest now.
    const formVersions = await this.forms.latestVersions(
      jobs.map((job) => readUserTaskHeaders(job.customHeaders).formKey),
    );
    const now = this.clock();
    const rows = jobs.map((job): NewTask => {
      const { caseNumber, elementName, processName, pathName } = context.get(job.key) ?? NO_CONTEXT;
      const headers = readUserTaskHeaders(job.customHeaders);
      const unitCode = unitOfCaseNumber(caseNumber);
      if (!unitCode) {
        this.logger.warn(
          `user task ${job.elementId} (job ${job.key}, instance ${job.processInstanceKey}) has no case number with a unit: no one will see it`,
        );
      }
      if (headers.unreadable.length > 0) {
        this.logger.warn(
          `user task ${job.elementId} (job ${job.key}): unreadable headers ignored: ${headers.unreadable.join(', ')}`,
        );
      }
      return {
        jobKey: job.key,
        processInstanceKey: job.processInstanceKey,
        elementInstanceKey: job.elementInstanceKey,
        bpmnProcessId: job.bpmnProcessId,
        processDefinitionVersion: job.processDefinitionVersion,
        elementId: job.elementId,
        name: (elementName ?? job.elementId).slice(0, 255),
        processName: processName?.slice(0, 255) ?? null,
        pathName: pathName?.slice(0, 255) ?? null,
        caseNumber: caseNumber && caseNumber.length <= 120 ? caseNumber : null,
        unitCode,
        assignee: headers.assignee,
        candidateGroups: headers.candidateGroups,
        candidateUsers: headers.candidateUsers,
        createdAt: now,
        dueAt: headers.dueAt,
        followUpAt: headers.followUpAt,
        priority: headers.priority,
        formKey: headers.formKey,
        formDefinitionKey: headers.formKey ? (formVersions.get(headers.formKey) ?? null) : null,
        deadlineId: isUUID(job.variables.deadlineId) ? (job.variables.deadlineId as string) : null,
      };
    });
    const inserted = await this.tasks.insertMany(rows);
    if (inserted > 0) this.logger.log(`${inserted} user task(s) recorded`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
