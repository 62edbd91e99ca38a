import { ActivatedJob, Key, Variables } from '../../engine/engine.port';

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
 * What the tasklist asks of the engine beyond the port: the port commands
 * jobs, this reads what a job does not say. The embedded engine answers from
 * its tables (embedded-task-engine-link.ts, the only engine-specific file of
 * the module); a Zeebe adapter would answer from Operate or an exporter.
 */
export abstract class TaskEngineLink {
  /** Variables to fetch with each activated user task job (read by contextOf). */
  abstract readonly fetchVariables: string[];

  /** Case number and element name of each job, by job key. */
  abstract contextOf(jobs: readonly ActivatedJob[]): Promise<Map<Key, JobContext>>;

  /** The status of each job, by job key (an unknown key is CANCELED). */
  abstract statusOf(jobKeys: readonly Key[]): Promise<Map<Key, JobStatus>>;

  /** The variables a task's form opens with: those visible at its element. */
  abstract variablesOf(processInstanceKey: Key, elementInstanceKey: Key): Promise<Variables>;

  /**
   * User task jobs activated by `worker` that have no task row: activated
   * just before a crash. Their activation lasts long, so they would otherwise
   * wait for it to time out.
   */
  abstract unrecorded(worker: string, limit: number): Promise<ActivatedJob[]>;

  /** Calls back whenever user task jobs may be waiting; returns the unsubscribe. */
  abstract onJobsAvailable(listener: () => void): () => void;
}
