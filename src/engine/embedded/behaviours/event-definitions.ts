import { ElementMetadata } from '../compiled-definition';
import { CatchKind, InstanceRuntime } from '../runtime/instance-runtime';
import { IncidentError } from '../runtime/job-spec';
import { ElementInstanceRecord } from '../runtime/runtime-state';
import { Variables } from '../types';
import {
  ActivityLike,
  Broker,
  BrokerMessage,
  cloneContent,
  EventDefinitionLike,
  offApi,
  onApi,
  runtimeOf,
} from './bpmn-internals';

const API_TAG = '_zeebe-definition';

/** Carried by bpmn-elements' boundary restart (`repeat`) to the next run of a non-interrupting boundary event. */
interface Repeat {
  repetitions?: number;
  subscription?: { name: string; correlationKey: string | null };
}

interface DefinitionShape {
  type?: string;
}

/**
 * Base of the embedded engine's event definitions. bpmn-elements gives each definition an
 * execution under the event's; the runtime does Zeebe's part (timers, subscriptions,
 * catch lookup, variables) and the definition tells bpmn-elements when to go on.
 */
abstract class EventDefinitionBase implements EventDefinitionLike {
  readonly type: string;
  protected readonly runtime: InstanceRuntime;
  protected readonly meta: ElementMetadata;
  protected readonly broker: Broker;

  constructor(
    readonly activity: ActivityLike,
    eventDefinition: DefinitionShape,
  ) {
    this.type = eventDefinition.type ?? 'EventDefinition';
    this.runtime = runtimeOf(activity);
    this.meta = this.runtime.meta(activity.id);
    this.broker = activity.broker;
  }

  abstract execute(message: BrokerMessage): void;

  /** Listens for discard/stop of this definition's execution; closes what it had open. */
  protected listen(message: BrokerMessage, onEnd?: () => void): void {
    const { executionId } = message.content;
    onApi(this.broker, executionId, API_TAG, (type) => {
      if (type !== 'discard' && type !== 'stop') return;
      this.release(executionId);
      this.runtime.closeForExecution(executionId);
      onEnd?.();
      if (type === 'discard')
        this.broker.publish('execution', 'execute.discard', cloneContent(message.content));
    });
  }

  protected release(executionId: string): void {
    offApi(this.broker, executionId, API_TAG);
    this.runtime.clearWaiter(executionId);
  }

  protected hold(retryKey: string, retry: () => void): void {
    this.runtime.setWaiter(retryKey, { retry });
  }

  /** The event's own element instance (intermediate throw/catch, end event). */
  protected eventRecord(message: BrokerMessage): ElementInstanceRecord | undefined {
    return this.runtime.recordByExecution(message.content.parent?.executionId ?? '');
  }

  protected publishCompleted(message: BrokerMessage, extra: object = {}): void {
    this.broker.publish('execution', 'execute.completed', cloneContent(message.content, extra));
  }
}

/**
 * Catching definitions (timer, message, signal, error, escalation) on boundary events,
 * intermediate catch events and event-based gateway targets.
 */
abstract class CatchDefinition extends EventDefinitionBase {
  protected abstract readonly kind: CatchKind;

  /** Opens the timer or subscription for its owner; error and escalation have nothing to open. */
  protected open?(
    executionId: string,
    owner: ElementInstanceRecord,
    repeat: Repeat | undefined,
  ): void;

  execute(message: BrokerMessage): void {
    if (this.activity.isThrowing) return this.executeThrow(message);
    if (this.activity.attachedTo) this.executeBoundary(message);
    else this.executeIntermediate(message);
  }

  protected executeThrow(_message: BrokerMessage): void {
    throw new Error(`${this.type} cannot be thrown by ${this.activity.id}`);
  }

  // ---------------------------------------------------------------- boundary events

