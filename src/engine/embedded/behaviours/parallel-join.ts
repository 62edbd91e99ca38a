import * as Elements from 'bpmn-elements';
import { ActivityLike, BrokerMessage, cloneContent, runtimeOf } from './bpmn-internals';

interface InboundMessage extends BrokerMessage {
  ack(): void;
}

interface JoinActivity extends ActivityLike {
  run(message: { inbound: BrokerMessage['content'][] }): void;
  _runDiscard(message: { inbound: BrokerMessage['content'][]; discardSequence: string[] }): void;
}

type ActivityConstructor = new (
  Behaviour: unknown,
  definition: object,
  context: object,
) => JoinActivity;
const Activity = Elements.Activity as unknown as ActivityConstructor;

/**
 * A joining parallel gateway with Zeebe's rule: it activates when a token has come on every
 * incoming sequence flow, and each activation consumes one token per flow.
 *
 * bpmn-elements' join counts a discarded flow (a branch an exclusive gateway did not take)
 * as an arrival, so the join fired with a branch still running, and counts by source
 * element, so a second token on one flow was swallowed. Zeebe's join waits: a process
 * modelled that way stays active, as it does on Zeebe. Discards still travel on only when
 * every incoming flow is dead and no token waits, so that paths never entered end their
 * scope (the dead-path elimination bpmn-elements relies on to complete a process).
 *
 * The waiting tokens are the unacknowledged messages of bpmn-elements' inbound queue: the
 * maps below are rebuilt from their redelivery after a recovery or after each activation.
 */
export class ZeebeParallelJoin extends Activity {
  private readonly taken = new Map<string, InboundMessage[]>();
  private readonly dead = new Map<string, InboundMessage[]>();

  _onJoinInbound(routingKey: string, message: InboundMessage): void {
    const arrivals = routingKey === 'flow.take' ? this.taken : this.dead;
    const flowId = message.content.id;
    arrivals.set(flowId, [...(arrivals.get(flowId) ?? []), message]);

    const incoming = runtimeOf(this).meta(this.id).incoming;
    if (incoming.every((id) => this.taken.get(id)?.length)) {
      const tokens = incoming.map((id) => this.taken.get(id)![0]);
      const inbound = this.consume([...tokens, ...this.allDead()]);
      return this.run({ inbound });
    }
    if (this.taken.size === 0 && incoming.every((id) => this.dead.has(id))) {
      const dead = this.allDead();
      const discardSequence = new Set(
        dead.flatMap((m) => (m.content.discardSequence as string[] | undefined) ?? []),
      );
      this._runDiscard({ inbound: this.consume(dead), discardSequence: [...discardSequence] });
    }
  }

  private allDead(): InboundMessage[] {
    return [...this.dead.values()].flat();
  }

  /** Acknowledges what this activation uses; the rest is redelivered when the join is free. */
  private consume(messages: InboundMessage[]): BrokerMessage['content'][] {
    this.taken.clear();
    this.dead.clear();
    for (const message of messages) message.ack();
    this.broker.cancel('_run-on-inbound');
    return messages.map((m) => cloneContent(m.content));
  }
}
