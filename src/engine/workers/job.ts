import { ActivatedJob, Key, Variables } from '../engine.port';

/**
 * A job as a worker's handler sees it. `TVariables` and `THeaders` only type
 * what the model promises; nothing is checked at run time.
 */
export interface Job<TVariables = Variables, THeaders = Record<string, string>> {
  readonly key: Key;
  readonly type: string;
  readonly processInstanceKey: Key;
  readonly bpmnProcessId: string;
  readonly processDefinitionVersion: number;
  readonly elementId: string;
  readonly elementInstanceKey: Key;
  /** The variables visible at the task (only `fetchVariables`, when the worker names them). */
  readonly variables: Readonly<TVariables>;
  /** `zeebe:taskHeaders` of the task. */
  readonly customHeaders: Readonly<THeaders>;
  /** Retries left, including this attempt. */
  readonly retries: number;
  /** When this activation times out and the job may be handed out again. */
  readonly deadline: Date;
}

/** What a handler returns: the variables to complete the job with, or nothing. */
export type JobResult = Variables | void;

export type JobHandlerFunction = (job: Job) => JobResult | Promise<JobResult>;

export function jobOf(activated: ActivatedJob): Job {
  return {
    key: activated.key,
    type: activated.type,
    processInstanceKey: activated.processInstanceKey,
    bpmnProcessId: activated.bpmnProcessId,
    processDefinitionVersion: activated.processDefinitionVersion,
    elementId: activated.elementId,
    elementInstanceKey: activated.elementInstanceKey,
    variables: activated.variables,
    customHeaders: activated.customHeaders,
    retries: activated.retries,
    deadline: new Date(activated.deadline),
  };
}
