/**
 * Public types of the embedded engine core. Names and semantics follow Zeebe
 * (Camunda 8.5) so the same models and the same durable layer fit both engines.
 */

/** A Zeebe key. Strings, because Zeebe keys are int64 and PostgreSQL bigint arrives as a string. */
export type Key = string;

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Variables = Record<string, JsonValue>;

/** Injected clock: the only source of "now" (timers, FEEL now()/today(), event timestamps). */
export type Clock = () => Date;
/** Injected key generator; must return a new, unique key on every call. */
export type KeyGenerator = () => Key;

/** Zeebe's BpmnElementType names. */
export type BpmnElementType =
  | 'PROCESS'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'START_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'END_EVENT'
  | 'SERVICE_TASK'
  | 'RECEIVE_TASK'
  | 'USER_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'SCRIPT_TASK'
  | 'SEND_TASK'
  | 'BUSINESS_RULE_TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'EVENT_BASED_GATEWAY'
  | 'SEQUENCE_FLOW'
  | 'MULTI_INSTANCE_BODY'
  | 'CALL_ACTIVITY'
  | 'UNSPECIFIED';

/** Zeebe's BpmnEventType names. */
export type BpmnEventType =
  | 'UNSPECIFIED'
  | 'NONE'
  | 'MESSAGE'
  | 'TIMER'
  | 'ERROR'
  | 'ESCALATION'
  | 'SIGNAL'
  | 'TERMINATE'
  | 'LINK'
  | 'COMPENSATION';

/** Zeebe's incident ErrorType names used here. */
export type IncidentErrorType =
  | 'EXTRACT_VALUE_ERROR'
  | 'CONDITION_ERROR'
  | 'IO_MAPPING_ERROR'
  | 'JOB_NO_RETRIES'
  | 'UNHANDLED_ERROR_EVENT'
  | 'CALLED_ELEMENT_ERROR'
  | 'FORM_NOT_FOUND'
  | 'UNKNOWN';

export type FlowEventIntent =
  'ELEMENT_ACTIVATED' | 'ELEMENT_COMPLETED' | 'ELEMENT_TERMINATED' | 'SEQUENCE_FLOW_TAKEN';

export interface FlowEvent {
  intent: FlowEventIntent;
  /** Key of the element instance (a fresh key for SEQUENCE_FLOW_TAKEN, as Zeebe does). */
  elementInstanceKey: Key;
  elementId: string;
  elementType: BpmnElementType;
  bpmnEventType: BpmnEventType;
  /** Key of the enclosing element instance; for the PROCESS itself, null. */
  flowScopeKey: Key | null;
  processInstanceKey: Key;
  bpmnProcessId: string;
  timestamp: Date;
}

export interface JobCreated {
  key: Key;
  type: string;
  retries: number;
  elementId: string;
  elementInstanceKey: Key;
  processInstanceKey: Key;
  bpmnProcessId: string;
  /** Custom headers from zeebe:taskHeaders; for user tasks also the io.camunda.zeebe:* headers. */
  customHeaders: Record<string, string>;
  /** True when the job is offered again after an incident (same key): upsert, do not insert twice. */
  reoffered: boolean;
}

export interface JobRef {
  key: Key;
  elementInstanceKey: Key;
}

export interface TimerCreated {
  key: Key;
  /** The timer's catch element (boundary, intermediate catch event, event-based gateway target). */
  elementId: string;
  /** The element instance that owns the timer (the attached activity for a boundary, the gateway for an event-based target). */
  elementInstanceKey: Key;
  processInstanceKey: Key;
  dueAt: Date;
  /** Remaining repetitions including this one: 1 for date/duration, n for R<n>/..., -1 for R/... (unbounded). */
  repetitions: number;
  /** ISO 8601 interval of a cycle (e.g. PT10M). */
  interval?: string;
}

export interface TimerRef {
  key: Key;
  elementInstanceKey: Key;
}

