/**
 * The engine port: what the rest of Percorsi may ask of a process engine. It
 * speaks Zeebe's concepts and names, so the Zeebe adapter stays thin and the
 * embedded engine cannot grow semantics Zeebe lacks. Keys are int64 decimal
 * strings, as Zeebe's are.
 */
export type Key = string;
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Variables = Record<string, JsonValue>;

export interface DeployResource {
  /** File name, e.g. `intake.bpmn`; identical name and content deploy no new version. */
  name: string;
  content: string;
}

export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: Key;
  resourceName: string;
}

export interface CreateInstanceCommand {
  bpmnProcessId: string;
  /** Latest when omitted. */
  version?: number;
  variables?: Variables;
  /** The case number, e.g. SSC-III-2026-000123. */
  businessKey?: string;
}

export interface CreatedInstance {
  processInstanceKey: Key;
  processDefinitionKey: Key;
  bpmnProcessId: string;
  version: number;
}

export interface PublishMessageCommand {
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** How long an uncorrelated message waits for a subscription; 0 = correlate now or never. */
  timeToLiveMs?: number;
  /** Unique while the message lives: a second publish with the same id is refused. */
  messageId?: string;
}

export interface PublishedMessage {
  messageKey: Key;
}

export interface ActivateJobsCommand {
  type: string;
  maxJobsToActivate: number;
  /** After this long without completion the job is handed out again. */
  timeoutMs: number;
  worker: string;
  /** Only these variables (all visible ones when omitted). */
  fetchVariables?: string[];
}

export interface ActivatedJob {
  key: Key;
  type: string;
  processInstanceKey: Key;
  bpmnProcessId: string;
  processDefinitionKey: Key;
  processDefinitionVersion: number;
  elementId: string;
  elementInstanceKey: Key;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  /** Epoch milliseconds when the activation times out. */
  deadline: number;
  variables: Variables;
}

export interface FailJobCommand {
  retries: number;
  errorMessage?: string;
  retryBackOffMs?: number;
}

export interface ThrowErrorCommand {
  errorCode: string;
  errorMessage?: string;
  variables?: Variables;
}

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | 'CANCELED';

export interface Incident {
  key: Key;
  processInstanceKey: Key;
  bpmnProcessId: string;
  elementId: string;
  elementInstanceKey: Key;
  jobKey: Key | null;
  errorType: string;
  errorMessage: string;
  state: 'ACTIVE' | 'RESOLVED';
  createdAt: Date;
}

/** Raised for commands that refer to something that does not exist (Zeebe's NOT_FOUND). */
export class EngineNotFoundError extends Error {}
/** Raised for commands the current state does not allow (Zeebe's INVALID_STATE / ALREADY_EXISTS). */
export class EngineConflictError extends Error {}
/** Raised for a model that may not be deployed; `problems` says why. */
export class DeploymentRejectedError extends Error {
  constructor(
    message: string,
    readonly problems: ReadonlyArray<{
      code: string;
      message: string;
      line?: number;
      column?: number;
      elementId?: string;
      rule?: string;
    }>,
  ) {
    super(message);
  }
}

/** The engine, embedded or Zeebe. Inject it by this class. */
export abstract class ProcessEngine {
  abstract deploy(resources: DeployResource[], deployedBy?: string): Promise<DeployedProcess[]>;
  /**
   * What this engine would refuse in a model that passed the shared validation (an element it
   * cannot execute, a timer cycle too short…), so checking a model and deploying it agree.
   */
  abstract notExecutable(content: string): Promise<string[]>;
  abstract createInstance(command: CreateInstanceCommand): Promise<CreatedInstance>;
  abstract cancelInstance(processInstanceKey: Key): Promise<void>;
  abstract setVariables(
    elementInstanceKey: Key,
    variables: Variables,
    local?: boolean,
  ): Promise<void>;
  abstract publishMessage(command: PublishMessageCommand): Promise<PublishedMessage>;
  abstract broadcastSignal(signalName: string, variables?: Variables): Promise<void>;
  abstract activateJobs(command: ActivateJobsCommand): Promise<ActivatedJob[]>;
  abstract completeJob(jobKey: Key, variables?: Variables): Promise<void>;
  abstract failJob(jobKey: Key, command: FailJobCommand): Promise<void>;
  abstract throwError(jobKey: Key, command: ThrowErrorCommand): Promise<void>;
  abstract updateJobRetries(jobKey: Key, retries: number): Promise<void>;
  /**
   * An activated job's deadline becomes now + timeoutMs (longer or shorter), as Zeebe's
   * UpdateJobTimeout; EngineNotFoundError when the job does not exist or is not activated.
   */
  abstract updateJobTimeout(jobKey: Key, timeoutMs: number): Promise<void>;
  abstract resolveIncident(incidentKey: Key): Promise<void>;
  /**
   * The variables visible at an element instance, from its own scope up to the process, as a
   * job there sees them; `{}` for an instance the engine does not know. The rest of the read
   * side (instances, flow events, incidents, jobs) is `EngineReadModel`.
   */
  abstract variablesAt(processInstanceKey: Key, elementInstanceKey: Key): Promise<Variables>;
  /** Whether the engine can take commands (readiness). */
  abstract isReady(): Promise<boolean>;
  /**
   * Calls the listener with a job type when jobs of it may be waiting ('*': any type), so
   * workers wake at once instead of at their next poll. Returns the unsubscribe.
   */
  abstract onJobsAvailable(listener: (type: string) => void): () => void;
  /** Starts the engine's background work once the app is up (timers, owed commands…). */
  abstract start(): void;
  /** Stops it before the database closes. */
  abstract stop(): Promise<void>;
}
