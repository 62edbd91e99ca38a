import { CompiledDefinition, ElementMetadata } from '../compiled-definition';
import { Effects, emptyEffects, JsonValue, Key, Variables } from '../types';
import { Arrivals } from './arrivals';
import type { Catches } from './catches';
import { CommandError } from './command-error';
import type { Incidents } from './incidents';
import type { TimersAndSubscriptions } from './timers-and-subscriptions';
import { chooseFlows } from './gateways';
import { RuntimeCore } from './runtime-core';
import {
  ElementInstanceRecord,
  IncidentRecord,
  JobRecord,
  RuntimeState,
  SubscriptionRecord,
  TimerRecord,
} from './runtime-state';
import type {
  BoundaryListener,
  CompletionResult,
  EnterRequest,
  LibraryScopes,
  RuntimeOptions,
  Waiter,
} from './runtime-types';
import { VariableScopes } from './variable-scopes';

export { CommandError, type CommandErrorCode } from './command-error';

export type {
  BoundaryListener,
  CatchKind,
  CompletionResult,
  EnterRequest,
  LibraryScopes,
  RuntimeOptions,
  Waiter,
} from './runtime-types';

/**
 * Zeebe semantics on top of bpmn-engine for one process instance: element instances and
 * their keys, variable scopes and mappings, jobs, timers, subscriptions, incidents and
 * the effects every change produces. The element behaviours call into it; the runner
 * drives it with commands. State is plain JSON (RuntimeState); the rest is live wiring.
 */
export class InstanceRuntime {
  readonly variables: VariableScopes;
  /** Set when bpmn-engine reported an error: the instance's state can no longer be trusted. */
  fatal: Error | null = null;
  /** Each concern lives in its own file and reaches the others through this core. */
  private readonly core: RuntimeCore;

  constructor(
    readonly compiled: CompiledDefinition,
    readonly state: RuntimeState,
    options: RuntimeOptions,
  ) {
    this.core = new RuntimeCore(compiled, state, options);
    this.variables = this.core.variables;
  }

  /** Tokens on their way to elements, let in by the runner in Zeebe's order. */
  get arrivals(): Arrivals {
    return this.core.arrivals;
  }

  /** The token library's scopes (event sub-processes, concurrent tokens); set once the engine exists. */
  set libraryScopes(scopes: LibraryScopes | null) {
    this.core.libraryScopes = scopes;
  }

  // ---------------------------------------------------------------- effects and records

  takeEffects(): Effects {
    const effects = this.core.effects;
    this.core.effects = emptyEffects();
    this.core.budget.reset();
    return effects;
  }

  get ended(): boolean {
    return this.core.ended;
  }

  now(): Date {
    return this.core.now();
  }

  nextKey(): Key {
    return this.core.nextKey();
  }

  meta(elementId: string): ElementMetadata {
    return this.core.meta(elementId);
  }

  recordByExecution(executionId: string): ElementInstanceRecord | undefined {
    return this.core.recordByExecution(executionId);
  }

  /** Whether an interrupting event sub-process took over this scope: tokens into it are gone. */
  isInterrupted(scopeExecutionId: string | undefined): boolean {
    return (
      !!scopeExecutionId && this.core.recordByExecution(scopeExecutionId)?.interrupted === true
    );
  }

  record(key: Key): ElementInstanceRecord | undefined {
    return this.state.instances[key];
  }

  announce(record: ElementInstanceRecord): void {
    this.core.announce(record);
  }

  // ---------------------------------------------------------------- engine events

  onActivityEnter(executionId: string, scopeExecutionId: string | undefined): void {
    if (scopeExecutionId) this.core.scopeOfExecution.set(executionId, scopeExecutionId);
  }

  onEngineError(error: unknown): void {
    if (!this.fatal) this.fatal = error instanceof Error ? error : new Error(String(error));
  }

  /** An element left without completing (discarded by bpmn-engine): terminated. */
  onActivityLeave(executionId: string): void {
    this.core.scopeOfExecution.delete(executionId);
    this.terminate(executionId);
  }

  // ---------------------------------------------------------------- waiters

  setWaiter(executionId: string, waiter: Waiter): void {
    this.core.waiters.set(executionId, { ...this.core.waiters.get(executionId), ...waiter });
  }

  clearWaiter(executionId: string): void {
    this.core.waiters.delete(executionId);
  }

  waiter(executionId: string): Waiter | undefined {
    return this.core.waiters.get(executionId);
  }

  // ---------------------------------------------------------------- process (process-scope.ts)

  createProcessInstance(variables: Variables): void {
    this.core.process.create(variables);
  }

  isChosenStartEvent(elementId: string): boolean {
    return this.core.process.isChosenStartEvent(elementId);
  }

  onProcessEnter(executionId: string): void {
    this.core.process.onProcessEnter(executionId);
  }

  onProcessEnd(): void {
    this.core.process.onProcessEnd();
  }

