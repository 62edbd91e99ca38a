import { Variables } from '../types';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';

/**
 * The event-based gateway a second token makes of one still waiting (concurrent-tokens.ts):
 * bpmn-elements runs the events after its own gateway, so this one's timers and subscriptions
 * are the runtime's, owned by the gateway instance; the event that triggers becomes an owned
 * instance (owned-instances.ts) that completes at once.
 */
export class OwnedEventGateways {
  constructor(private readonly core: RuntimeCore) {}

  run(gateway: ElementInstanceRecord): void {
    this.core.announce(gateway);
    this.awaitTargets(gateway);
    this.openTargets(gateway);
  }

  /** After a recovery: what is open is in the state; the gateway waits for it again. */
  resume(gateway: ElementInstanceRecord): void {
    this.awaitTargets(gateway);
  }

  /** A timer or subscription per event after the gateway, owned by it. */
  private awaitTargets(gateway: ElementInstanceRecord): void {
    this.core.waiters.set(gateway.executionId, { retry: () => this.openTargets(gateway) });
    for (const [flowId, target] of this.targetsOf(gateway)) {
      this.core.waiters.set(targetExecutionId(gateway, target), {
        onTimer: () => this.targetTriggered(gateway, flowId, target, {}),
        onSubscription: (_subscription, variables) =>
          this.targetTriggered(gateway, flowId, target, variables),
      });
    }
  }

  private openTargets(gateway: ElementInstanceRecord): void {
    try {
      for (const [, target] of this.targetsOf(gateway)) {
        const meta = this.core.meta(target);
        this.core.timers.openCatch(targetExecutionId(gateway, target), meta, gateway, true);
      }
    } catch (err) {
      // All or none: the retry opens them again.
      this.core.termination.closeOwned(gateway, false);
      this.core.incidents.raise(gateway, gateway.executionId, err);
    }
  }

  /**
   * Zeebe's order, as for bpmn-elements' gateway (catches.ts): the gateway completes and closes
   * the other events' timers and subscriptions, its flow to the event is taken, then the event
   * activates and completes with what it caught.
   */
  private targetTriggered(
    gateway: ElementInstanceRecord,
    flowId: string,
    target: string,
    variables: Variables,
  ): void {
    const scopeKey = gateway.flowScopeKey!;
    this.core.termination.closeOwned(gateway, false);
    for (const [, other] of this.targetsOf(gateway))
      this.core.waiters.delete(targetExecutionId(gateway, other));
    this.core.waiters.delete(gateway.executionId);
    this.core.emit('ELEMENT_COMPLETED', gateway);
    this.core.drop(gateway);
    this.core.emitFlowTaken(flowId, scopeKey);
    const event = this.core.owned.create(target, scopeKey, () =>
      targetExecutionId(gateway, target),
    );
    event.tokenFlowId = gateway.tokenFlowId;
    event.phase = 'ACTIVATED';
    this.core.emit('ELEMENT_ACTIVATED', event);
    this.core.owned.complete(event, variables);
  }

  /** The gateway's outgoing flows and the event each leads to. */
  private targetsOf(gateway: ElementInstanceRecord): Array<[string, string]> {
    return this.core
      .meta(gateway.elementId)
      .outgoing.map((flowId) => [flowId, this.core.compiled.flows[flowId].targetId]);
  }
}

/** The execution id of an event after an event-based gateway the runtime runs: its timer or subscription, then its instance. */
function targetExecutionId(gateway: ElementInstanceRecord, target: string): string {
  return `${gateway.executionId}/@${target}`;
}
