import { ElementMetadata } from '../compiled-definition';
import { Variables } from '../types';
import { OWNED_PREFIX } from './owned-instances';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';
import type { BoundaryListener, CatchKind } from './runtime-types';

/** What a non-interrupting boundary event passes to its next opening (as the library's `repeat`). */
interface Repeat {
  repetitions?: number;
  subscription?: { name: string; correlationKey: string | null };
}

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
      const interrupting = kind === 'error' || boundary.cancelActivity !== false;
      const definitionExecutionId = `${record.executionId}/${boundaryId}`;
      const open = (owner: ElementInstanceRecord, repeat?: Repeat) =>
        this.open(definitionExecutionId, boundary, kind, owner, interrupting, repeat);
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
    const interrupting = catchKind(boundary) === 'error' || boundary.cancelActivity !== false;
    // `token:<sequence id>/<boundary id>/<key>`: the instance it is attached to comes first.
    const attachedExecutionId = held.executionId.split('/')[0];
    this.core.waiters.set(held.executionId, {
      retry: () => this.complete(attachedExecutionId, held, boundary, interrupting),
    });
  }

  private open(
    definitionExecutionId: string,
    boundary: ElementMetadata,
    kind: CatchKind,
    owner: ElementInstanceRecord,
    interrupting: boolean,
    repeat: Repeat | undefined,
  ): void {
    if (kind === 'timer' && boundary.timer)
      this.core.timers.openTimer(
        definitionExecutionId,
        boundary.id,
        owner,
        boundary.timer,
        repeat?.repetitions,
      );
    else if (kind === 'message' || kind === 'signal')
      this.core.timers.openSubscription(
        definitionExecutionId,
        kind,
        boundary.id,
        owner,
        interrupting,
        repeat?.subscription,
      );
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

function catchKind(boundary: ElementMetadata): CatchKind {
  switch (boundary.eventType) {
    case 'TIMER':
      return 'timer';
    case 'MESSAGE':
      return 'message';
    case 'SIGNAL':
      return 'signal';
    case 'ERROR':
      return 'error';
    default:
      return 'escalation';
  }
}

/** A boundary event of a token's instance: `token:<sequence id>/<boundary id>/<key>`. */
export function isOwnedBoundaryEvent(record: ElementInstanceRecord): boolean {
  return (
    record.executionId.startsWith(OWNED_PREFIX.token) && record.executionId.split('/').length === 3
  );
}
