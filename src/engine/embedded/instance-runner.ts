import { Engine } from 'bpmn-engine';
import { CompiledDefinition } from './compiled-definition';
import { createEngine, EngineSnapshot, engineSnapshot } from './engine-factory';
import { catchingEvent } from './runtime/catch-rule';
import { eventSubProcessCatch } from './runtime/event-sub-processes';
import { Feel } from './feel';
import { CommandError, InstanceRuntime } from './runtime/instance-runtime';
import { FormKeyResolver } from './runtime/job-spec';
import {
  ElementInstanceRecord,
  IncidentRecord,
  initialRuntimeState,
  JobRecord,
  RuntimeState,
  SubscriptionRecord,
  TimerRecord,
} from './runtime/runtime-state';
import { visibleIn } from './runtime/variable-scopes';
import { Clock, Effects, Key, KeyGenerator, Variables } from './types';

export interface RunnerOptions {
  clock: Clock;
  nextKey: KeyGenerator;
  /** zeebe:formDefinition formId → form key for the user task header; defaults to the form id itself. */
  resolveFormKey?: FormKeyResolver;
  /**
   * For a child of a call activity: whether the parent catches an error code the child
   * does not (see canCatchError). Without it, uncaught errors are incidents in the child.
   */
  canParentCatchError?: (errorCode: string) => boolean;
  /** For a child: how the parent's call activity catches an escalation code nothing in the child catches. */
  parentEscalation?: (escalationCode: string) => ParentCatch;
  /** Deterministic uuid()/random number() in FEEL, for tests. */
  uuid?: () => string;
  random?: () => number;
  /** See RuntimeOptions.maxLoopCardinality. */
  maxLoopCardinality?: number;
  /** How long one FEEL evaluation that may loop may run (feel-budget.ts). */
  feelBudgetMs?: number;
  /** See RuntimeOptions.minTimerCycleMs. */
  minTimerCycleMs?: number;
  /** See RuntimeOptions.maxStepsPerCommand. */
  maxStepsPerCommand?: number;
}

export interface StartOptions extends RunnerOptions {
  processInstanceKey: Key;
  variables?: Variables;
  /** A message, timer or signal start event the durable layer triggered; default the none start event. */
  startEventId?: string;
}

/** What the durable layer stores: plain JSON, without the model (see CompiledDefinition). */
export interface InstanceState {
  formatVersion: 1;
  runtime: RuntimeState;
  /** bpmn-engine's state without `source`; null once the instance has ended. */
  engine: EngineSnapshot | null;
}

/**
 * One process instance: commands in, effects out. Every command is synchronous and
 * returns the effects it caused; getState() can be taken between any two commands and
 * recovered into a fresh runner (a fresh bpmn-engine Engine) by InstanceRunner.recover.
 */
export class InstanceRunner {
  /** Effects a recovery produced; always empty unless the engine is inconsistent (kept for diagnosis). */
  recoveryEffects: Effects | null = null;
  /** Set by an unexpected failure: the runner refuses further commands; recover from the stored state. */
  private broken: Error | null = null;

  private constructor(
    private readonly compiled: CompiledDefinition,
    private readonly runtime: InstanceRuntime,
    private engine: Engine | null,
  ) {}

  /** Starts an instance at the none start event (or options.startEventId). */
  static async start(
    compiled: CompiledDefinition,
    bpmnProcessId: string,
    options: StartOptions,
  ): Promise<{ runner: InstanceRunner; effects: Effects }> {
    const process = compiled.processes[bpmnProcessId];
    if (!process)
      throw new CommandError('NOT_FOUND', `no process '${bpmnProcessId}' in this definition`);
    const startEventId = options.startEventId ?? process.noneStartEventId;
    if (!startEventId)
      throw new CommandError(
        'INVALID_ARGUMENT',
        `process '${bpmnProcessId}' has no none start event`,
      );
    if (!process.startEvents.some((s) => s.elementId === startEventId)) {
      throw new CommandError(
        'INVALID_ARGUMENT',
        `'${startEventId}' is not a start event of '${bpmnProcessId}'`,
      );
    }
    const state = initialRuntimeState(options.processInstanceKey, bpmnProcessId, startEventId);
    const runtime = new InstanceRuntime(compiled, state, runtimeOptions(options));
    runtime.createProcessInstance(options.variables ?? {});
    const engine = createEngine(compiled, runtime);
    const runner = new InstanceRunner(compiled, runtime, engine);
    await engine.execute();
    runner.settle();
    runner.checkEngine();
    const effects = runtime.takeEffects();
    runner.afterCommand();
    return { runner, effects };
  }

