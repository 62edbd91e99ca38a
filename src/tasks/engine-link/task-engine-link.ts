import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActivatedJob, Key, ProcessEngine, Variables } from '../../engine/engine.port';
import { EngineReadModel } from '../../engine/read-model/engine-read-model';
import { USER_TASK_JOB_TYPE } from '../user-task-headers.util';

/** Task rows are checked against activated jobs this many at a time. */
const UNRECORDED_PAGE = 500;

/** Where a user task's job stands in the engine, as far as the tasklist cares. */
export type JobStatus =
  /** Waiting for its form (activatable or activated). */
  | { state: 'OPEN' }
  /** Failed with no retries left: an incident, until an operator resolves it. */
  | { state: 'INCIDENT' }
  | { state: 'COMPLETED'; at: Date | null }
  /**
   * Gone without completion: an interrupting boundary event, a terminate end
   * event, a BPMN error, or the whole instance cancelled (`instanceEnded`).
   */
  | { state: 'CANCELED'; instanceEnded: boolean };

/** What a job does not carry and a task row needs. */
export interface JobContext {
  /** The case number (the business key), or null. */
  caseNumber: string | null;
  /** The user task's name in the model, or null when it has none. */
  elementName: string | null;
  /** The name of the task's own process (e.g. the take-in-charge a path calls), or null. */
  processName: string | null;
  /**
   * The name of the path the task belongs to: the process holding the case number, the root
   * of the calls (a take-in-charge called by the inclusion pact belongs to the pact).
   */
  pathName: string | null;
}

/**
 * What the tasklist asks of the engine beyond commanding jobs, answered through the engine's
 * port (`variablesAt`, `onJobsAvailable`) and its read model, so it is the same on the embedded
 * engine and on Zeebe.
 */
@Injectable()
export class TaskEngineLink {
  /**
   * `caseNumber`: instances started by a message or timer have no business key, the variable
   * stands in. `deadlineId`: the legal deadline the task works to (its input mapping).
   */
  readonly fetchVariables = ['caseNumber', 'deadlineId'];

  constructor(
    private readonly engine: ProcessEngine,
    private readonly readModel: EngineReadModel,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Case number and element name of each job, by job key. */
  async contextOf(jobs: readonly ActivatedJob[]): Promise<Map<Key, JobContext>> {
    const lineage = await this.readModel.lineage([
      ...new Set(jobs.map((j) => j.processInstanceKey)),
    ]);
    const context = new Map<Key, JobContext>();
    for (const job of jobs) {
      const variable = job.variables.caseNumber;
      const names = await this.readModel.elementNames(
        job.bpmnProcessId,
        job.processDefinitionVersion,
      );
      const path = lineage.get(job.processInstanceKey);
      context.set(job.key, {
        caseNumber:
          path?.businessKey ?? (typeof variable === 'string' && variable ? variable : null),
        elementName: names.get(job.elementId) ?? null,
        processName: path?.processName ?? null,
        pathName: path?.pathName ?? path?.processName ?? null,
      });
    }
    return context;
  }

  /** The status of each job, by job key (an unknown key is CANCELED). */
  async statusOf(jobKeys: readonly Key[]): Promise<Map<Key, JobStatus>> {
    const found = await this.readModel.jobStatuses(jobKeys);
    return new Map(
      jobKeys.map((key): [Key, JobStatus] => {
        const row = found.get(key);
        switch (row?.state) {
          case 'ACTIVATABLE':
          case 'ACTIVATED':
            return [key, { state: 'OPEN' }];
          case 'FAILED':
            return [key, { state: 'INCIDENT' }];
          case 'COMPLETED':
            return [key, { state: 'COMPLETED', at: row.endedAt }];
          default:
            // CANCELED, ERROR_THROWN, or a job the engine does not know.
            return [
              key,
              {
                state: 'CANCELED',
                instanceEnded: !row || ['CANCELED', 'TERMINATED'].includes(row.instanceState ?? ''),
              },
            ];
        }
      }),
    );
  }

  /** The variables a task's form opens with: those visible at its element. */
  variablesOf(processInstanceKey: Key, elementInstanceKey: Key): Promise<Variables> {
    return this.engine.variablesAt(processInstanceKey, elementInstanceKey);
  }

  /** What an activation would have fetched for the job (a job found unrecorded comes without). */
  private async fetchedVariables(job: ActivatedJob): Promise<Variables> {
    const visible = await this.engine.variablesAt(job.processInstanceKey, job.elementInstanceKey);
    return Object.fromEntries(
      this.fetchVariables.filter((name) => name in visible).map((name) => [name, visible[name]]),
    );
  }

  /**
   * User task jobs activated by `worker` that have no task row: activated just before a
   * crash. Their activation lasts long, so they would otherwise wait for it to time out.
   */
  async unrecorded(worker: string, limit: number): Promise<ActivatedJob[]> {
    const found: ActivatedJob[] = [];
    let afterKey: Key | null = null;
    for (;;) {
      const page = await this.readModel.activatedJobs({
        type: USER_TASK_JOB_TYPE,
        worker,
        afterKey,
        limit: UNRECORDED_PAGE,
      });
      if (page.length === 0) return found;
      const recorded: Array<{ key: string }> = await this.dataSource.query(
        `SELECT job_key::text AS key FROM task WHERE job_key = ANY($1::bigint[])`,
        [page.map((job) => job.key)],
      );
      const withRow = new Set(recorded.map((r) => r.key));
      for (const job of page) {
        if (withRow.has(job.key)) continue;
        found.push({ ...job, variables: await this.fetchedVariables(job) });
        if (found.length === limit) return found;
      }
      afterKey = page[page.length - 1].key;
    }
  }

  /** Calls back whenever user task jobs may be waiting; returns the unsubscribe. */
  onJobsAvailable(listener: () => void): () => void {
    // '*': jobs whose activation timed out went back to the pool, of any type.
    return this.engine.onJobsAvailable((type) => {
      if (type === USER_TASK_JOB_TYPE || type === '*') listener();
    });
  }
}
