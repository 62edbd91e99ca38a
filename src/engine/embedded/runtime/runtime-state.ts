import {
  BpmnElementType,
  BpmnEventType,
  IncidentErrorType,
  JsonValue,
  Key,
  Variables,
} from '../types';

/**
 * Zeebe-side state of one process instance: plain JSON, stored by the durable layer next
 * to (not inside) bpmn-engine's state. Only live things are kept: a completed element
 * instance, job or timer is removed.
 */
export interface RuntimeState {
  processInstanceKey: Key;
  bpmnProcessId: string;
  status: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | 'CANCELED';
  /** Set when a terminate end event ended the process scope. */
  terminatedByEndEvent: boolean;
  /** The start event this instance started at. */
  startEventId: string | null;
  instances: Record<Key, ElementInstanceRecord>;
  /** bpmn-engine execution id → element instance key. */
  byExecution: Record<string, Key>;
  /**
   * Executions Zeebe-terminated by the runtime (an interrupting boundary) that bpmn-engine
   * has not ended yet: when recovered they must wait for their discard, not activate again.
   */
  zombies: Record<string, true>;
  /** Variable scopes: every element instance has one (Zeebe), most stay empty. */
  scopes: Record<Key, ScopeRecord>;
  jobs: Record<Key, JobRecord>;
  timers: Record<Key, TimerRecord>;
  subscriptions: Record<Key, SubscriptionRecord>;
  incidents: Record<Key, IncidentRecord>;
  /**
   * Non-interrupting event sub-processes triggered while an instance of the same one still
   * runs: started, in order, as soon as it has ended (bpmn-elements runs one at a time).
   */
  queuedEventTriggers?: Array<{ scopeKey: Key; startEventId: string; variables: Variables }>;
  /** Completed activities a compensation throw event can still compensate (runtime/compensation.ts). */
  compensations?: Record<Key, CompensationRecord>;
}

/**
 * Zeebe's compensation subscription: written when an activity with a compensation boundary
 * event completes, or a sub-process (multi-instance body) in which such activities completed.
 */
export interface CompensationRecord {
  key: Key;
  activityId: string;
  activityInstanceKey: Key;
  /** Flow scope of the completed activity: a throw event compensates its own scope. */
  scopeKey: Key;
  /** Null for a sub-process compensated only through what completed inside it. */
  handlerId: string | null;
  /** Once triggered: the throw event that waits for it, and the execution id its waiter has. */
  throwEventKey?: Key;
  throwWaiter?: string;
  handlerKey?: Key;
}

export type InstancePhase = 'ACTIVATING' | 'ACTIVATED' | 'COMPLETING';

export interface ElementInstanceRecord {
  key: Key;
  elementId: string;
  elementType: BpmnElementType;
  bpmnEventType: BpmnEventType;
  flowScopeKey: Key | null;
  executionId: string;
  phase: InstancePhase;
  /** An event-based gateway target before its event triggers: Zeebe has not activated it yet. */
  hidden?: boolean;
  /**
   * False until the element's own activation work succeeded (job expressions, conditions,
   * subscriptions): Zeebe writes ELEMENT_ACTIVATED only then, not while an incident holds it.
   */
  announced?: false;
  /** Multi-instance inner instance: its index in the input collection. */
  loopIndex?: number;
  body?: MultiInstanceBodyRecord;
  /** Variables a job, message or child process completed the element with, kept until output mappings succeed. */
  pendingVariables?: Variables | null;
  jobKey?: Key;
  /** Call activity: the child has been requested. */
  callStarted?: boolean;
  /** A scope an interrupting event sub-process took over: nothing else in it may start one. */
  interrupted?: boolean;
  /**
   * A second token's instance, or a boundary event of it (concurrent-tokens.ts): the sequence
   * flow the token came over, which bpmn-elements' scope counts until nothing of it is left.
   */
  tokenFlowId?: string;
  /** A second token's sub-process instance: bpmn-elements' state of its inner flow, kept at each snapshot. */
  innerFlow?: JsonValue;
}

export interface MultiInstanceBodyRecord {
  collection: JsonValue[];
  output: JsonValue[] | null;
  completed: number;
  terminated: number;
}

export interface ScopeRecord {
  parent: Key | null;
  variables: Variables;
}

export interface JobRecord {
  key: Key;
  type: string;
  retries: number;
  elementId: string;
  elementInstanceKey: Key;
  executionId: string;
  customHeaders: Record<string, string>;
  /** ACTIVATABLE until completed; FAILED at retries ≤ 0; ERROR_THROWN after an uncaught error. */
  state: 'ACTIVATABLE' | 'FAILED' | 'ERROR_THROWN';
}

export interface TimerRecord {
  key: Key;
  elementId: string;
  elementInstanceKey: Key;
  /** Execution id of the timer event definition that waits for it. */
  executionId: string;
  dueAt: string;
  repetitions: number;
  interval?: string;
  /** Opened by a scope for the start event of an event sub-process in it. */
  startsEventSubProcess?: boolean;
}

export interface SubscriptionRecord {
  key: Key;
  kind: 'message' | 'signal';
  name: string;
  correlationKey: string | null;
  elementId: string;
  elementInstanceKey: Key;
  executionId: string;
  interrupting: boolean;
  /** Opened by a scope for the start event of an event sub-process in it. */
  startsEventSubProcess?: boolean;
}

export interface IncidentRecord {
  key: Key;
  errorType: IncidentErrorType;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: Key;
  /** Retry key (an execution id) of the behaviour that re-attempts on retry; null for job incidents (the job is re-offered). */
  executionId: string | null;
  jobKey: Key | null;
  /** Execution ids of elements held behind this incident when a command's step budget ran out. */
  holds?: string[];
}

export function initialRuntimeState(
  processInstanceKey: Key,
  bpmnProcessId: string,
  startEventId: string | null,
): RuntimeState {
  return {
    processInstanceKey,
    bpmnProcessId,
    status: 'ACTIVE',
    terminatedByEndEvent: false,
    startEventId,
    instances: {},
    byExecution: {},
    zombies: {},
    scopes: {},
    jobs: {},
    timers: {},
    subscriptions: {},
    incidents: {},
  };
}