  /** A fresh runner from a stored state; produces no effects. */
  static async recover(
    compiled: CompiledDefinition,
    state: InstanceState,
    options: RunnerOptions,
  ): Promise<InstanceRunner> {
    if (state.formatVersion !== 1)
      throw new Error(`unknown instance state format ${String(state.formatVersion)}`);
    const runtimeState = copyJson(state.runtime);
    const runtime = new InstanceRuntime(compiled, runtimeState, runtimeOptions(options));
    if (runtime.ended || !state.engine) return new InstanceRunner(compiled, runtime, null);
    const engine = createEngine(compiled, runtime);
    const runner = new InstanceRunner(compiled, runtime, engine);
    engine.recover(copyJson(state.engine));
    await engine.resume();
    runtime.resumeTokens();
    runner.settle();
    runner.checkEngine();
    runner.recoveryEffects = runtime.takeEffects();
    return runner;
  }

  get processInstanceKey(): Key {
    return this.runtime.state.processInstanceKey;
  }

  get bpmnProcessId(): string {
    return this.runtime.state.bpmnProcessId;
  }

  get status(): RuntimeState['status'] {
    return this.runtime.state.status;
  }

  /** A JSON snapshot (no model source) with everything recover() needs. */
  getState(): InstanceState {
    return JSON.parse(this.getStateJson()) as InstanceState;
  }

  /** The same snapshot as JSON text: what the durable layer stores, serialised once. */
  getStateJson(): string {
    this.runtime.captureScopes();
    const snapshot: InstanceState = {
      formatVersion: 1,
      runtime: this.runtime.state,
      engine: this.engine ? engineSnapshot(this.engine) : null,
    };
    return JSON.stringify(snapshot);
  }

  // ---------------------------------------------------------------- commands

  /** Completes a job; without output mappings its variables propagate (nearest scope that has them, else root). */
  completeJob(jobKey: Key, variables: Variables = {}): Effects {
    return this.command(() => this.runtime.completeJob(jobKey, variables));
  }

  /**
   * A worker failed a job. Retries > 0: nothing moves (the durable layer re-queues, with
   * back-off). Retries ≤ 0: a JOB_NO_RETRIES incident; updateJobRetries then retryIncident.
   */
  failJob(jobKey: Key, retries: number, errorMessage = ''): Effects {
    return this.command(() => this.runtime.failJob(jobKey, retries, errorMessage));
  }

  updateJobRetries(jobKey: Key, retries: number): Effects {
    return this.command(() => this.runtime.updateJobRetries(jobKey, retries));
  }

  /**
   * A worker threw a BPMN error: a catching error boundary up the scope chain takes it;
   * otherwise the parent (canParentCatchError) or an UNHANDLED_ERROR_EVENT incident.
   */
  throwError(
    jobKey: Key,
    errorCode: string,
    errorMessage = '',
    variables: Variables = {},
  ): Effects {
    return this.command(() => {
      if (this.runtime.throwJobError(jobKey, errorCode, errorMessage, variables) === 'caught')
        return;
      if (this.runtime.canParentCatch(errorCode)) {
        this.runtime.terminateForPropagation(errorCode, errorMessage, variables);
      } else {
        this.runtime.raiseUnhandledJobError(jobKey, errorCode, errorMessage);
      }
    });
  }

  /** A published message (or broadcast signal) matched this subscription. */
  correlateMessage(subscriptionKey: Key, variables: Variables = {}): Effects {
    return this.command(() => this.runtime.correlate(subscriptionKey, variables));
  }

  /** A timer is due (the durable layer's scheduler decides when; never early). */
  triggerTimer(timerKey: Key): Effects {
    return this.command(() => this.runtime.triggerTimer(timerKey));
  }

