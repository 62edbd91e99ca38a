import { CompiledDefinition, ElementMetadata, TimerDefinition } from '../compiled-definition';
import { ExpressionError, Feel } from '../feel';
import {
  Clock,
  Effects,
  emptyEffects,
  FlowEventIntent,
  IncidentErrorType,
  InstanceEnd,
  JsonValue,
  Key,
  KeyGenerator,
  Variables,
} from '../types';
import { evaluateMappings } from './io-mappings';
import { describe, evaluateJobSpec, FormKeyResolver, IncidentError } from './job-spec';
import {
  ElementInstanceRecord,
  IncidentRecord,
  JobRecord,
  RuntimeState,
  SubscriptionRecord,
  TimerRecord,
} from './runtime-state';
import {
  eventSubProcessCatch,
  eventSubProcessStarts,
  EventScopes,
  scopeElementId,
} from './event-sub-processes';
import { scheduleTimer } from './timer-schedule';
import { BudgetSpent, StepBudget } from './step-budget';
import { VariableScopes } from './variable-scopes';

/** What a waiting behaviour can be woken up with. All members optional: a behaviour registers what it waits for. */
export interface Waiter {
  /** Re-attempt the step that raised an incident at this execution. */
  retry?: () => void;
  onJobCompleted?: (variables: Variables) => void;
  onCallCompleted?: (variables: Variables) => void;
  onTimer?: (timer: TimerRecord) => void;
  onSubscription?: (subscription: SubscriptionRecord, variables: Variables) => void;
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

/** Each inner instance is an element with its keys, variables and events: a thousand is a lot. */
export const DEFAULT_MAX_LOOP_CARDINALITY = 1000;

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
 * Zeebe semantics on top of bpmn-engine for one process instance: element instances and
 * their keys, variable scopes and mappings, jobs, timers, subscriptions, incidents and
 * the effects every change produces. The element behaviours call into it; the runner
 * drives it with commands. State is plain JSON (RuntimeState); the rest is live wiring.
 */
export class InstanceRuntime {
  readonly variables: VariableScopes;
  private effects: Effects = emptyEffects();
  private readonly waiters = new Map<string, Waiter>();
  private readonly boundaryListeners = new Map<string, BoundaryListener[]>();
  /** bpmn-engine execution id → its flow scope's execution id, from activity.enter events (run messages lack it). */
  private readonly scopeOfExecution = new Map<string, string>();
  private readonly feel: Feel;
  private readonly budget: StepBudget;
  /** Set when bpmn-engine reported an error: the instance's state can no longer be trusted. */
  fatal: Error | null = null;
  /** Runs event sub-processes in bpmn-engine; set by the runner once its engine exists. */
  eventScopes: EventScopes | null = null;
  /** The trigger of the event sub-process being started, for its start event to complete with. */
  private pendingTrigger: { startEventId: string; variables: Variables } | null = null;

  constructor(
    readonly compiled: CompiledDefinition,
    readonly state: RuntimeState,
    private readonly options: RuntimeOptions,
  ) {
    this.feel = options.feel;
    this.budget = new StepBudget(options.maxStepsPerCommand);
    // States stored before this field existed.
    state.zombies ??= {};
    this.variables = new VariableScopes(state, (change) =>
      this.effects.variablesChanged.push(change),
    );
  }

  // ---------------------------------------------------------------- effects

  takeEffects(): Effects {
    const effects = this.effects;
    this.effects = emptyEffects();
    this.budget.reset();
    return effects;
  }

  get ended(): boolean {
    return this.state.status !== 'ACTIVE';
  }

  now(): Date {
    return this.options.clock();
  }

  nextKey(): Key {
    return this.options.nextKey();
  }

  meta(elementId: string): ElementMetadata {
    const meta = this.compiled.elements[elementId];
    if (!meta) throw new Error(`unknown element ${elementId}`);
    return meta;
  }

  private emit(intent: FlowEventIntent, record: ElementInstanceRecord): void {
    this.effects.flowEvents.push({
      intent,
      elementInstanceKey: record.key,
      elementId: record.elementId,
      elementType: record.elementType,
      bpmnEventType: record.bpmnEventType,
      flowScopeKey: record.flowScopeKey,
      processInstanceKey: this.state.processInstanceKey,
      bpmnProcessId: this.state.bpmnProcessId,
      timestamp: this.now(),
    });
  }

  // ---------------------------------------------------------------- records

  recordByExecution(executionId: string): ElementInstanceRecord | undefined {
    const key = this.state.byExecution[executionId];
    return key === undefined ? undefined : this.state.instances[key];
  }

  record(key: Key): ElementInstanceRecord | undefined {
    return this.state.instances[key];
  }

  private store(record: ElementInstanceRecord): void {
    this.state.instances[record.key] = record;
    this.state.byExecution[record.executionId] = record.key;
  }

  private drop(record: ElementInstanceRecord): void {
    delete this.state.instances[record.key];
    if (this.state.byExecution[record.executionId] === record.key)
      delete this.state.byExecution[record.executionId];
    this.variables.remove(record.key);
  }

  // ---------------------------------------------------------------- process

  /** Creates the root scope with the start variables (before bpmn-engine starts). */
  createProcessInstance(variables: Variables): void {
    const key = this.state.processInstanceKey;
    this.state.instances[key] = {
      key,
      elementId: this.state.bpmnProcessId,
      elementType: 'PROCESS',
      bpmnEventType: 'UNSPECIFIED',
      flowScopeKey: null,
      executionId: '',
      phase: 'ACTIVATING',
    };
    this.variables.create(key, null, variables);
  }

  /** Only the chosen start event of the process runs; sub-process start events always do. */
  isChosenStartEvent(elementId: string): boolean {
    const meta = this.meta(elementId);
    if (meta.scopeId !== meta.bpmnProcessId) return true;
    return elementId === this.state.startEventId;
  }

  onProcessEnter(executionId: string): void {
    const record = this.state.instances[this.state.processInstanceKey];
    if (!record || record.phase !== 'ACTIVATING') return;
    record.executionId = executionId;
    this.state.byExecution[executionId] = record.key;
    record.phase = 'ACTIVATED';
    this.emit('ELEMENT_ACTIVATED', record);
    this.openEventSubProcessesOrIncident(record);
  }

  onProcessEnd(): void {
    if (this.ended) return;
    const root = this.state.instances[this.state.processInstanceKey];
    if (!root) return;
    // Anything bpmn-engine left behind is not active in Zeebe's sense any more.
    for (const child of this.children(root.key)) this.terminateRecord(child);
    this.closeOwned(root, false);
    const variables = this.variables.local(root.key);
    this.emit('ELEMENT_COMPLETED', root);
    this.drop(root);
    this.state.status = this.state.terminatedByEndEvent ? 'TERMINATED' : 'COMPLETED';
    this.effects.instanceEnded = {
      state: this.state.status === 'TERMINATED' ? 'TERMINATED' : 'COMPLETED',
      variables,
    };
    this.waiters.clear();
    this.boundaryListeners.clear();
  }

