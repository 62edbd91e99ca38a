import { Job, JobResult } from './job';

export interface JobWorkerOptions {
  /** The `zeebe:taskDefinition type` this worker serves; one worker per type in the app. */
  type: string;
  /** How long a job stays with this worker before it is handed out again. Default 60 s. */
  timeoutMs?: number;
  /** Jobs of this type handled at the same time. Default 8. */
  maxJobsActive?: number;
  /** Only these variables are fetched (all visible ones when omitted). */
  fetchVariables?: string[];
  /** Wait before a failed job is offered again (while retries are left). Default 10 s. */
  retryBackOffMs?: number;
}

/** The options with the defaults filled in. */
export type ResolvedJobWorkerOptions = Required<Omit<JobWorkerOptions, 'fetchVariables'>> &
  Pick<JobWorkerOptions, 'fetchVariables'>;

export const JOB_WORKER_DEFAULTS = {
  timeoutMs: 60_000,
  maxJobsActive: 8,
  retryBackOffMs: 10_000,
} as const;

/** A method a @JobWorker may decorate: it takes the job and returns the variables to complete with. */
export type JobHandler = (job: Job<never, never>) => JobResult | Promise<JobResult>;

const JOB_WORKER = Symbol('percorsi:job-worker');

/**
 * Makes a method of a Nest provider the handler of every job of `type`; the
 * method is found at boot and polled for, nothing else to register.
 *
 * - Return the variables to complete the job with (or nothing).
 * - Throw `new BpmnError(code, message?, variables?)` for an outcome the
 *   model catches with an error boundary.
 * - Throw anything else to fail the job: one retry less, offered again after
 *   `retryBackOffMs`; at 0 retries an incident is raised. `JobFailure` picks
 *   the retries and back-off. The error's message (first line, not the stack)
 *   is stored in the engine and shown to operators: never put personal data
 *   in it.
 *
 * **Delivery is at least once: a handler must be safe to run twice for the
 * same job.** A job whose handler outlives `timeoutMs` is handed out again
 * (here or on another instance) while the first run goes on, and a crash
 * after the work but before completion repeats it. Make the effect
 * idempotent: key what you write by `job.key` or `job.elementInstanceKey`
 * (an upsert, a unique constraint, an idempotency key on the remote call).
 * Of two runs only the first completion counts; the late one is dropped.
 *
 * ```ts
 * @Injectable()
 * export class IseeWorkers {
 *   constructor(private readonly inps: InpsClient) {}
 *
 *   @JobWorker({ type: 'check-isee', fetchVariables: ['taxCode'] })
 *   async checkIsee(job: Job<{ taxCode: string }>): Promise<{ iseeValid: boolean }> {
 *     const isee = await this.inps.isee(job.variables.taxCode, { idempotencyKey: job.key });
 *     if (!isee) throw new BpmnError('NO_ISEE', 'no ISEE on file');
 *     return { iseeValid: isee.valid };
 *   }
 * }
 * ```
 */
export function JobWorker(options: JobWorkerOptions) {
  const resolved = resolve(options);
  return <T extends JobHandler>(
    _target: object,
    _propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    Reflect.defineMetadata(JOB_WORKER, resolved, descriptor.value as object);
  };
}

/** The options of a @JobWorker method, or undefined for any other function. */
export function jobWorkerOptionsOf(method: unknown): ResolvedJobWorkerOptions | undefined {
  return typeof method === 'function' ? Reflect.getMetadata(JOB_WORKER, method) : undefined;
}

function resolve(options: JobWorkerOptions): ResolvedJobWorkerOptions {
  const resolved = { ...JOB_WORKER_DEFAULTS, ...options };
  const positive = (name: keyof typeof JOB_WORKER_DEFAULTS, min: number) => {
    if (!Number.isInteger(resolved[name]) || resolved[name] < min)
      throw new Error(`@JobWorker(${options.type}): ${name} must be an integer ≥ ${min}`);
  };
  if (!options.type?.trim()) throw new Error('@JobWorker: type is required');
  positive('timeoutMs', 1);
  positive('maxJobsActive', 1);
  positive('retryBackOffMs', 0);
  return resolved;
}