  /** The child of a call activity completed with these (root) variables. */
  completeCallActivity(elementInstanceKey: Key, variables: Variables = {}): Effects {
    return this.command(() => this.runtime.completeCall(elementInstanceKey, variables));
  }

  /** The child could not be created (e.g. process not deployed): CALLED_ELEMENT_ERROR incident. */
  failCallActivity(elementInstanceKey: Key, errorMessage: string): Effects {
    return this.command(() => this.runtime.failCall(elementInstanceKey, errorMessage));
  }

  /** The child ended with an error this parent catches (check with canCatchError first). */
  throwErrorAtCallActivity(
    elementInstanceKey: Key,
    errorCode: string,
    variables: Variables = {},
  ): Effects {
    return this.command(() => {
      const record = this.runtime.callRecord(elementInstanceKey);
      const target = this.runtime.findCatch(record, 'error', errorCode);
      if (!target)
        throw new CommandError(
          'INVALID_STATE',
          `nothing catches error '${errorCode}' at ${elementInstanceKey}`,
        );
      record.callStarted = false;
      target.listener.trigger(variables);
    });
  }

  /**
   * The child threw an escalation this call activity catches (see parentCatch): an interrupting
   * boundary takes over (the child has ended), a non-interrupting one runs beside the call.
   */
  escalateAtCallActivity(elementInstanceKey: Key, escalationCode: string): Effects {
    return this.command(() => {
      const record = this.runtime.state.instances[elementInstanceKey];
      // The call ended meanwhile (another event took it): an escalation is not critical, it lapses.
      if (!record?.callStarted) return;
      const target = this.runtime.findCatch(record, 'escalation', escalationCode);
      if (!target) return;
      if (target.listener.interrupting) record.callStarted = false;
      target.listener.trigger({});
    });
  }

  /** Zeebe's SetVariables: local sets in that scope, else each variable goes to the nearest scope that has it (or the root). */
  setVariables(scopeKey: Key, variables: Variables, local = false): Effects {
    return this.command(() => this.runtime.setVariables(scopeKey, variables, local));
  }

  /** Resolves an incident and re-attempts what failed (expression, condition, job after updateJobRetries…). */
  retryIncident(incidentKey: Key): Effects {
    return this.command(() => this.runtime.retryIncident(incidentKey));
  }

  /** Cancels the instance: every element terminated, jobs/timers/subscriptions/child processes cancelled. */
  cancel(): Effects {
    return this.command(() => this.runtime.cancelInstance());
  }

  // ---------------------------------------------------------------- queries

  /** Variables visible from a scope (default: the process instance), as a job activation sees them. */
  getVariables(scopeKey: Key = this.processInstanceKey): Variables {
    return this.runtime.visibleVariables(scopeKey);
  }

  get jobs(): JobRecord[] {
    return Object.values(this.runtime.state.jobs).map((j) => ({ ...j }));
  }

  get timers(): TimerRecord[] {
    return Object.values(this.runtime.state.timers).map((t) => ({ ...t }));
  }

  get subscriptions(): SubscriptionRecord[] {
    return Object.values(this.runtime.state.subscriptions).map((s) => ({ ...s }));
  }

  get incidents(): IncidentRecord[] {
    return Object.values(this.runtime.state.incidents).map((i) => ({ ...i }));
  }

  get elementInstances(): ElementInstanceRecord[] {
    return Object.values(this.runtime.state.instances).map((r) => ({ ...r }));
  }

  // ---------------------------------------------------------------- internals

  private command(run: () => void): Effects {
    if (this.broken) {
      throw new EngineFailure(
        `process instance ${this.processInstanceKey}: runner unusable after an earlier failure`,
        this.broken,
      );
    }
    if (this.runtime.ended) {
      throw new CommandError(
        'INVALID_STATE',
        `process instance ${this.processInstanceKey} has ended`,
      );
    }
    try {
      run();
      this.settle();
    } catch (err) {
      this.runtime.takeEffects();
      // A rejected command changed nothing; anything else may have changed half: recover from storage.
      if (!(err instanceof CommandError))
        this.broken = err instanceof Error ? err : new Error(String(err));
      throw err;
    }
    this.checkEngine();
    const effects = this.runtime.takeEffects();
    this.afterCommand();
    return effects;
  }