  private executeBoundary(message: BrokerMessage): void {
    const { executionId, parent, inbound } = message.content;
    const attachedExecutionId = inbound?.[0]?.executionId ?? '';
    const boundaryExecutionId = parent?.executionId ?? '';
    const interrupting = this.kind === 'error' || this.meta.cancelActivity !== false;
    const repeat = readRepeat(inbound?.[0]?.repeat);
    this.listen(message, () => this.runtime.unregisterBoundary(attachedExecutionId, executionId));

    // Recovered while an incident holds the boundary's completion.
    if (this.runtime.recordByExecution(boundaryExecutionId)) {
      return this.hold(boundaryExecutionId, () =>
        this.caughtBoundary(message, attachedExecutionId, interrupting, null, undefined),
      );
    }

    const open = this.open?.bind(this);
    const reopen = () => {
      const attached = this.runtime.recordByExecution(attachedExecutionId);
      if (!attached || !open) return;
      try {
        open(executionId, attached, repeat);
      } catch (err) {
        this.runtime.raiseIncident(attached, executionId, err);
      }
    };
    this.runtime.setWaiter(executionId, {
      retry: reopen,
      onTimer: (timer) => {
        const next =
          !interrupting && (timer.repetitions > 1 || timer.repetitions === -1)
            ? { repetitions: timer.repetitions === -1 ? -1 : timer.repetitions - 1 }
            : undefined;
        this.caughtBoundary(message, attachedExecutionId, interrupting, {}, next);
      },
      onSubscription: (subscription, variables) => {
        // Zeebe keeps a non-interrupting boundary subscribed: the next run inherits name and key.
        const next = interrupting
          ? undefined
          : {
              subscription: {
                name: subscription.name,
                correlationKey: subscription.correlationKey,
              },
            };
        this.caughtBoundary(message, attachedExecutionId, interrupting, variables, next);
      },
    });
    this.runtime.registerBoundary(attachedExecutionId, {
      boundaryId: this.activity.id,
      definitionExecutionId: executionId,
      kind: this.kind,
      code: this.catchCode(),
      interrupting,
      ...(open && {
        open: (attached: ElementInstanceRecord) => open(executionId, attached, repeat),
      }),
      trigger: (variables) =>
        this.caughtBoundary(message, attachedExecutionId, interrupting, variables, undefined),
    });
  }

  protected catchCode(): string | undefined {
    return undefined;
  }

  private caughtBoundary(
    message: BrokerMessage,
    attachedExecutionId: string,
    interrupting: boolean,
    variables: Variables | null,
    next: Repeat | undefined,
  ): void {
    const { executionId, parent } = message.content;
    const boundaryExecutionId = parent?.executionId ?? '';
    this.runtime.unregisterBoundary(attachedExecutionId, executionId);
    const outcome = this.runtime.catchBoundary(
      attachedExecutionId,
      boundaryExecutionId,
      this.activity.id,
      interrupting,
      variables ?? {},
    );
    if (outcome === 'gone') return;
    if (outcome === 'held') {
      return this.hold(boundaryExecutionId, () =>
        this.caughtBoundary(message, attachedExecutionId, interrupting, null, next),
      );
    }
    this.release(executionId);
    this.runtime.clearWaiter(boundaryExecutionId);
    if (next)
      this.broker.publish(
        'execution',
        'execute.repeat',
        cloneContent(message.content, { repeat: next }),
      );
    this.publishCompleted(message, {
      output: variables ?? {},
      cancelActivity: interrupting,
      state: 'catch',
    });
  }

  // ---------------------------------------------------------------- intermediate catch events

  private executeIntermediate(message: BrokerMessage): void {
    const { executionId } = message.content;
    const record = this.eventRecord(message);
    if (!record) return;
    this.listen(message);
    if (record.phase === 'COMPLETING') {
      return this.hold(record.executionId, () => this.caughtIntermediate(message, record, null));
    }
    const owner = record.hidden ? (this.runtime.eventBasedGatewayOf(record) ?? record) : record;
    const attempt = () => {
      if (!this.open) return;
      try {
        this.open(executionId, owner, undefined);
      } catch (err) {
        this.runtime.raiseIncident(owner, executionId, err);
      }
    };
    this.runtime.setWaiter(executionId, {
      retry: attempt,
      onTimer: () => this.caughtIntermediate(message, record, {}),
      onSubscription: (_subscription, variables) =>
        this.caughtIntermediate(message, record, variables),
    });
    if (!this.runtime.openIncident(executionId)) attempt();
  }

  private caughtIntermediate(
    message: BrokerMessage,
    record: ElementInstanceRecord,
    variables: Variables | null,
  ): void {
    const result = this.runtime.catchIntermediate(record, variables);
    if (!result)
      return this.hold(record.executionId, () => this.caughtIntermediate(message, record, null));
    this.release(message.content.executionId);
    this.runtime.clearWaiter(record.executionId);
    this.publishCompleted(message, { output: variables ?? {}, state: 'catch' });
  }
}

export class TimerEventDefinition extends CatchDefinition {
  protected readonly kind = 'timer' as const;

  protected override open(
    executionId: string,
    owner: ElementInstanceRecord,
    repeat: Repeat | undefined,
  ): void {
    if (!this.meta.timer)
      throw new IncidentError('UNKNOWN', `element '${this.meta.id}' has no timer`);
    this.runtime.openTimer(
      executionId,
      this.activity.id,
      owner,
      this.meta.timer,
      repeat?.repetitions,
    );
  }
}

export class MessageEventDefinition extends CatchDefinition {
  protected readonly kind = 'message' as const;

  protected override open(
    executionId: string,
    owner: ElementInstanceRecord,
    repeat: Repeat | undefined,
  ): void {
    const interrupting = this.meta.cancelActivity !== false;
    this.runtime.openSubscription(
      executionId,
      'message',
      this.activity.id,
      owner,
      interrupting,
      repeat?.subscription,
    );
  }
}

