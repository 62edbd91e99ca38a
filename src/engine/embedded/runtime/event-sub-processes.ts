import { CompiledDefinition, ElementMetadata } from '../compiled-definition';
import { Variables } from '../types';
import { catchingEvent } from './catch-rule';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord, SubscriptionRecord, TimerRecord } from './runtime-state';

const startsByScope = new WeakMap<CompiledDefinition, Map<string, ElementMetadata[]>>();

/** The start events of the event sub-processes directly in a scope (a process or sub-process id). */
export function eventSubProcessStarts(
  compiled: CompiledDefinition,
  scopeId: string,
): ElementMetadata[] {
  let byScope = startsByScope.get(compiled);
  if (!byScope) {
    byScope = new Map();
    const elements = Object.values(compiled.elements);
    for (const start of elements) {
      const owner = compiled.elements[start.scopeId];
      if (start.bpmnType !== 'bpmn:StartEvent' || owner?.elementType !== 'EVENT_SUB_PROCESS')
        continue;
      byScope.set(owner.scopeId, [...(byScope.get(owner.scopeId) ?? []), start]);
    }
    startsByScope.set(compiled, byScope);
  }
  return byScope.get(scopeId) ?? [];
}

/** The element id whose event sub-processes a scope record holds (the process's is its id). */
export function scopeElementId(record: ElementInstanceRecord): string | null {
  if (record.elementType === 'PROCESS' || record.elementType === 'SUB_PROCESS')
    return record.elementId;
  return null;
}

/**
 * The start event of an event sub-process in the scope that catches an error or escalation:
 * one naming the code first, then a catch-all (Zeebe's rule, as for boundary events).
 */
export function eventSubProcessCatch(
  compiled: CompiledDefinition,
  scope: ElementInstanceRecord,
  eventType: 'ERROR' | 'ESCALATION',
  code: string,
): ElementMetadata | undefined {
  const scopeId = scopeElementId(scope);
  if (!scopeId || scope.interrupted) return undefined;
  return catchingEvent(eventSubProcessStarts(compiled, scopeId), eventType, code);
}

export const EVENT_START_PREFIX = 'event-start:';

/** The retry and dedup key of a scope's event sub-process start (not a bpmn-engine execution). */
export function eventStartExecutionId(scope: ElementInstanceRecord, startEventId: string): string {
  return `${EVENT_START_PREFIX}${scope.key}:${startEventId}`;
}

/** The runtime's side of event sub-processes: opening their starts with a scope, triggering them. */
export class EventSubProcesses {
  /** The trigger of the event sub-process being started, for its start event to complete with. */
  private pendingTrigger: { startEventId: string; variables: Variables } | null = null;

  constructor(private readonly core: RuntimeCore) {}

  /**
   * A scope opens the timers and subscriptions of its event sub-processes' start events when
   * it activates (Zeebe); error and escalation starts are found by findCatch. They close with
   * the scope. Keyed per scope and start event, so a retried activation opens nothing twice.
   */
  open(scope: ElementInstanceRecord): void {
    const scopeId = scopeElementId(scope);
    if (!scopeId) return;
    for (const start of eventSubProcessStarts(this.core.compiled, scopeId)) {
      const executionId = eventStartExecutionId(scope, start.id);
      const interrupting = start.cancelActivity !== false;
      const opened = this.core.timers.openCatch(executionId, start, scope, interrupting);
      if (opened) opened.startsEventSubProcess = true;
    }
  }

  /** The process scope has no activation step to hold: a failure there is an incident of its own. */
  openOrIncident(scope: ElementInstanceRecord): void {
    try {
      this.open(scope);
    } catch (err) {
      this.core.incidents.raise(scope, `${EVENT_START_PREFIX}${scope.key}`, err);
    }
  }

