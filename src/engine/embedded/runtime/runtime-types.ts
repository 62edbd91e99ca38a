import { Feel } from '../feel';
import { Clock, JsonValue, KeyGenerator, Variables } from '../types';
import { FormKeyResolver } from './job-spec';
import { ElementInstanceRecord, SubscriptionRecord, TimerRecord } from './runtime-state';

/** What a waiting behaviour can be woken up with. All members optional: a behaviour registers what it waits for. */
export interface Waiter {
  /** Re-attempt the step that raised an incident at this execution. */
  retry?: () => void;
  onJobCompleted?: (variables: Variables) => void;
  onCallCompleted?: (variables: Variables) => void;
  onTimer?: (timer: TimerRecord) => void;
  onSubscription?: (subscription: SubscriptionRecord, variables: Variables) => void;
  /** A compensation throw event: every handler it invoked has completed. */
  onCompensated?: () => void;
}

export type CatchKind = 'timer' | 'message' | 'signal' | 'error' | 'escalation';

/** A boundary event definition waiting on its attached activity. */
export interface BoundaryListener {
  boundaryId: string;
  /** Execution id of the boundary event definition (bpmn-engine). */
  definitionExecutionId: string;
  kind: CatchKind;
  /** Error or escalation code; undefined catches all. */
  code?: string;
  interrupting: boolean;
  /** Opens the timer or subscription once the attached activity is activated. Throws on failure. */
  open?: (attached: ElementInstanceRecord) => void;
  /** Lets the boundary event complete in bpmn-engine (after the runtime's bookkeeping). */
  trigger: (variables: Variables) => void;
}

export interface EnterRequest {
  executionId: string;
  elementId: string;
  parentExecutionId: string;
  isBody?: boolean;
  loopIndex?: number;
}

export interface CompletionResult {
  /** Multi-instance inner instance: the completion condition is fulfilled. */
  completionConditionMet: boolean;
}

export interface RuntimeOptions {
  clock: Clock;
  nextKey: KeyGenerator;
  feel: Feel;
  resolveFormKey: FormKeyResolver;
  /** For a child process: does the parent call activity catch this error code? */
  canParentCatchError?: (errorCode: string) => boolean;
  /** For a child process: how the parent's call activity catches this escalation code. */
  parentEscalation?: (escalationCode: string) => 'interrupting' | 'non-interrupting' | null;
  /** A multi-instance over more items than this is an incident, not a million elements. */
  maxLoopCardinality?: number;
  /** A timer cycle computed by an expression may not repeat more often (timer-schedule.ts). */
  minTimerCycleMs?: number;
  /** Elements one command may activate (step-budget.ts). */
  maxStepsPerCommand?: number;
}

/**
 * What the runtime asks of the token library's scopes (behaviours/library-scopes.ts).
 * bpmn-elements runs an event sub-process only when told to and has no notion of an
 * interrupting one; and it holds one execution per element, so a second instance the runtime
 * runs itself (concurrent-tokens.ts) leaves through the scope.
 */
export interface LibraryScopes {
  /** Whether an instance of the event sub-process runs in the scope now. */
  isRunning(scope: ElementInstanceRecord, eventSubProcessId: string): boolean;
  /** Starts the event sub-process in the scope's execution (its start event completes at once). */
  run(scope: ElementInstanceRecord, eventSubProcessId: string): void;
  /** Discards everything else running in the scope (the library's side of an interruption). */
  discardOthers(scope: ElementInstanceRecord, eventSubProcessId: string): void;
  /**
   * Takes the outgoing flows of the element in the scope (a token's instance or boundary event
   * completed): `flows`, or every one.
   */
  takeFlows(scope: ElementInstanceRecord, elementId: string, flows?: string[]): void;
  /** The scope stops counting a token the runtime took (its flow and sequence id): nothing of it is left. */
  release(scope: ElementInstanceRecord, flowId: string, sequenceId: string): void;
  /** Runs the inner flow of a sub-process instance the runtime owns; its end calls onInnerFlowCompleted. */
  startScope(record: ElementInstanceRecord): void;
  /** The same inner flow again, from the state captureScopes kept in the record. */
  resumeScope(record: ElementInstanceRecord, state: JsonValue): void;
  /** Lets go of the inner flow of a terminated instance. */
  endScope(record: ElementInstanceRecord): void;
  /** Keeps each inner flow's state in its instance's record, before a snapshot. */
  captureScopes(): void;
}