export class SignalEventDefinition extends CatchDefinition {
  protected readonly kind = 'signal' as const;

  protected override open(
    executionId: string,
    owner: ElementInstanceRecord,
    repeat: Repeat | undefined,
  ): void {
    const interrupting = this.meta.cancelActivity !== false;
    this.runtime.openSubscription(
      executionId,
      'signal',
      this.activity.id,
      owner,
      interrupting,
      repeat?.subscription,
    );
  }

  /** Signal throw: broadcast (an effect) with the event's local variables, then go on. */
  protected override executeThrow(message: BrokerMessage): void {
    const record = this.eventRecord(message);
    if (!record) return;
    this.listen(message);
    const attempt = () => {
      let name: string;
      try {
        name = this.runtime.evaluateString(record, this.meta.signal?.name ?? '', 'signal name');
      } catch (err) {
        this.runtime.raiseIncident(record, message.content.executionId, err);
        return this.hold(message.content.executionId, attempt);
      }
      this.runtime.broadcastSignal(record, name, this.runtime.variables.local(record.key));
      this.release(message.content.executionId);
      this.publishCompleted(message);
    };
    if (this.runtime.openIncident(message.content.executionId))
      return this.hold(message.content.executionId, attempt);
    attempt();
  }
}

export class ErrorEventDefinition extends CatchDefinition {
  protected readonly kind = 'error' as const;

  protected override catchCode(): string | undefined {
    return this.meta.error?.code;
  }

  /** Error end event: caught up the scope chain, propagated to a parent, or an incident. */
  protected override executeThrow(message: BrokerMessage): void {
    const record = this.eventRecord(message);
    if (!record) return;
    const { executionId } = message.content;
    this.listen(message);
    const attempt = () => {
      let code: string;
      try {
        code = this.runtime.evaluateString(record, this.meta.error?.code ?? '', 'error code');
      } catch (err) {
        this.runtime.raiseIncident(record, executionId, err);
        return this.hold(executionId, attempt);
      }
      // The end event waits: the catching boundary terminates its scope, and it with it.
      if (this.runtime.throwElementError(record, code) === 'uncaught') {
        const text = `Expected to throw an error event with the code '${code}', but it was not caught. No error events are available in the scope.`;
        this.runtime.raiseIncident(
          record,
          executionId,
          new IncidentError('UNHANDLED_ERROR_EVENT', text),
        );
        this.hold(executionId, attempt);
      }
    };
    if (this.runtime.openIncident(executionId)) return this.hold(executionId, attempt);
    attempt();
  }
}

export class EscalationEventDefinition extends CatchDefinition {
  protected readonly kind = 'escalation' as const;

  protected override catchCode(): string | undefined {
    return this.meta.escalation?.code;
  }

  /** Escalation throw: a catching boundary is triggered; uncaught escalations just go on (Zeebe). */
  protected override executeThrow(message: BrokerMessage): void {
    const record = this.eventRecord(message);
    if (!record) return;
    const { executionId } = message.content;
    this.listen(message);
    const attempt = () => {
      let code: string;
      try {
        code = this.runtime.evaluateString(
          record,
          this.meta.escalation?.code ?? '',
          'escalation code',
        );
      } catch (err) {
        this.runtime.raiseIncident(record, executionId, err);
        return this.hold(executionId, attempt);
      }
      const target = this.runtime.findCatch(record, 'escalation', code);
      if (target?.listener.interrupting) {
        target.listener.trigger({});
        return; // terminated with the scope the boundary interrupts
      }
      // Nothing here catches it: the parent's call activity may (Zeebe).
      if (!target && this.runtime.escalateToParent(code) === 'ended') return;
      this.release(executionId);
      target?.listener.trigger({});
      this.publishCompleted(message);
    };
    if (this.runtime.openIncident(executionId)) return this.hold(executionId, attempt);
    attempt();
  }
}

/**
 * Compensation throw (intermediate or end event): the runtime invokes the handlers of the
 * completed activities of the event's scope; the event waits until they have completed.
 */
export class CompensateEventDefinition extends EventDefinitionBase {
  execute(message: BrokerMessage): void {
    const record = this.eventRecord(message);
    if (!record) return;
    const { executionId } = message.content;
    this.listen(message);
    const done = () => {
      this.release(executionId);
      this.publishCompleted(message);
    };
    this.runtime.setWaiter(executionId, { onCompensated: done });
    const waits =
      this.runtime.resumeCompensation(record, executionId) ||
      this.runtime.compensate(record, executionId);
    if (!waits) done();
  }
}

function readRepeat(value: unknown): Repeat | undefined {
  return value && typeof value === 'object' ? (value as Repeat) : undefined;
}
