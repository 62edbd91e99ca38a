import { ElementMetadata } from '../compiled-definition';
import { BpmnEventType, Variables } from '../types';
import { OWNED_PREFIX } from './owned-instances';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';
import type { BoundaryListener, CatchKind } from './runtime-types';
import type { CatchRepeat } from './timers-and-subscriptions';

/**
 * Boundary events of a second token's instance (concurrent-tokens.ts). bpmn-elements attaches
 * boundary events to its own execution of the element only, so for these instances the runtime
 * does what the boundary behaviours do through the library: opens the timers and subscriptions
 * when the instance activates, lets errors be caught through them (Catches.findCatch), and when
 * one triggers terminates the instance (interrupting), activates and completes the boundary event
 * and takes its outgoing flows in the library's scope.
 */
export class OwnedBoundaries {
  constructor(private readonly core: RuntimeCore) {}

  /**
   * Registers the instance's boundary events; activation opens their timers and subscriptions.
   * After a recovery the same, without opening (what is open is in the state; what a
   * non-interrupting timer used up stays closed).
   */
  attach(record: ElementInstanceRecord): void {
    const listeners: BoundaryListener[] = [];
    for (const boundaryId of this.core.meta(record.elementId).boundaries) {
      const boundary = this.core.meta(boundaryId);
      const kind = catchKind(boundary);
      const interrupting = isInterrupting(boundary);
      const definitionExecutionId = `${record.executionId}/${boundaryId}`;
      const open = (owner: ElementInstanceRecord, repeat?: CatchRepeat) =>
        this.core.timers.openCatch(definitionExecutionId, boundary, owner, interrupting, repeat);
      listeners.push({
        boundaryId,
        definitionExecutionId,
        kind,
        code: kind === 'error' ? boundary.error?.code : boundary.escalation?.code,
        interrupting,
        open: (owner) => open(owner),
        trigger: (variables) => this.trigger(record, boundary, interrupting, variables),
      });
      this.core.waiters.set(definitionExecutionId, {
        retry: () => open(record),
        onTimer: (timer) => {
          const left = timer.repetitions === -1 ? -1 : timer.repetitions - 1;
          if (!interrupting && left !== 0)
            this.reopen(record, definitionExecutionId, () => open(record, { repetitions: left }));
          this.trigger(record, boundary, interrupting, {});
        },
        onSubscription: (subscription, variables) => {
          // Zeebe keeps a non-interrupting boundary subscribed, with the same name and key.
          const { name, correlationKey } = subscription;
          if (!interrupting)
            this.reopen(record, definitionExecutionId, () =>
              open(record, { subscription: { name, correlationKey } }),
            );
          this.trigger(record, boundary, interrupting, variables);
        },
      });
    }
    if (listeners.length) this.core.boundaryListeners.set(record.executionId, listeners);
  }

  /** After a recovery: a boundary event held by an incident waits for its retry again. */
  resumeHeld(held: ElementInstanceRecord): void {
    const boundary = this.core.meta(held.elementId);
    const interrupting = isInterrupting(boundary);
    // `token:<sequence id>/<boundary id>/<key>`: the instance it is attached to comes first.
    const attachedExecutionId = held.executionId.split('/')[0];
    this.core.waiters.set(held.executionId, {
      retry: () => this.complete(attachedExecutionId, held, boundary, interrupting),
    });
  }

  /** A non-interrupting boundary event opens again for its next trigger; a failure is an incident to retry. */
  private reopen(
    record: ElementInstanceRecord,
    definitionExecutionId: string,
    open: () => void,
  ): void {
    const attempt = () => {
      try {
        open();
      } catch (err) {
        this.core.incidents.raise(record, definitionExecutionId, err);
      }
    };
    const waiter = this.core.waiters.get(definitionExecutionId);
    if (waiter) waiter.retry = attempt;
    attempt();
  }

  /** Zeebe's order: the interrupted instance terminates, then the boundary event activates and completes. */
  private trigger(
    record: ElementInstanceRecord,
    boundary: ElementMetadata,
    interrupting: boolean,
    variables: Variables,
  ): void {
    if (this.core.state.instances[record.key] !== record) return;
    // Each trigger is an element instance of its own (a non-interrupting one may trigger again).
    const event = `${record.executionId}/${boundary.id}/${this.core.nextKey()}`;
    const outcome = this.core.catches.catchBoundary(
      record.executionId,
      event,
      boundary.id,
      interrupting,
      variables,
    );
    if (outcome === 'gone') return;
    const held = this.core.recordByExecution(event);
    if (held) held.tokenFlowId = record.tokenFlowId;
    if (outcome === 'held' && held) return this.resumeHeld(held);
    this.left(record, boundary);
  }

  private complete(
    attachedExecutionId: string,
    held: ElementInstanceRecord,
    boundary: ElementMetadata,
    interrupting: boolean,
  ): void {
    const outcome = this.core.catches.catchBoundary(
      attachedExecutionId,
      held.executionId,
      boundary.id,
      interrupting,
      {},
    );
    if (outcome !== 'caught') return;
    this.core.waiters.delete(held.executionId);
    this.left(held, boundary);
  }

  /** The boundary event completed: its flows are taken in the scope. */
  private left(record: ElementInstanceRecord, boundary: ElementMetadata): void {
    const scope = record.flowScopeKey ? this.core.state.instances[record.flowScopeKey] : undefined;
    if (!scope) return;
    this.core.libraryScopes?.takeFlows(scope, boundary.id);
    this.core.tokens.settle(scope, record);
  }
}

const CATCH_KINDS: Partial<Record<BpmnEventType, CatchKind>> = {
  TIMER: 'timer',
  MESSAGE: 'message',
  SIGNAL: 'signal',
  ERROR: 'error',
};

function catchKind(boundary: ElementMetadata): CatchKind {
  return CATCH_KINDS[boundary.eventType] ?? 'escalation';
}

/** An error boundary event always interrupts (Zeebe); the others unless `cancelActivity="false"`. */
function isInterrupting(boundary: ElementMetadata): boolean {
  return boundary.eventType === 'ERROR' || boundary.cancelActivity !== false;
}

/** A boundary event of a token's instance: `token:<sequence id>/<boundary id>/<key>`. */
export function isOwnedBoundaryEvent(record: ElementInstanceRecord): boolean {
  return (
    record.executionId.startsWith(OWNED_PREFIX.token) && record.executionId.split('/').length === 3
  );
}
