import { ElementMetadata, TimerDefinition } from '../compiled-definition';
import { Key, Variables } from '../types';
import { CommandError } from './command-error';
import { describe, IncidentError } from './job-spec';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord, SubscriptionRecord, TimerRecord } from './runtime-state';
import { scheduleTimer } from './timer-schedule';

/** What a non-interrupting event passes to its next opening: repetitions left, or its subscription. */
export interface CatchRepeat {
  repetitions?: number;
  subscription?: { name: string; correlationKey: string | null };
}

/**
 * Timers and message or signal subscriptions of catch events, boundary events and event
 * sub-process starts.
 */
export class TimersAndSubscriptions {
  constructor(private readonly core: RuntimeCore) {}

  /**
   * Opens what a catching element (a catch or boundary event, a receive task, an event
   * sub-process start) waits for: its timer, or its message or signal subscription. Null for
   * the others (errors and escalations are found when thrown).
   */
  openCatch(
    executionId: string,
    element: ElementMetadata,
    owner: ElementInstanceRecord,
    interrupting: boolean,
    repeat?: CatchRepeat,
  ): TimerRecord | SubscriptionRecord | null {
    if (element.timer)
      return this.openTimer(executionId, element.id, owner, element.timer, repeat?.repetitions);
    if (element.message || element.signal) {
      return this.openSubscription(
        executionId,
        element.message ? 'message' : 'signal',
        element.id,
        owner,
        interrupting,
        repeat?.subscription,
      );
    }
    return null;
  }

  timerOf(executionId: string): TimerRecord | undefined {
    return Object.values(this.core.state.timers).find((t) => t.executionId === executionId);
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
      this.core.feel,
      timer,
      this.core.variables.visible(owner.key),
      this.core.now(),
      { repetitions, minCycleMs: this.core.options.minTimerCycleMs },
    );
    const record: TimerRecord = {
      key: this.core.nextKey(),
      elementId,
      elementInstanceKey: owner.key,
      executionId,
      dueAt: schedule.dueAt.toISOString(),
      repetitions: schedule.repetitions,
      ...(schedule.interval && { interval: schedule.interval }),
    };
    this.core.state.timers[record.key] = record;
    this.core.announce(owner);
    this.core.effects.timersCreated.push({
      key: record.key,
      elementId,
      elementInstanceKey: owner.key,
      processInstanceKey: this.core.state.processInstanceKey,
      dueAt: schedule.dueAt,
      repetitions: record.repetitions,
      ...(record.interval && { interval: record.interval }),
    });
    return record;
  }

  triggerTimer(timerKey: Key): void {
    const timer = this.core.state.timers[timerKey];
    if (!timer) throw new CommandError('NOT_FOUND', `no timer ${timerKey}`);
    if (timer.startsEventSubProcess) {
      delete this.core.state.timers[timerKey];
      return this.core.eventSubProcesses.onTimer(timer);
    }
    const waiter = this.core.waiters.get(timer.executionId);
    if (!waiter?.onTimer) throw new Error(`nothing waits for timer ${timerKey}`);
    delete this.core.state.timers[timerKey];
    waiter.onTimer(timer);
  }

  subscriptionOf(executionId: string): SubscriptionRecord | undefined {
    return Object.values(this.core.state.subscriptions).find((s) => s.executionId === executionId);
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
    const meta = this.core.meta(elementId);
    const visible = this.core.variables.visible(owner.key);
    let name: string;
    let correlationKey: string | null = null;
    if (inherited) {
      name = inherited.name;
      correlationKey = inherited.correlationKey;
    } else if (kind === 'message') {
      const message = meta.message;
      if (!message) throw new Error(`element ${elementId} has no message`);
      name = this.core.expectString(message.name, visible, 'message name');
      correlationKey = this.correlationKey(message.correlationKey ?? '', visible);
    } else {
      name = this.core.expectString(meta.signal?.name ?? '', visible, 'signal name');
    }
    const record: SubscriptionRecord = {
      key: this.core.nextKey(),
      kind,
      name,
      correlationKey,
      elementId,
      elementInstanceKey: owner.key,
      executionId,
      interrupting,
    };
    this.core.state.subscriptions[record.key] = record;
    this.core.announce(owner);
    this.core.effects.subscriptionsOpened.push({
      key: record.key,
      kind,
      name,
      correlationKey,
      elementId,
      elementInstanceKey: owner.key,
      processInstanceKey: this.core.state.processInstanceKey,
      bpmnProcessId: this.core.state.bpmnProcessId,
      interrupting,
    });
    return record;
  }

  private correlationKey(expression: string, visible: Variables): string {
    const value = this.core.feel.evaluateValue(expression, visible);
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    throw new IncidentError(
      'EXTRACT_VALUE_ERROR',
      `Failed to extract the correlation key for '${expression}': The value must be either a string or a number, but was '${describe(value)}'.${this.core.feel.warningsNote()}`,
    );
  }

  correlate(subscriptionKey: Key, variables: Variables): void {
    const sub = this.core.state.subscriptions[subscriptionKey];
    if (!sub) throw new CommandError('NOT_FOUND', `no subscription ${subscriptionKey}`);
    if (sub.startsEventSubProcess) {
      delete this.core.state.subscriptions[subscriptionKey];
      return this.core.eventSubProcesses.onSubscription(sub, variables);
    }
    const waiter = this.core.waiters.get(sub.executionId);
    if (!waiter?.onSubscription)
      throw new Error(`nothing waits for subscription ${subscriptionKey}`);
    delete this.core.state.subscriptions[subscriptionKey];
    waiter.onSubscription(sub, variables);
  }

  /** Closes what a discarded event definition had open (Zeebe closes it with its element). */
  closeForExecution(executionId: string): void {
    const timer = this.timerOf(executionId);
    if (timer) {
      delete this.core.state.timers[timer.key];
      this.core.effects.timersCancelled.push({
        key: timer.key,
        elementInstanceKey: timer.elementInstanceKey,
      });
    }
    const sub = this.subscriptionOf(executionId);
    if (sub) {
      delete this.core.state.subscriptions[sub.key];
      this.core.effects.subscriptionsClosed.push({
        key: sub.key,
        kind: sub.kind,
        elementInstanceKey: sub.elementInstanceKey,
      });
    }
  }
}
