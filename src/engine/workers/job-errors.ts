import { Variables } from '../engine.port';

/**
 * Thrown by a handler for a business outcome the model handles: an error
 * boundary (or event sub-process) with this error code catches it. Uncaught,
 * it raises an incident. The message is kept in the engine: no personal data.
 */
export class BpmnError extends Error {
  override readonly name = 'BpmnError';

  constructor(
    readonly code: string,
    message?: string,
    readonly variables?: Variables,
  ) {
    super(message ?? code);
  }
}

export interface JobFailureOptions {
  /** Retries left after this failure; 0 raises an incident at once. Default: the job's retries − 1. */
  retries?: number;
  /** Instead of the worker's back-off. */
  retryBackOffMs?: number;
}

/**
 * Thrown by a handler to fail the job in a chosen way, e.g. `retries: 0` when
 * retrying cannot help (the data is wrong, not the network). Any other error
 * fails the job with one retry less and the worker's back-off.
 */
export class JobFailure extends Error {
  override readonly name = 'JobFailure';

  constructor(
    message: string,
    readonly options: JobFailureOptions = {},
  ) {
    super(message);
  }
}