  cancelInstance(): void {
    this.core.process.cancelInstance();
  }

  terminateForPropagation(errorCode: string, errorMessage: string, variables: Variables): void {
    this.core.process.terminateForPropagation(errorCode, errorMessage, variables);
  }

  onFlowTaken(flowId: string, scopeExecutionId: string | undefined): void {
    this.core.process.onFlowTaken(flowId, scopeExecutionId);
  }

  onActivityEnd(executionId: string): void {
    this.core.process.onActivityEnd(executionId);
  }

  // ---------------------------------------------------------------- activation (activation.ts, multi-instance.ts)

  enter(request: EnterRequest): ElementInstanceRecord | null {
    return this.core.activation.enter(request);
  }

  retryActivation(record: ElementInstanceRecord): boolean {
    return this.core.activation.retryActivation(record);
  }

  cardinality(record: ElementInstanceRecord): number {
    return this.core.multiInstance.cardinality(record);
  }

  // ---------------------------------------------------------------- completion (completion.ts)

  complete(record: ElementInstanceRecord, variables?: Variables | null): CompletionResult | null {
    return this.core.completion.complete(record, variables);
  }

  // ---------------------------------------------------------------- termination (termination.ts)

  terminate(executionId: string): void {
    this.core.termination.terminate(executionId);
  }

  // ---------------------------------------------------------------- incidents (incidents.ts)

  raiseIncident(...args: Parameters<Incidents['raise']>): ReturnType<Incidents['raise']> {
    return this.core.incidents.raise(...args);
  }

  openIncident(retryKey: string): IncidentRecord | undefined {
    return this.core.incidents.open(retryKey);
  }

  retryIncident(incidentKey: Key): void {
    this.core.incidents.retry(incidentKey);
  }

  // ---------------------------------------------------------------- jobs (jobs.ts)

  ensureJob(record: ElementInstanceRecord): JobRecord | null {
    return this.core.jobs.ensure(record);
  }

  job(jobKey: Key): JobRecord {
    return this.core.jobs.job(jobKey);
  }

  completeJob(jobKey: Key, variables: Variables): void {
    this.core.jobs.complete(jobKey, variables);
  }

  failJob(jobKey: Key, retries: number, errorMessage: string): void {
    this.core.jobs.fail(jobKey, retries, errorMessage);
  }

  updateJobRetries(jobKey: Key, retries: number): void {
    this.core.jobs.updateRetries(jobKey, retries);
  }

  // ---------------------------------------------------------------- errors, escalations and boundary events (catches.ts)

  findCatch(...args: Parameters<Catches['findCatch']>): ReturnType<Catches['findCatch']> {
    return this.core.catches.findCatch(...args);
  }

  throwJobError(
    ...args: Parameters<Catches['throwJobError']>
  ): ReturnType<Catches['throwJobError']> {
    return this.core.catches.throwJobError(...args);
  }

  throwElementError(
    record: ElementInstanceRecord,
    errorCode: string,
  ): 'caught' | 'propagated' | 'uncaught' {
    return this.core.catches.throwElementError(record, errorCode);
  }

  escalateToParent(escalationCode: string): 'ended' | 'continues' {
    return this.core.catches.escalateToParent(escalationCode);
  }

  canParentCatch(errorCode: string): boolean {
    return this.core.catches.canParentCatch(errorCode);
  }

  raiseUnhandledJobError(jobKey: Key, errorCode: string, errorMessage: string): void {
    this.core.catches.raiseUnhandledJobError(jobKey, errorCode, errorMessage);
  }

  registerBoundary(attachedExecutionId: string, listener: BoundaryListener): void {
    this.core.catches.registerBoundary(attachedExecutionId, listener);
  }

  unregisterBoundary(attachedExecutionId: string, definitionExecutionId: string): void {
    this.core.catches.unregisterBoundary(attachedExecutionId, definitionExecutionId);
  }

  catchBoundary(
    ...args: Parameters<Catches['catchBoundary']>
  ): ReturnType<Catches['catchBoundary']> {
    return this.core.catches.catchBoundary(...args);
  }

  catchIntermediate(
    record: ElementInstanceRecord,
    variables: Variables | null,
  ): CompletionResult | null {
    return this.core.catches.catchIntermediate(record, variables);
  }

  eventBasedGatewayOf(record: ElementInstanceRecord): ElementInstanceRecord | undefined {
    return this.core.catches.eventBasedGatewayOf(record);
  }

  // ---------------------------------------------------------------- timers and subscriptions (timers-and-subscriptions.ts)

  timerOf(executionId: string): TimerRecord | undefined {
    return this.core.timers.timerOf(executionId);
  }

  openTimer(
    ...args: Parameters<TimersAndSubscriptions['openTimer']>
  ): ReturnType<TimersAndSubscriptions['openTimer']> {
    return this.core.timers.openTimer(...args);
  }