  /** Lets the deferred tokens in, then the event sub-processes that waited for their last run to end. */
  private settle(): void {
    do {
      this.runtime.arrivals.drain();
      this.runtime.startQueuedEventSubProcesses();
    } while (this.runtime.arrivals.pending);
  }

  /** bpmn-engine failed underneath (a defect, not a model error): the caller must discard this runner. */
  private checkEngine(): void {
    const fatal = this.runtime.fatal;
    if (!fatal) return;
    this.broken = fatal;
    this.runtime.takeEffects();
    throw new EngineFailure(`process instance ${this.processInstanceKey}: ${fatal.message}`, fatal);
  }

  /** An ended instance needs no engine any more (its state is the runtime's alone). */
  private afterCommand(): void {
    if (this.runtime.ended && this.engine) {
      this.engine.removeAllListeners();
      this.engine = null;
    }
  }

  /** For tests and tools: the compiled definition this runner runs. */
  get definition(): CompiledDefinition {
    return this.compiled;
  }
}

/** bpmn-engine failed underneath the runtime; the instance's last stored state is still good. */
export class EngineFailure extends Error {
  constructor(
    message: string,
    override readonly cause: Error,
  ) {
    super(message);
    this.name = 'EngineFailure';
  }
}

/** The stored state stays the caller's: the runner works on its own copy. */
function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function runtimeOptions(options: RunnerOptions) {
  return {
    clock: options.clock,
    nextKey: options.nextKey,
    feel: new Feel({
      now: options.clock,
      uuid: options.uuid,
      random: options.random,
      budgetMs: options.feelBudgetMs,
    }),
    resolveFormKey: options.resolveFormKey ?? ((formId: string) => formId),
    canParentCatchError: options.canParentCatchError,
    parentEscalation: options.parentEscalation,
    maxLoopCardinality: options.maxLoopCardinality,
    minTimerCycleMs: options.minTimerCycleMs,
    maxStepsPerCommand: options.maxStepsPerCommand,
  };
}

/**
 * For the durable layer, on the parent's stored state (no engine needed): does the call
 * activity instance (or a scope above it) catch this error code with an error boundary?
 */
export function canCatchError(
  compiled: CompiledDefinition,
  state: InstanceState,
  elementInstanceKey: Key,
  errorCode: string,
): boolean {
  return parentCatch(compiled, state, elementInstanceKey, 'ERROR', errorCode) !== null;
}

/** Whether a boundary on the call activity instance (or a scope above it) catches the code, and how. */
export type ParentCatch = 'interrupting' | 'non-interrupting' | null;

export function parentCatch(
  compiled: CompiledDefinition,
  state: InstanceState,
  elementInstanceKey: Key,
  eventType: 'ERROR' | 'ESCALATION',
  code: string,
): ParentCatch {
  let record: ElementInstanceRecord | undefined = state.runtime.instances[elementInstanceKey];
  while (record) {
    // As findCatch: an event sub-process of a scope before the scope's boundary events.
    const start =
      record.key === elementInstanceKey
        ? undefined
        : eventSubProcessCatch(compiled, record, eventType, code);
    if (start) return start.cancelActivity === false ? 'non-interrupting' : 'interrupting';
    // A multi-instance inner instance's boundaries sit on its body.
    const meta = record.loopIndex === undefined ? compiled.elements[record.elementId] : undefined;
    const match = catchingEvent(
      (meta?.boundaries ?? []).map((id) => compiled.elements[id]),
      eventType,
      code,
    );
    if (match) return match.cancelActivity === false ? 'non-interrupting' : 'interrupting';
    record = record.flowScopeKey ? state.runtime.instances[record.flowScopeKey] : undefined;
  }
  return null;
}

/** Variables visible from a scope, read from a stored state (job activation without an engine). */
export function visibleVariables(state: InstanceState, scopeKey: Key): Variables {
  return visibleIn(state.runtime.scopes, scopeKey);
}