export interface SubscriptionOpened {
  key: Key;
  kind: 'message' | 'signal';
  /** Message name, or signal name. */
  name: string;
  /** Evaluated when the catch element was entered, never after (only for messages). */
  correlationKey: string | null;
  elementId: string;
  elementInstanceKey: Key;
  processInstanceKey: Key;
  bpmnProcessId: string;
  interrupting: boolean;
}

export interface SubscriptionRef {
  key: Key;
  kind: 'message' | 'signal';
  elementInstanceKey: Key;
}

export interface IncidentCreated {
  key: Key;
  errorType: IncidentErrorType;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: Key;
  processInstanceKey: Key;
  bpmnProcessId: string;
  jobKey: Key | null;
}

export interface IncidentRef {
  key: Key;
  elementInstanceKey: Key;
}

export interface CallActivityStart {
  /** The call activity's element instance: pass it back to completeCallActivity / failCallActivity. */
  elementInstanceKey: Key;
  elementId: string;
  processInstanceKey: Key;
  /** bpmnProcessId to start, from zeebe:calledElement (evaluated). */
  bpmnProcessId: string;
  /** Variables the child starts with (all visible ones, or only the input mappings' with propagateAllParentVariables=false). */
  variables: Variables;
  propagateAllChildVariables: boolean;
}

export interface CallActivityRef {
  elementInstanceKey: Key;
  elementId: string;
}

export interface SignalBroadcast {
  signalName: string;
  variables: Variables;
  elementId: string;
  elementInstanceKey: Key;
}

export interface VariableChange {
  scopeKey: Key;
  name: string;
  value: JsonValue;
}

/** An uncaught error the durable layer must throw at the parent call activity (see canParentCatchError). */
export interface ErrorPropagation {
  errorCode: string;
  errorMessage: string;
  variables: Variables;
}

export type InstanceEndState = 'COMPLETED' | 'TERMINATED' | 'CANCELED';

export interface InstanceEnd {
  /** COMPLETED normally; TERMINATED by a terminate end event (Zeebe still reports the PROCESS completed); CANCELED by cancel(). */
  state: InstanceEndState;
  /** Root-scope variables at the end (what a parent call activity receives). */
  variables: Variables;
  /** Set when the instance ended because an uncaught error goes to the parent. */
  errorPropagated?: ErrorPropagation;
  /** Set when an escalation the parent catches with an interrupting boundary ended it. */
  escalationPropagated?: { escalationCode: string };
}

/** Everything a command caused, in order within each list. */
export interface Effects {
  flowEvents: FlowEvent[];
  jobsCreated: JobCreated[];
  jobsCancelled: JobRef[];
  timersCreated: TimerCreated[];
  timersCancelled: TimerRef[];
  subscriptionsOpened: SubscriptionOpened[];
  subscriptionsClosed: SubscriptionRef[];
  incidentsCreated: IncidentCreated[];
  incidentsResolved: IncidentRef[];
  callActivitiesStarted: CallActivityStart[];
  callActivitiesCancelled: CallActivityRef[];
  signalsBroadcast: SignalBroadcast[];
  /** Escalations nothing here catches that the parent's call activity catches without interrupting. */
  escalationsToParent: Array<{ escalationCode: string }>;
  variablesChanged: VariableChange[];
  instanceEnded: InstanceEnd | null;
}

export function emptyEffects(): Effects {
  return {
    flowEvents: [],
    jobsCreated: [],
    jobsCancelled: [],
    timersCreated: [],
    timersCancelled: [],
    subscriptionsOpened: [],
    subscriptionsClosed: [],
    incidentsCreated: [],
    incidentsResolved: [],
    callActivitiesStarted: [],
    callActivitiesCancelled: [],
    signalsBroadcast: [],
    escalationsToParent: [],
    variablesChanged: [],
    instanceEnded: null,
  };
}