  triggerTimer(timerKey: Key): void {
    this.core.timers.triggerTimer(timerKey);
  }

  subscriptionOf(executionId: string): SubscriptionRecord | undefined {
    return this.core.timers.subscriptionOf(executionId);
  }

  openSubscription(
    ...args: Parameters<TimersAndSubscriptions['openSubscription']>
  ): ReturnType<TimersAndSubscriptions['openSubscription']> {
    return this.core.timers.openSubscription(...args);
  }

  correlate(subscriptionKey: Key, variables: Variables): void {
    this.core.timers.correlate(subscriptionKey, variables);
  }

  closeForExecution(executionId: string): void {
    this.core.timers.closeForExecution(executionId);
  }

  // ---------------------------------------------------------------- event sub-processes (event-sub-processes.ts)

  triggerEventSubProcess(
    scope: ElementInstanceRecord,
    start: ElementMetadata,
    variables: Variables,
  ): void {
    this.core.eventSubProcesses.trigger(scope, start, variables);
  }

  takeEventTrigger(startEventId: string): Variables | null {
    return this.core.eventSubProcesses.takeTrigger(startEventId);
  }

  startQueuedEventSubProcesses(): void {
    this.core.eventSubProcesses.startQueued();
  }

  // ---------------------------------------------------------------- call activities (call-activities.ts)

  startCall(record: ElementInstanceRecord): boolean {
    return this.core.calls.start(record);
  }

  completeCall(elementInstanceKey: Key, variables: Variables): void {
    this.core.calls.complete(elementInstanceKey, variables);
  }

  failCall(elementInstanceKey: Key, errorMessage: string): void {
    this.core.calls.fail(elementInstanceKey, errorMessage);
  }

  callRecord(elementInstanceKey: Key): ElementInstanceRecord {
    return this.core.calls.record(elementInstanceKey);
  }

  // ---------------------------------------------------------------- compensation (compensation.ts)

  /** A compensation throw event invokes its handlers; false when there is nothing to wait for. */
  compensate(throwEvent: ElementInstanceRecord, waiter: string): boolean {
    return this.core.compensation.trigger(throwEvent, waiter);
  }

  /** After a recovery: whether the throw event still waits for handlers it invoked. */
  resumeCompensation(throwEvent: ElementInstanceRecord, waiter: string): boolean {
    return this.core.compensation.resume(throwEvent, waiter);
  }

  // ---------------------------------------------------------------- concurrent tokens (concurrent-tokens.ts)

  canTakeToken(elementId: string): boolean {
    return this.core.tokens.canTake(elementId);
  }

  /** A token into a busy element: false when bpmn-elements is to handle it (it waits there). */
  takeToken(
    elementId: string,
    scopeExecutionId: string | undefined,
    flowId: string,
    sequenceId: string,
  ): boolean {
    return this.core.tokens.take(elementId, scopeExecutionId, flowId, sequenceId);
  }

  resumeTokens(): void {
    this.core.tokens.resume();
  }

  /** The inner flow of a sub-process instance the runtime owns reached its end. */
  onInnerFlowCompleted(executionId: string): void {
    const record = this.core.recordByExecution(executionId);
    if (record) this.core.owned.innerFlowCompleted(record);
  }

  /** Before a snapshot: the state of the inner flows the runtime owns goes into their records. */
  captureScopes(): void {
    this.core.libraryScopes?.captureScopes();
  }

  // ---------------------------------------------------------------- gateways (gateways.ts)

  chooseFlows(record: ElementInstanceRecord, mode: 'exclusive' | 'inclusive'): string[] {
    return chooseFlows(this.core, record, mode);
  }

  // ---------------------------------------------------------------- misc

  /** Variables visible from a scope (job activation, expressions in the durable layer). */
  visibleVariables(scopeKey: Key): Variables {
    if (!this.variables.has(scopeKey))
      throw new CommandError('NOT_FOUND', `no variable scope ${scopeKey}`);
    return this.variables.visible(scopeKey);
  }

  setVariables(scopeKey: Key, variables: Variables, local: boolean): void {
    if (!this.variables.has(scopeKey))
      throw new CommandError('NOT_FOUND', `no variable scope ${scopeKey}`);
    if (local) this.variables.setLocal(scopeKey, variables);
    else this.variables.propagate(scopeKey, variables);
  }

  broadcastSignal(record: ElementInstanceRecord, signalName: string, variables: Variables): void {
    this.core.effects.signalsBroadcast.push({
      signalName,
      variables,
      elementId: record.elementId,
      elementInstanceKey: record.key,
    });
  }

  evaluateString(record: ElementInstanceRecord, valueOrExpression: string, what: string): string {
    return this.core.expectString(valueOrExpression, this.variables.visible(record.key), what);
  }

  evaluateFeel(record: ElementInstanceRecord, expression: string): JsonValue {
    return this.core.feel.evaluate(expression, this.variables.visible(record.key));
  }
}