  /** cancel(): every active element instance is terminated, innermost first, then the process. */
  cancelInstance(): void {
    if (this.ended) return;
    const root = this.state.instances[this.state.processInstanceKey];
    const variables = root ? this.variables.local(root.key) : {};
    if (root) this.terminateRecord(root);
    this.state.status = 'CANCELED';
    this.effects.instanceEnded = { state: 'CANCELED', variables };
    this.waiters.clear();
    this.boundaryListeners.clear();
  }

  /** An uncaught error the parent catches: the child is terminated and the error goes up. */
  terminateForPropagation(errorCode: string, errorMessage: string, variables: Variables): void {
    this.endForPropagation({ errorPropagated: { errorCode, errorMessage, variables } });
  }

  /** Terminates the whole instance because its parent takes over (an error or escalation caught there). */
  private endForPropagation(
    propagated: Pick<InstanceEnd, 'errorPropagated' | 'escalationPropagated'>,
  ): void {
    const root = this.state.instances[this.state.processInstanceKey];
    const variables = root ? this.variables.local(root.key) : {};
    if (root) this.terminateRecord(root);
    this.state.status = 'TERMINATED';
    this.effects.instanceEnded = { state: 'TERMINATED', variables, ...propagated };
    this.waiters.clear();
    this.boundaryListeners.clear();
  }

  // ---------------------------------------------------------------- engine events

  onFlowTaken(flowId: string, scopeExecutionId: string | undefined): void {
    if (this.ended) return;
    const flow = this.compiled.flows[flowId];
    if (!flow) return;
    // Zeebe takes an event-based gateway's flow only when its event triggers.
    if (this.compiled.elements[flow.sourceId]?.elementType === 'EVENT_BASED_GATEWAY') return;
    const scopeKey = scopeExecutionId ? this.state.byExecution[scopeExecutionId] : undefined;
    this.emitFlowTaken(flowId, scopeKey ?? this.state.processInstanceKey);
  }

  private emitFlowTaken(flowId: string, flowScopeKey: Key): void {
    this.effects.flowEvents.push({
      intent: 'SEQUENCE_FLOW_TAKEN',
      elementInstanceKey: this.nextKey(),
      elementId: flowId,
      elementType: 'SEQUENCE_FLOW',
      bpmnEventType: 'UNSPECIFIED',
      flowScopeKey,
      processInstanceKey: this.state.processInstanceKey,
      bpmnProcessId: this.state.bpmnProcessId,
      timestamp: this.now(),
    });
  }

  /** bpmn-engine completed an element the behaviours do not complete themselves (multi-instance body, terminate end event). */
  onActivityEnd(executionId: string): void {
    if (this.ended) return;
    const record = this.recordByExecution(executionId);
    if (!record || record.elementType === 'PROCESS') return;
    if (record.body) {
      this.completeBody(record);
      return;
    }
    if (record.phase === 'ACTIVATED') {
      const meta = this.compiled.elements[record.elementId];
      if (meta?.terminate && record.flowScopeKey === this.state.processInstanceKey)
        this.state.terminatedByEndEvent = true;
      this.finishCompletion(record);
    }
  }

  onActivityEnter(executionId: string, scopeExecutionId: string | undefined): void {
    if (scopeExecutionId) this.scopeOfExecution.set(executionId, scopeExecutionId);
  }

  onEngineError(error: unknown): void {
    if (!this.fatal) this.fatal = error instanceof Error ? error : new Error(String(error));
  }

  /** An element left without completing (discarded by bpmn-engine): terminated. */
  onActivityLeave(executionId: string): void {
    this.scopeOfExecution.delete(executionId);
    delete this.state.zombies[executionId];
    if (this.ended) return;
    const record = this.recordByExecution(executionId);
    if (record && record.elementType !== 'PROCESS') this.terminateRecord(record, true);
  }

  // ---------------------------------------------------------------- waiters

  setWaiter(executionId: string, waiter: Waiter): void {
    this.waiters.set(executionId, { ...this.waiters.get(executionId), ...waiter });
  }

  clearWaiter(executionId: string): void {
    this.waiters.delete(executionId);
  }

  waiter(executionId: string): Waiter | undefined {
    return this.waiters.get(executionId);
  }

  // ---------------------------------------------------------------- activation

  /** Finds the element instance of an execution, or creates and activates it (input mappings, boundary events). */
  enter(request: EnterRequest): ElementInstanceRecord | null {
    const existing = this.recordByExecution(request.executionId);
    if (existing) return existing;
    if (this.state.zombies[request.executionId]) return null;
    const meta = this.meta(request.elementId);
    const parentExecutionId =
      request.parentExecutionId || this.scopeOfExecution.get(request.executionId) || '';
    const flowScopeKey = this.state.byExecution[parentExecutionId];
    if (flowScopeKey === undefined)
      throw new Error(`no flow scope for ${request.elementId} (${request.executionId})`);
    const isBody = request.isBody === true;
    const record: ElementInstanceRecord = {
      key: this.nextKey(),
      elementId: request.elementId,
      elementType: isBody ? 'MULTI_INSTANCE_BODY' : meta.elementType,
      bpmnEventType: isBody ? 'UNSPECIFIED' : meta.eventType,
      flowScopeKey,
      executionId: request.executionId,
      phase: 'ACTIVATING',
      ...(!isBody && meta.eventBasedGateway && { hidden: true }),
      ...(request.loopIndex !== undefined && { loopIndex: request.loopIndex }),
    };
    this.store(record);
    this.variables.create(record.key, flowScopeKey);
    this.activate(record);
    return record;
  }

  /** Re-attempts a failed activation (after an incident). */
  retryActivation(record: ElementInstanceRecord): boolean {
    if (record.phase !== 'ACTIVATING') return true;
    this.variables.clearLocal(record.key);
    return this.activate(record);
  }

  private activate(record: ElementInstanceRecord): boolean {
    const meta = this.meta(record.elementId);
    const heldBy = this.budget.heldBy ? this.state.incidents[this.budget.heldBy] : undefined;
    if (heldBy) {
      (heldBy.holds ??= []).push(record.executionId);
      return false;
    }
    try {
      this.budget.spend(this.effects);
      if (record.elementType === 'MULTI_INSTANCE_BODY') this.initBody(record, meta);
      else {
        if (record.loopIndex !== undefined) this.initInner(record, meta);
        const inputs = meta.ioMapping?.inputs ?? [];
        if (inputs.length) {
          this.variables.setLocal(
            record.key,
            evaluateMappings(this.feel, inputs, this.variables.visible(record.key)),
          );
        }
      }
      // Boundary events are part of the activity: they are subscribed when it activates.
      const attachesBoundaries = record.elementType === 'MULTI_INSTANCE_BODY' || !meta.loop;
      if (attachesBoundaries) {
        for (const listener of this.boundaryListeners.get(record.executionId) ?? [])
          listener.open?.(record);
      }
      if (record.elementType === 'SUB_PROCESS') this.openEventSubProcesses(record);
    } catch (err) {
      const incident = this.raiseIncident(record, record.executionId, err);
      if (err instanceof BudgetSpent) this.budget.heldBy = incident.key;
      return false;
    }
    record.phase = 'ACTIVATED';
    // ELEMENT_ACTIVATED waits for the element's own work (announce), as in Zeebe.
    record.announced = false;
    return true;
  }

