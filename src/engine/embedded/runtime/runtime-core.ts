import { CompiledDefinition, ElementMetadata } from '../compiled-definition';
import { Feel } from '../feel';
import { Effects, emptyEffects, FlowEventIntent, Key, Variables } from '../types';
import { Activation } from './activation';
import { Arrivals } from './arrivals';
import { CallActivities } from './call-activities';
import { Catches } from './catches';
import { Compensation } from './compensation';
import { Completion } from './completion';
import { ConcurrentTokens } from './concurrent-tokens';
import { EventSubProcesses } from './event-sub-processes';
import { Incidents } from './incidents';
import type { BoundaryListener, LibraryScopes, RuntimeOptions, Waiter } from './runtime-types';
import { describe, IncidentError } from './job-spec';
import { Jobs } from './jobs';
import { MultiInstance } from './multi-instance';
import { OwnedBodies } from './owned-bodies';
import { OwnedBoundaries } from './owned-boundaries';
import { OwnedEventGateways } from './owned-event-gateways';
import { OwnedInstances } from './owned-instances';
import { ProcessScope } from './process-scope';
import { ElementInstanceRecord, RuntimeState } from './runtime-state';
import { StepBudget } from './step-budget';
import { Termination } from './termination';
import { TimersAndSubscriptions } from './timers-and-subscriptions';
import { VariableScopes } from './variable-scopes';

/**
 * What every concern of the runtime shares: the state, the effects of the current command,
 * the live wiring and the record helpers; and the concerns themselves, so each can reach
 * the others without importing them (only this file creates them).
 */
export class RuntimeCore {
  readonly variables: VariableScopes;
  effects: Effects = emptyEffects();
  readonly waiters = new Map<string, Waiter>();
  /** Tokens on their way to elements, let in by the runner in Zeebe's order. */
  readonly arrivals = new Arrivals();
  readonly boundaryListeners = new Map<string, BoundaryListener[]>();
  /** bpmn-engine execution id → its flow scope's execution id, from activity.enter events (run messages lack it). */
  readonly scopeOfExecution = new Map<string, string>();
  readonly feel: Feel;
  readonly budget: StepBudget;
  /** The token library's scopes (event sub-processes, concurrent tokens); set once the engine exists. */
  libraryScopes: LibraryScopes | null = null;

  readonly process = new ProcessScope(this);
  readonly activation = new Activation(this);
  readonly multiInstance = new MultiInstance(this);
  readonly completion = new Completion(this);
  readonly termination = new Termination(this);
  readonly incidents = new Incidents(this);
  readonly jobs = new Jobs(this);
  readonly catches = new Catches(this);
  readonly timers = new TimersAndSubscriptions(this);
  readonly eventSubProcesses = new EventSubProcesses(this);
  readonly calls = new CallActivities(this);
  readonly owned = new OwnedInstances(this);
  readonly ownedBoundaries = new OwnedBoundaries(this);
  readonly ownedBodies = new OwnedBodies(this);
  readonly ownedEventGateways = new OwnedEventGateways(this);
  readonly compensation = new Compensation(this);
  readonly tokens = new ConcurrentTokens(this);

  constructor(
    readonly compiled: CompiledDefinition,
    readonly state: RuntimeState,
    readonly options: RuntimeOptions,
  ) {
    this.feel = options.feel;
    this.budget = new StepBudget(options.maxStepsPerCommand);
    // States stored before this field existed.
    state.zombies ??= {};
    this.variables = new VariableScopes(state, (change) =>
      this.effects.variablesChanged.push(change),
    );
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

  emit(intent: FlowEventIntent, record: ElementInstanceRecord): void {
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

  emitFlowTaken(flowId: string, flowScopeKey: Key): void {
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

  /** Writes ELEMENT_ACTIVATED once the element's activation work succeeded. */
  announce(record: ElementInstanceRecord): void {
    if (record.announced !== false || record.hidden) return;
    delete record.announced;
    this.emit('ELEMENT_ACTIVATED', record);
  }

  recordByExecution(executionId: string): ElementInstanceRecord | undefined {
    const key = this.state.byExecution[executionId];
    return key === undefined ? undefined : this.state.instances[key];
  }

  store(record: ElementInstanceRecord): void {
    this.state.instances[record.key] = record;
    this.state.byExecution[record.executionId] = record.key;
  }

  drop(record: ElementInstanceRecord): void {
    delete this.state.instances[record.key];
    if (this.state.byExecution[record.executionId] === record.key)
      delete this.state.byExecution[record.executionId];
    this.variables.remove(record.key);
  }

  children(key: Key): ElementInstanceRecord[] {
    return Object.values(this.state.instances).filter((r) => r.flowScopeKey === key);
  }

  expectString(valueOrExpression: string, visible: Variables, what: string): string {
    const value = this.feel.evaluateValue(valueOrExpression, visible);
    if (typeof value !== 'string' || value === '') {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${valueOrExpression}' (${what}) to be a non-empty 'STRING', but was '${describe(value)}'.${this.feel.warningsNote()}`,
      );
    }
    return value;
  }
}