  onTimer(timer: TimerRecord): void {
    const scope = this.core.state.instances[timer.elementInstanceKey];
    const start = this.core.compiled.elements[timer.elementId];
    if (!scope || !start) return;
    const interrupting = start.cancelActivity !== false;
    if (!interrupting && (timer.repetitions > 1 || timer.repetitions === -1) && start.timer) {
      const repetitions = timer.repetitions === -1 ? -1 : timer.repetitions - 1;
      this.core.timers.openTimer(
        timer.executionId,
        start.id,
        scope,
        start.timer,
        repetitions,
      ).startsEventSubProcess = true;
    }
    this.trigger(scope, start, {});
  }

  onSubscription(sub: SubscriptionRecord, variables: Variables): void {
    const scope = this.core.state.instances[sub.elementInstanceKey];
    const start = this.core.compiled.elements[sub.elementId];
    if (!scope || !start) return;
    // A non-interrupting one stays subscribed (Zeebe): it may be triggered again.
    if (!sub.interrupting) {
      this.core.timers.openSubscription(sub.executionId, sub.kind, start.id, scope, false, {
        name: sub.name,
        correlationKey: sub.correlationKey,
      }).startsEventSubProcess = true;
    }
    this.trigger(scope, start, variables);
  }

  /**
   * Starts an event sub-process in its scope. Interrupting (Zeebe's order): every active
   * element instance of the scope is terminated, other event sub-processes included, the
   * scope's event starts close, then the event sub-process activates.
   */
  trigger(scope: ElementInstanceRecord, start: ElementMetadata, variables: Variables): void {
    const scopes = this.core.libraryScopes;
    if (!scopes) throw new Error('event sub-processes need the runner');
    const eventSubProcessId = start.scopeId;
    const interrupting = start.cancelActivity !== false;
    const tokens = interrupting ? this.core.tokens.in(scope) : [];
    if (interrupting) {
      scope.interrupted = true;
      for (const child of this.core.children(scope.key))
        this.core.termination.terminateRecord(child);
      this.closeStarts(scope);
    } else if (scopes.isRunning(scope, eventSubProcessId)) {
      (this.core.state.queuedEventTriggers ??= []).push({
        scopeKey: scope.key,
        startEventId: start.id,
        variables,
      });
      return;
    }
    this.pendingTrigger = { startEventId: start.id, variables };
    try {
      scopes.run(scope, eventSubProcessId);
    } finally {
      this.pendingTrigger = null;
    }
    if (interrupting) {
      scopes.discardOthers(scope, eventSubProcessId);
      this.core.tokens.release(scope, tokens);
    }
  }

  /** What the start event of a just-triggered event sub-process completes with; null otherwise. */
  takeTrigger(startEventId: string): Variables | null {
    const trigger = this.pendingTrigger;
    if (trigger?.startEventId !== startEventId) return null;
    this.pendingTrigger = null;
    return trigger.variables;
  }

  /** Starts the queued non-interrupting event sub-processes whose previous instance has ended. */
  startQueued(): void {
    const queue = this.core.state.queuedEventTriggers;
    if (!queue?.length || !this.core.libraryScopes || this.core.ended) return;
    const waiting: typeof queue = [];
    for (const trigger of queue) {
      const scope = this.core.state.instances[trigger.scopeKey];
      const start = this.core.compiled.elements[trigger.startEventId];
      if (!scope || !start || scope.interrupted) continue;
      if (this.core.libraryScopes.isRunning(scope, start.scopeId)) waiting.push(trigger);
      else this.trigger(scope, start, trigger.variables);
    }
    this.core.state.queuedEventTriggers = waiting;
  }

  private closeStarts(scope: ElementInstanceRecord): void {
    for (const timer of Object.values(this.core.state.timers)) {
      if (timer.elementInstanceKey !== scope.key || !timer.startsEventSubProcess) continue;
      delete this.core.state.timers[timer.key];
      this.core.effects.timersCancelled.push({ key: timer.key, elementInstanceKey: scope.key });
    }
    for (const sub of Object.values(this.core.state.subscriptions)) {
      if (sub.elementInstanceKey !== scope.key || !sub.startsEventSubProcess) continue;
      delete this.core.state.subscriptions[sub.key];
      this.core.effects.subscriptionsClosed.push({
        key: sub.key,
        kind: sub.kind,
        elementInstanceKey: scope.key,
      });
    }
  }
}