  /** Writes ELEMENT_ACTIVATED once the element's activation work succeeded. */
  announce(record: ElementInstanceRecord): void {
    if (record.announced !== false || record.hidden) return;
    delete record.announced;
    this.emit('ELEMENT_ACTIVATED', record);
  }

  private initBody(record: ElementInstanceRecord, meta: ElementMetadata): void {
    const loop = meta.loop;
    if (!loop) throw new Error(`element ${meta.id} is not multi-instance`);
    const collection = this.feel.evaluateValue(
      loop.inputCollection,
      this.variables.visible(record.key),
    );
    if (!Array.isArray(collection)) {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${loop.inputCollection}' to be 'ARRAY', but was '${describe(collection)}'.${this.feel.warningsNote()}`,
      );
    }
    const max = this.options.maxLoopCardinality ?? DEFAULT_MAX_LOOP_CARDINALITY;
    if (collection.length > max) {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `The input collection '${loop.inputCollection}' has ${collection.length} items, more than the ${max} a multi-instance may have (ENGINE_MAX_LOOP_CARDINALITY)`,
      );
    }
    const output = loop.outputCollection ? collection.map((): JsonValue => null) : null;
    record.body = { collection, output, completed: 0, terminated: 0 };
    if (loop.outputCollection && output)
      this.variables.setLocal(record.key, { [loop.outputCollection]: output });
    this.variables.setLocal(record.key, {
      numberOfInstances: collection.length,
      numberOfActiveInstances: 0,
      numberOfCompletedInstances: 0,
      numberOfTerminatedInstances: 0,
    });
  }

  private initInner(record: ElementInstanceRecord, meta: ElementMetadata): void {
    const body = record.flowScopeKey ? this.state.instances[record.flowScopeKey]?.body : undefined;
    const index = record.loopIndex ?? 0;
    const locals: Variables = { loopCounter: index + 1 };
    // Zeebe makes an output element that names a variable (`=result`, `=report.text`) local,
    // null until set: each instance's result stays its own and never reaches the process.
    const output = meta.loop?.outputCollection ? variableOf(meta.loop.outputElement) : null;
    if (output && output !== meta.loop?.inputElement) locals[output] = null;
    if (meta.loop?.inputElement && body)
      locals[meta.loop.inputElement] = body.collection[index] ?? null;
    this.variables.setLocal(record.key, locals);
    if (record.flowScopeKey && body)
      this.updateBodyCounters(this.state.instances[record.flowScopeKey]);
  }

  /** Cardinality for bpmn-elements' loop: the size of the body's input collection. */
  cardinality(record: ElementInstanceRecord): number {
    return record.body?.collection.length ?? 0;
  }

  private updateBodyCounters(body: ElementInstanceRecord): void {
    if (!body.body) return;
    const active = this.children(body.key).length;
    this.variables.setLocal(body.key, {
      numberOfActiveInstances: active,
      numberOfCompletedInstances: body.body.completed,
      numberOfTerminatedInstances: body.body.terminated,
    });
  }

  // ---------------------------------------------------------------- completion

  /**
   * Completes an element instance: the variables it completed with, output mappings,
   * multi-instance output element, ELEMENT_COMPLETED. Returns null when an incident holds it.
   */
  complete(record: ElementInstanceRecord, variables?: Variables | null): CompletionResult | null {
    if (record.phase !== 'COMPLETING') {
      this.announce(record);
      record.phase = 'COMPLETING';
      record.pendingVariables = variables ?? null;
    }
    const meta = this.meta(record.elementId);
    let completionConditionMet = false;
    try {
      this.applyOutputs(record, meta);
      if (record.loopIndex !== undefined)
        completionConditionMet = this.collectLoopOutput(record, meta);
    } catch (err) {
      this.raiseIncident(record, record.executionId, err, 'EXTRACT_VALUE_ERROR');
      return null;
    }
    this.finishCompletion(record);
    return { completionConditionMet };
  }

  private applyOutputs(record: ElementInstanceRecord, meta: ElementMetadata): void {
    const outputs = meta.ioMapping?.outputs ?? [];
    const pending = record.pendingVariables;
    if (outputs.length) {
      // Zeebe: the variables become local, the output mappings pick what goes up.
      if (pending) this.variables.setLocal(record.key, pending);
      const result = evaluateMappings(this.feel, outputs, this.variables.visible(record.key));
      // A multi-instance inner instance merges into its own scope (Zeebe: to reach its output element).
      const target = record.loopIndex !== undefined ? record.key : record.flowScopeKey;
      if (target) this.variables.propagate(target, result);
    } else if (pending) {
      this.variables.propagate(record.key, pending);
    }
    record.pendingVariables = null;
  }

  private collectLoopOutput(record: ElementInstanceRecord, meta: ElementMetadata): boolean {
    const bodyRecord = record.flowScopeKey ? this.state.instances[record.flowScopeKey] : undefined;
    const loop = meta.loop;
    if (!bodyRecord?.body || !loop) return false;
    if (loop.outputCollection && loop.outputElement && bodyRecord.body.output) {
      const value = this.feel.evaluateValue(loop.outputElement, this.variables.visible(record.key));
      bodyRecord.body.output[record.loopIndex ?? 0] = value;
      this.variables.setLocal(bodyRecord.key, {
        [loop.outputCollection]: [...bodyRecord.body.output],
      });
    }
    bodyRecord.body.completed++;
    this.updateBodyCounters(bodyRecord);
    this.variables.setLocal(bodyRecord.key, {
      numberOfActiveInstances: Math.max(0, this.children(bodyRecord.key).length - 1),
    });
    if (!loop.completionCondition) return false;
    const met = this.feel.evaluate(loop.completionCondition, this.variables.visible(record.key));
    if (typeof met !== 'boolean') {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${loop.completionCondition}' to be 'BOOLEAN', but was '${describe(met)}'.${this.feel.warningsNote()}`,
      );
    }
    return met;
  }

  private finishCompletion(record: ElementInstanceRecord): void {
    this.announce(record);
    if (record.jobKey) delete this.state.jobs[record.jobKey];
    this.closeOwned(record, false);
    for (const child of this.children(record.key)) this.terminateRecord(child);
    this.emit('ELEMENT_COMPLETED', record);
    this.drop(record);
  }

  private completeBody(record: ElementInstanceRecord): void {
    const meta = this.meta(record.elementId);
    for (const child of this.children(record.key)) this.terminateRecord(child);
    const outputCollection = meta.loop?.outputCollection;
    if (outputCollection && record.body?.output && record.flowScopeKey) {
      this.variables.propagate(record.flowScopeKey, { [outputCollection]: record.body.output });
    }
    this.finishCompletion(record);
  }

  // ---------------------------------------------------------------- termination

  /** Terminates the element instance of an execution (bpmn-engine discarded or stopped it). */
  terminate(executionId: string): void {
    delete this.state.zombies[executionId];
    if (this.ended) return;
    const record = this.recordByExecution(executionId);
    if (record && record.elementType !== 'PROCESS') this.terminateRecord(record, true);
  }

  /** byEngine: bpmn-engine already ended it; otherwise it lingers there until discarded (a zombie). */
  private terminateRecord(record: ElementInstanceRecord, byEngine = false): void {
    if (!this.state.instances[record.key]) return;
    if (!byEngine && record.elementType !== 'PROCESS')
      this.state.zombies[record.executionId] = true;
    for (const child of this.children(record.key)) this.terminateRecord(child);
    this.closeOwned(record, true);
    for (const incident of Object.values(this.state.incidents)) {
      if (incident.elementInstanceKey !== record.key) continue;
      this.resolveIncidentRecord(incident);
      this.handOverHolds(incident);
    }
    if (!record.hidden) this.emit('ELEMENT_TERMINATED', record);
    const body =
      record.loopIndex !== undefined && record.flowScopeKey
        ? this.state.instances[record.flowScopeKey]
        : undefined;
    this.drop(record);
    if (body?.body) {
      body.body.terminated++;
      this.updateBodyCounters(body);
    }
    this.boundaryListeners.delete(record.executionId);
    this.waiters.delete(record.executionId);
  }

  private children(key: Key): ElementInstanceRecord[] {
    return Object.values(this.state.instances).filter((r) => r.flowScopeKey === key);
  }

  /** Jobs, timers, subscriptions and child processes of an element instance end with it. */
  private closeOwned(record: ElementInstanceRecord, terminated: boolean): void {
    for (const job of Object.values(this.state.jobs)) {
      if (job.elementInstanceKey !== record.key) continue;
      delete this.state.jobs[job.key];
      this.effects.jobsCancelled.push({ key: job.key, elementInstanceKey: record.key });
    }
    for (const timer of Object.values(this.state.timers)) {
      if (timer.elementInstanceKey !== record.key) continue;
      delete this.state.timers[timer.key];
      this.effects.timersCancelled.push({ key: timer.key, elementInstanceKey: record.key });
    }
    for (const sub of Object.values(this.state.subscriptions)) {
      if (sub.elementInstanceKey !== record.key) continue;
      delete this.state.subscriptions[sub.key];
      this.effects.subscriptionsClosed.push({
        key: sub.key,
        kind: sub.kind,
        elementInstanceKey: record.key,
      });
    }
    if (terminated && record.callStarted) {
      this.effects.callActivitiesCancelled.push({
        elementInstanceKey: record.key,
        elementId: record.elementId,
      });
    }
  }

  // ---------------------------------------------------------------- incidents

  /** Records an incident from a failure; the behaviour waits, retryIncident re-attempts. */
  raiseIncident(
    record: ElementInstanceRecord,
    executionId: string | null,
    error: unknown,
    fallbackType: IncidentErrorType = 'EXTRACT_VALUE_ERROR',
    jobKey: Key | null = null,
  ): IncidentRecord {
    let errorType = fallbackType;
    let errorMessage: string;
    if (error instanceof IncidentError) {
      errorType = error.errorType;
      errorMessage = error.message;
    } else if (error instanceof ExpressionError) {
      errorMessage = error.message;
    } else if (error instanceof Error) {
      // A bug in the engine must not pass silently: keep it visible as an incident.
      errorType = 'UNKNOWN';
      errorMessage = error.message;
    } else {
      errorMessage = String(error);
    }
    const incident: IncidentRecord = {
      key: this.nextKey(),
      errorType,
      errorMessage,
      elementId: record.elementId,
      elementInstanceKey: record.key,
      executionId,
      jobKey,
    };
    this.state.incidents[incident.key] = incident;
    this.effects.incidentsCreated.push({
      key: incident.key,
      errorType,
      errorMessage,
      elementId: record.elementId,
      elementInstanceKey: record.key,
      processInstanceKey: this.state.processInstanceKey,
      bpmnProcessId: this.state.bpmnProcessId,
      jobKey,
    });
    return incident;
  }

  /** The open incident a behaviour waits on under this retry key, if any. */
  openIncident(retryKey: string): IncidentRecord | undefined {
    return Object.values(this.state.incidents).find((i) => i.executionId === retryKey);
  }

  private resolveIncidentRecord(incident: IncidentRecord): void {
    delete this.state.incidents[incident.key];
    this.effects.incidentsResolved.push({
      key: incident.key,
      elementInstanceKey: incident.elementInstanceKey,
    });
  }

  /** The elements held behind an incident whose element ended wait behind a new one on the first of them. */
  private handOverHolds(incident: IncidentRecord): void {
    const held = (incident.holds ?? [])
      .map((executionId) => this.recordByExecution(executionId))
      .filter((r): r is ElementInstanceRecord => r?.phase === 'ACTIVATING');
    const [first, ...rest] = held;
    if (!first) return;
    const next = this.raiseIncident(
      first,
      first.executionId,
      new IncidentError(incident.errorType, incident.errorMessage),
    );
    if (rest.length) next.holds = rest.map((r) => r.executionId);
  }

  /** retryIncident: resolves the incident and re-attempts what failed. */
  retryIncident(incidentKey: Key): void {
    const incident = this.state.incidents[incidentKey];
    if (!incident) {
      throw new CommandError(
        'NOT_FOUND',
        `Expected to resolve incident with key '${incidentKey}', but no such incident was found`,
      );
    }
    const job = incident.jobKey ? this.state.jobs[incident.jobKey] : undefined;
    if (job && job.retries <= 0) {
      // Zeebe's rule: resolving does not reset retries; the operator updates them first.
      throw new CommandError(
        'INVALID_STATE',
        `Expected to resolve incident with key '${incidentKey}', but job with key '${job.key}' has no retries left. Please update the job retries and retry resolving the incident`,
      );
    }
    this.resolveIncidentRecord(incident);
    if (incident.jobKey) {
      const job = this.state.jobs[incident.jobKey];
      if (job) this.reofferJob(job);
      return;
    }
    if (incident.executionId?.startsWith(EVENT_START_PREFIX)) {
      const scope = this.state.instances[incident.elementInstanceKey];
      if (scope) this.openEventSubProcessesOrIncident(scope);
      return;
    }
    const waiter = incident.executionId ? this.waiters.get(incident.executionId) : undefined;
    if (!waiter?.retry)
      throw new Error(`nothing waits to retry incident ${incidentKey} at ${incident.elementId}`);
    waiter.retry();
    for (const held of incident.holds ?? []) {
      // Ended meanwhile (e.g. an interrupting event): nothing to resume.
      if (this.recordByExecution(held)?.phase === 'ACTIVATING') this.waiters.get(held)?.retry?.();
    }
  }

  // ---------------------------------------------------------------- jobs

  /** Creates the element's job unless it has one. Returns null when an incident holds the element. */
  ensureJob(record: ElementInstanceRecord): JobRecord | null {
    if (record.jobKey && this.state.jobs[record.jobKey]) return this.state.jobs[record.jobKey];
    const meta = this.meta(record.elementId);
    let spec;
    try {
      spec = evaluateJobSpec(
        this.feel,
        meta,
        this.variables.visible(record.key),
        this.options.resolveFormKey,
      );
    } catch (err) {
      this.raiseIncident(record, record.executionId, err);
      return null;
    }
    const job: JobRecord = {
      key: this.nextKey(),
      type: spec.type,
      retries: spec.retries,
      elementId: record.elementId,
      elementInstanceKey: record.key,
      executionId: record.executionId,
      customHeaders: spec.customHeaders,
      state: 'ACTIVATABLE',
    };
    this.state.jobs[job.key] = job;
    record.jobKey = job.key;
    this.announce(record);
    this.pushJobCreated(job, false);
    return job;
  }

  private pushJobCreated(job: JobRecord, reoffered: boolean): void {
    this.effects.jobsCreated.push({
      key: job.key,
      type: job.type,
      retries: job.retries,
      elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey,
      processInstanceKey: this.state.processInstanceKey,
      bpmnProcessId: this.state.bpmnProcessId,
      customHeaders: { ...job.customHeaders },
      reoffered,
    });
  }

  private reofferJob(job: JobRecord): void {
    job.state = 'ACTIVATABLE';
    this.pushJobCreated(job, true);
  }

  job(jobKey: Key): JobRecord {
    const job = this.state.jobs[jobKey];
    if (!job) throw new CommandError('NOT_FOUND', `no job ${jobKey}`);
    return job;
  }

  completeJob(jobKey: Key, variables: Variables): void {
    const job = this.job(jobKey);
    if (job.state !== 'ACTIVATABLE')
      throw new CommandError('INVALID_STATE', `job ${jobKey} is ${job.state}`);
    const waiter = this.waiters.get(job.executionId);
    if (!waiter?.onJobCompleted) throw new Error(`nothing waits for job ${jobKey}`);
    waiter.onJobCompleted(variables);
  }

  failJob(jobKey: Key, retries: number, errorMessage: string): void {
    const job = this.job(jobKey);
    job.retries = retries;
    if (retries > 0) return;
    job.state = 'FAILED';
    const record = this.state.instances[job.elementInstanceKey];
    if (!record) return;
    this.raiseIncident(
      record,
      null,
      new IncidentError('JOB_NO_RETRIES', errorMessage || 'No more retries left.'),
      'JOB_NO_RETRIES',
      job.key,
    );
  }

  updateJobRetries(jobKey: Key, retries: number): void {
    this.job(jobKey).retries = retries;
  }

  // ---------------------------------------------------------------- errors and escalations

  /** Zeebe's catch lookup: boundary events up the scope chain; an exact code wins over catch-all. */
  findCatch(
    from: ElementInstanceRecord,
    kind: 'error' | 'escalation',
    code: string,
  ): { listener: BoundaryListener; attached: ElementInstanceRecord } | null {
    let current: ElementInstanceRecord | undefined = from;
    while (current) {
      // An event sub-process in the scope is closer than the scope's own boundary events.
      const scope: ElementInstanceRecord = current;
      const start =
        scope === from
          ? undefined
          : eventSubProcessCatch(
              this.compiled,
              scope,
              kind === 'error' ? 'ERROR' : 'ESCALATION',
              code,
            );
      if (start) {
        const listener: BoundaryListener = {
          boundaryId: start.id,
          definitionExecutionId: eventStartExecutionId(scope, start.id),
          kind,
          code: kind === 'error' ? start.error?.code : start.escalation?.code,
          interrupting: start.cancelActivity !== false,
          trigger: (variables) => this.triggerEventSubProcess(scope, start, variables),
        };
        return { listener, attached: scope };
      }
      const listeners = (this.boundaryListeners.get(current.executionId) ?? []).filter(
        (l) => l.kind === kind,
      );
      const match =
        listeners.find((l) => l.code === code) ?? listeners.find((l) => l.code === undefined);
      if (match) return { listener: match, attached: current };
      current = current.flowScopeKey ? this.state.instances[current.flowScopeKey] : undefined;
    }
    return null;
  }

  /** A worker threw a BPMN error: caught by a boundary, or an UNHANDLED_ERROR_EVENT incident. */
  throwJobError(
    jobKey: Key,
    errorCode: string,
    errorMessage: string,
    variables: Variables,
  ): 'caught' | 'uncaught' {
    const job = this.job(jobKey);
    if (job.state !== 'ACTIVATABLE')
      throw new CommandError('INVALID_STATE', `job ${jobKey} is ${job.state}`);
    const record = this.state.instances[job.elementInstanceKey];
    if (!record) throw new CommandError('NOT_FOUND', `no element instance for job ${jobKey}`);
    const target = this.findCatch(record, 'error', errorCode);
    if (target) {
      delete this.state.jobs[job.key];
      record.jobKey = undefined;
      target.listener.trigger(variables);
      return 'caught';
    }
    return 'uncaught';
  }

  /**
   * An error end event threw: caught by a boundary up the scope chain, propagated to the
   * parent process (the durable layer says whether it catches), or uncaught.
   */
  throwElementError(
    record: ElementInstanceRecord,
    errorCode: string,
  ): 'caught' | 'propagated' | 'uncaught' {
    const target = this.findCatch(record, 'error', errorCode);
    if (target) {
      target.listener.trigger({});
      return 'caught';
    }
    if (this.options.canParentCatchError?.(errorCode)) {
      this.terminateForPropagation(errorCode, '', {});
      return 'propagated';
    }
    return 'uncaught';
  }

  /**
   * An escalation nothing in this instance catches goes to the parent's call activity (Zeebe):
   * an interrupting catch there ends this instance ('ended'); a non-interrupting one is an
   * effect for the parent and the throw goes on ('continues', as when nothing catches it).
   */
  escalateToParent(escalationCode: string): 'ended' | 'continues' {
    const caught = this.options.parentEscalation?.(escalationCode) ?? null;
    if (caught === 'interrupting') {
      this.endForPropagation({ escalationPropagated: { escalationCode } });
      return 'ended';
    }
    if (caught === 'non-interrupting') this.effects.escalationsToParent.push({ escalationCode });
    return 'continues';
  }

  canParentCatch(errorCode: string): boolean {
    return this.options.canParentCatchError?.(errorCode) === true;
  }

  raiseUnhandledJobError(jobKey: Key, errorCode: string, errorMessage: string): void {
    const job = this.job(jobKey);
    const record = this.state.instances[job.elementInstanceKey];
    job.state = 'ERROR_THROWN';
    if (!record) return;
    const message = `Expected to throw an error event with the code '${errorCode}'${errorMessage ? ` with message '${errorMessage}'` : ''}, but it was not caught. No error events are available in the scope.`;
    this.raiseIncident(
      record,
      null,
      new IncidentError('UNHANDLED_ERROR_EVENT', message),
      'UNHANDLED_ERROR_EVENT',
      job.key,
    );
  }

  // ---------------------------------------------------------------- boundary events

  registerBoundary(attachedExecutionId: string, listener: BoundaryListener): void {
    const list = (this.boundaryListeners.get(attachedExecutionId) ?? []).filter(
      (l) => l.definitionExecutionId !== listener.definitionExecutionId,
    );
    list.push(listener);
    this.boundaryListeners.set(attachedExecutionId, list);
    const attached = this.recordByExecution(attachedExecutionId);
    // Registered after the activity activated (recovery, a repeating timer): open now.
    if (attached && attached.phase !== 'ACTIVATING' && listener.open) {
      try {
        listener.open(attached);
      } catch (err) {
        this.raiseIncident(attached, listener.definitionExecutionId, err);
      }
    }
  }

  unregisterBoundary(attachedExecutionId: string, definitionExecutionId: string): void {
    const list = this.boundaryListeners.get(attachedExecutionId);
    if (!list) return;
    this.boundaryListeners.set(
      attachedExecutionId,
      list.filter((l) => l.definitionExecutionId !== definitionExecutionId),
    );
  }

  /**
   * A boundary event triggers: an interrupting one terminates the activity first (Zeebe's
   * order), then the boundary instance activates and completes with the variables.
   * Returns false while an incident (output mapping) holds the boundary event.
   */
  catchBoundary(
    attachedExecutionId: string,
    boundaryExecutionId: string,
    boundaryId: string,
    interrupting: boolean,
    variables: Variables,
  ): 'caught' | 'held' | 'gone' {
    let boundary = this.recordByExecution(boundaryExecutionId);
    if (boundary) return this.complete(boundary) ? 'caught' : 'held';
    const attached = this.recordByExecution(attachedExecutionId);
    if (!attached) return 'gone';
    const meta = this.meta(boundaryId);
    if (interrupting) this.terminateRecord(attached);
    boundary = {
      key: this.nextKey(),
      elementId: boundaryId,
      elementType: 'BOUNDARY_EVENT',
      bpmnEventType: meta.eventType,
      flowScopeKey: attached.flowScopeKey,
      executionId: boundaryExecutionId,
      phase: 'ACTIVATED',
    };
    this.store(boundary);
    this.variables.create(boundary.key, attached.flowScopeKey);
    this.emit('ELEMENT_ACTIVATED', boundary);
    return this.complete(boundary, variables) ? 'caught' : 'held';
  }

  /** An intermediate catch event (or receive task) got its message, timer or signal. */
  catchIntermediate(
    record: ElementInstanceRecord,
    variables: Variables | null,
  ): CompletionResult | null {
    if (record.hidden) return this.catchEventBasedTarget(record, variables);
    return this.complete(record, record.phase === 'COMPLETING' ? undefined : variables);
  }

  /** Zeebe's event-based gateway: the gateway completes, its flow is taken, then the event activates. */
  private catchEventBasedTarget(
    record: ElementInstanceRecord,
    variables: Variables | null,
  ): CompletionResult | null {
    const meta = this.meta(record.elementId);
    const gateway = this.eventBasedGatewayOf(record);
    if (gateway) {
      this.closeOwned(gateway, false);
      this.emit('ELEMENT_COMPLETED', gateway);
      this.drop(gateway);
      const flow = Object.values(this.compiled.flows).find(
        (f) => f.sourceId === gateway.elementId && f.targetId === meta.id,
      );
      if (flow && record.flowScopeKey) this.emitFlowTaken(flow.id, record.flowScopeKey);
    }
    record.hidden = false;
    delete record.announced;
    this.emit('ELEMENT_ACTIVATED', record);
    return this.complete(record, variables);
  }

  /** The active event-based gateway instance a target's subscriptions belong to. */
  eventBasedGatewayOf(record: ElementInstanceRecord): ElementInstanceRecord | undefined {
    const gatewayId = this.compiled.elements[record.elementId]?.eventBasedGateway;
    if (!gatewayId) return undefined;
    return Object.values(this.state.instances).find(
      (r) =>
        r.elementId === gatewayId &&
        r.flowScopeKey === record.flowScopeKey &&
        r.phase === 'ACTIVATED',
    );
  }

  // ---------------------------------------------------------------- timers and subscriptions

  timerOf(executionId: string): TimerRecord | undefined {
    return Object.values(this.state.timers).find((t) => t.executionId === executionId);
  }

  /** Opens a timer for a catch event definition unless it has one (recovery re-registers silently). */
  openTimer(
    executionId: string,
    elementId: string,
    owner: ElementInstanceRecord,
    timer: TimerDefinition,
    repetitions?: number,
  ): TimerRecord {
    const existing = this.timerOf(executionId);
    if (existing) return existing;
    const schedule = scheduleTimer(
      this.feel,
      timer,
      this.variables.visible(owner.key),
      this.now(),
      { repetitions, minCycleMs: this.options.minTimerCycleMs },
    );
    const record: TimerRecord = {
      key: this.nextKey(),
      elementId,
      elementInstanceKey: owner.key,
      executionId,
      dueAt: schedule.dueAt.toISOString(),
      repetitions: schedule.repetitions,
      ...(schedule.interval && { interval: schedule.interval }),
    };
    this.state.timers[record.key] = record;
    this.announce(owner);
    this.effects.timersCreated.push({
      key: record.key,
      elementId,
      elementInstanceKey: owner.key,
      processInstanceKey: this.state.processInstanceKey,
      dueAt: schedule.dueAt,
      repetitions: record.repetitions,
      ...(record.interval && { interval: record.interval }),
    });
    return record;
  }

  triggerTimer(timerKey: Key): void {
    const timer = this.state.timers[timerKey];
    if (!timer) throw new CommandError('NOT_FOUND', `no timer ${timerKey}`);
    if (timer.startsEventSubProcess) {
      delete this.state.timers[timerKey];
      return this.eventSubProcessTimer(timer);
    }
    const waiter = this.waiters.get(timer.executionId);
    if (!waiter?.onTimer) throw new Error(`nothing waits for timer ${timerKey}`);
    delete this.state.timers[timerKey];
    waiter.onTimer(timer);
  }

  subscriptionOf(executionId: string): SubscriptionRecord | undefined {
    return Object.values(this.state.subscriptions).find((s) => s.executionId === executionId);
  }

  /**
   * Opens a message or signal subscription; name and correlation key are evaluated now,
   * in the owner's scope, and never again (a repeating boundary passes them on).
   */
  openSubscription(
    executionId: string,
    kind: 'message' | 'signal',
    elementId: string,
    owner: ElementInstanceRecord,
    interrupting: boolean,
    inherited?: { name: string; correlationKey: string | null },
  ): SubscriptionRecord {
    const existing = this.subscriptionOf(executionId);
    if (existing) return existing;
    const meta = this.meta(elementId);
    const visible = this.variables.visible(owner.key);
    let name: string;
    let correlationKey: string | null = null;
    if (inherited) {
      name = inherited.name;
      correlationKey = inherited.correlationKey;
    } else if (kind === 'message') {
      const message = meta.message;
      if (!message) throw new Error(`element ${elementId} has no message`);
      name = this.expectString(message.name, visible, 'message name');
      correlationKey = this.correlationKey(message.correlationKey ?? '', visible);
    } else {
      name = this.expectString(meta.signal?.name ?? '', visible, 'signal name');
    }
    const record: SubscriptionRecord = {
      key: this.nextKey(),
      kind,
      name,
      correlationKey,
      elementId,
      elementInstanceKey: owner.key,
      executionId,
      interrupting,
    };
    this.state.subscriptions[record.key] = record;
    this.announce(owner);
    this.effects.subscriptionsOpened.push({
      key: record.key,
      kind,
      name,
      correlationKey,
      elementId,
      elementInstanceKey: owner.key,
      processInstanceKey: this.state.processInstanceKey,
      bpmnProcessId: this.state.bpmnProcessId,
      interrupting,
    });
    return record;
  }

  private expectString(valueOrExpression: string, visible: Variables, what: string): string {
    const value = this.feel.evaluateValue(valueOrExpression, visible);
    if (typeof value !== 'string' || value === '') {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${valueOrExpression}' (${what}) to be a non-empty 'STRING', but was '${describe(value)}'.${this.feel.warningsNote()}`,
      );
    }
    return value;
  }

  private correlationKey(expression: string, visible: Variables): string {
    const value = this.feel.evaluateValue(expression, visible);
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    throw new IncidentError(
      'EXTRACT_VALUE_ERROR',
      `Failed to extract the correlation key for '${expression}': The value must be either a string or a number, but was '${describe(value)}'.${this.feel.warningsNote()}`,
    );
  }

  correlate(subscriptionKey: Key, variables: Variables): void {
    const sub = this.state.subscriptions[subscriptionKey];
    if (!sub) throw new CommandError('NOT_FOUND', `no subscription ${subscriptionKey}`);
    if (sub.startsEventSubProcess) {
      delete this.state.subscriptions[subscriptionKey];
      return this.eventSubProcessSubscription(sub, variables);
    }
    const waiter = this.waiters.get(sub.executionId);
    if (!waiter?.onSubscription)
      throw new Error(`nothing waits for subscription ${subscriptionKey}`);
    delete this.state.subscriptions[subscriptionKey];
    waiter.onSubscription(sub, variables);
  }

  /** Closes what a discarded event definition had open (Zeebe closes it with its element). */
  closeForExecution(executionId: string): void {
    const timer = this.timerOf(executionId);
    if (timer) {
      delete this.state.timers[timer.key];
      this.effects.timersCancelled.push({
        key: timer.key,
        elementInstanceKey: timer.elementInstanceKey,
      });
    }
    const sub = this.subscriptionOf(executionId);
    if (sub) {
      delete this.state.subscriptions[sub.key];
      this.effects.subscriptionsClosed.push({
        key: sub.key,
        kind: sub.kind,
        elementInstanceKey: sub.elementInstanceKey,
      });
    }
  }

  // ---------------------------------------------------------------- event sub-processes

  /**
   * A scope opens the timers and subscriptions of its event sub-processes' start events when
   * it activates (Zeebe); error and escalation starts are found by findCatch. They close with
   * the scope. Keyed per scope and start event, so a retried activation opens nothing twice.
   */
  private openEventSubProcesses(scope: ElementInstanceRecord): void {
    const scopeId = scopeElementId(scope);
    if (!scopeId) return;
    for (const start of eventSubProcessStarts(this.compiled, scopeId)) {
      const executionId = eventStartExecutionId(scope, start.id);
      const interrupting = start.cancelActivity !== false;
      if (start.eventType === 'TIMER' && start.timer) {
        this.openTimer(executionId, start.id, scope, start.timer).startsEventSubProcess = true;
      } else if (start.eventType === 'MESSAGE' || start.eventType === 'SIGNAL') {
        const kind = start.eventType === 'MESSAGE' ? 'message' : 'signal';
        this.openSubscription(
          executionId,
          kind,
          start.id,
          scope,
          interrupting,
        ).startsEventSubProcess = true;
      }
    }
  }

  /** The process scope has no activation step to hold: a failure there is an incident of its own. */
  private openEventSubProcessesOrIncident(scope: ElementInstanceRecord): void {
    try {
      this.openEventSubProcesses(scope);
    } catch (err) {
      this.raiseIncident(scope, `${EVENT_START_PREFIX}${scope.key}`, err);
    }
  }

  private eventSubProcessTimer(timer: TimerRecord): void {
    const scope = this.state.instances[timer.elementInstanceKey];
    const start = this.compiled.elements[timer.elementId];
    if (!scope || !start) return;
    const interrupting = start.cancelActivity !== false;
    if (!interrupting && (timer.repetitions > 1 || timer.repetitions === -1) && start.timer) {
      const repetitions = timer.repetitions === -1 ? -1 : timer.repetitions - 1;
      this.openTimer(
        timer.executionId,
        start.id,
        scope,
        start.timer,
        repetitions,
      ).startsEventSubProcess = true;
    }
    this.triggerEventSubProcess(scope, start, {});
  }

  private eventSubProcessSubscription(sub: SubscriptionRecord, variables: Variables): void {
    const scope = this.state.instances[sub.elementInstanceKey];
    const start = this.compiled.elements[sub.elementId];
    if (!scope || !start) return;
    // A non-interrupting one stays subscribed (Zeebe): it may be triggered again.
    if (!sub.interrupting) {
      this.openSubscription(sub.executionId, sub.kind, start.id, scope, false, {
        name: sub.name,
        correlationKey: sub.correlationKey,
      }).startsEventSubProcess = true;
    }
    this.triggerEventSubProcess(scope, start, variables);
  }

  /**
   * Starts an event sub-process in its scope. Interrupting (Zeebe's order): every active
   * element instance of the scope is terminated, other event sub-processes included, the
   * scope's event starts close, then the event sub-process activates.
   */
  triggerEventSubProcess(
    scope: ElementInstanceRecord,
    start: ElementMetadata,
    variables: Variables,
  ): void {
    const eventScopes = this.eventScopes;
    if (!eventScopes) throw new Error('event sub-processes need the runner');
    const eventSubProcessId = start.scopeId;
    const interrupting = start.cancelActivity !== false;
    if (interrupting) {
      scope.interrupted = true;
      for (const child of this.children(scope.key)) this.terminateRecord(child);
      this.closeEventStarts(scope);
    } else if (eventScopes.isRunning(scope, eventSubProcessId)) {
      (this.state.queuedEventTriggers ??= []).push({
        scopeKey: scope.key,
        startEventId: start.id,
        variables,
      });
      return;
    }
    this.pendingTrigger = { startEventId: start.id, variables };
    try {
      eventScopes.run(scope, eventSubProcessId);
    } finally {
      this.pendingTrigger = null;
    }
    if (interrupting) eventScopes.discardOthers(scope, eventSubProcessId);
  }

  /** What the start event of a just-triggered event sub-process completes with; null otherwise. */
  takeEventTrigger(startEventId: string): Variables | null {
    const trigger = this.pendingTrigger;
    if (trigger?.startEventId !== startEventId) return null;
    this.pendingTrigger = null;
    return trigger.variables;
  }

  /** Starts the queued non-interrupting event sub-processes whose previous instance has ended. */
  startQueuedEventSubProcesses(): void {
    const queue = this.state.queuedEventTriggers;
    if (!queue?.length || !this.eventScopes || this.ended) return;
    const waiting: typeof queue = [];
    for (const trigger of queue) {
      const scope = this.state.instances[trigger.scopeKey];
      const start = this.compiled.elements[trigger.startEventId];
      if (!scope || !start || scope.interrupted) continue;
      if (this.eventScopes.isRunning(scope, start.scopeId)) waiting.push(trigger);
      else this.triggerEventSubProcess(scope, start, trigger.variables);
    }
    this.state.queuedEventTriggers = waiting;
  }

  private closeEventStarts(scope: ElementInstanceRecord): void {
    for (const timer of Object.values(this.state.timers)) {
      if (timer.elementInstanceKey !== scope.key || !timer.startsEventSubProcess) continue;
      delete this.state.timers[timer.key];
      this.effects.timersCancelled.push({ key: timer.key, elementInstanceKey: scope.key });
    }
    for (const sub of Object.values(this.state.subscriptions)) {
      if (sub.elementInstanceKey !== scope.key || !sub.startsEventSubProcess) continue;
      delete this.state.subscriptions[sub.key];
      this.effects.subscriptionsClosed.push({
        key: sub.key,
        kind: sub.kind,
        elementInstanceKey: scope.key,
      });
    }
  }

  // ---------------------------------------------------------------- gateways

  /**
   * Chooses the outgoing flows of an exclusive (first true, else default) or inclusive
   * (all true, else default) gateway. Throws IncidentError/ExpressionError.
   */
  chooseFlows(record: ElementInstanceRecord, mode: 'exclusive' | 'inclusive'): string[] {
    const meta = this.meta(record.elementId);
    if (meta.outgoing.length === 1 && !this.compiled.flows[meta.outgoing[0]].condition)
      return [meta.outgoing[0]];
    const visible = this.variables.visible(record.key);
    const taken: string[] = [];
    for (const flowId of meta.outgoing) {
      if (flowId === meta.defaultFlow) continue;
      const condition = this.compiled.flows[flowId].condition;
      if (!condition) continue;
      const result = this.feel.evaluate(condition, visible);
      if (typeof result !== 'boolean') {
        throw new IncidentError(
          'EXTRACT_VALUE_ERROR',
          `Expected result of the expression '${condition}' to be 'BOOLEAN', but was '${describe(result)}'.${this.feel.warningsNote()}`,
        );
      }
      if (result) {
        taken.push(flowId);
        if (mode === 'exclusive') break;
      }
    }
    if (taken.length) return taken;
    if (meta.defaultFlow) return [meta.defaultFlow];
    throw new IncidentError(
      'CONDITION_ERROR',
      'Expected at least one condition to evaluate to true, or to have a default flow',
    );
  }

  // ---------------------------------------------------------------- call activities

  /** Emits the call activity effect once: the durable layer starts the child. */
  startCall(record: ElementInstanceRecord): boolean {
    if (record.callStarted) return true;
    const meta = this.meta(record.elementId);
    const called = meta.calledElement;
    if (!called) throw new Error(`element ${meta.id} has no zeebe:calledElement`);
    try {
      const visible = this.variables.visible(record.key);
      const bpmnProcessId = this.expectString(called.processId, visible, 'called process id');
      const variables = called.propagateAllParentVariables
        ? visible
        : this.variables.local(record.key);
      record.callStarted = true;
      this.announce(record);
      this.effects.callActivitiesStarted.push({
        elementInstanceKey: record.key,
        elementId: record.elementId,
        processInstanceKey: this.state.processInstanceKey,
        bpmnProcessId,
        variables,
        propagateAllChildVariables: called.propagateAllChildVariables,
      });
      return true;
    } catch (err) {
      this.raiseIncident(record, record.executionId, err);
      return false;
    }
  }

  /** The child ended: its variables come back as Zeebe passes them (all, or output mappings only). */
  completeCall(elementInstanceKey: Key, variables: Variables): void {
    const record = this.callRecord(elementInstanceKey);
    const waiter = this.waiters.get(record.executionId);
    if (!waiter?.onCallCompleted)
      throw new Error(`nothing waits for call activity ${elementInstanceKey}`);
    const meta = this.meta(record.elementId);
    const hasOutputs = (meta.ioMapping?.outputs.length ?? 0) > 0;
    const passed = meta.calledElement?.propagateAllChildVariables || hasOutputs ? variables : {};
    record.callStarted = false;
    waiter.onCallCompleted(passed);
  }

  /** The child could not be started (e.g. no such process): CALLED_ELEMENT_ERROR; retry starts it again. */
  failCall(elementInstanceKey: Key, errorMessage: string): void {
    const record = this.callRecord(elementInstanceKey);
    record.callStarted = false;
    this.raiseIncident(
      record,
      record.executionId,
      new IncidentError('CALLED_ELEMENT_ERROR', errorMessage),
      'CALLED_ELEMENT_ERROR',
    );
  }

  callRecord(elementInstanceKey: Key): ElementInstanceRecord {
    const record = this.state.instances[elementInstanceKey];
    if (!record || record.elementType !== 'CALL_ACTIVITY' || !record.callStarted) {
      throw new CommandError('NOT_FOUND', `no waiting call activity ${elementInstanceKey}`);
    }
    return record;
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
    this.effects.signalsBroadcast.push({
      signalName,
      variables,
      elementId: record.elementId,
      elementInstanceKey: record.key,
    });
  }

  evaluateString(record: ElementInstanceRecord, valueOrExpression: string, what: string): string {
    return this.expectString(valueOrExpression, this.variables.visible(record.key), what);
  }

  evaluateFeel(record: ElementInstanceRecord, expression: string): JsonValue {
    return this.feel.evaluate(expression, this.variables.visible(record.key));
  }
}

export type CommandErrorCode = 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_ARGUMENT';

/** A command the instance cannot take (Zeebe answers NOT_FOUND / INVALID_STATE). */
export class CommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** The variable an expression only reads (`=result`, `=report.text` → result), else null. */
function variableOf(expression: string | undefined): string | null {
  const match = /^=\s*([A-Za-z_][\w]*)(\.[A-Za-z_][\w]*)*\s*$/.exec(expression ?? '');
  return match ? match[1] : null;
}

const EVENT_START_PREFIX = 'event-start:';

/** The retry and dedup key of a scope's event sub-process start (not a bpmn-engine execution). */
function eventStartExecutionId(scope: ElementInstanceRecord, startEventId: string): string {
  return `${EVENT_START_PREFIX}${scope.key}:${startEventId}`;
}
