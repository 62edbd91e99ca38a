import { EventBasedGatewayBehaviour as BpmnEventBasedGatewayBehaviour } from 'bpmn-elements/gateways';
import { ElementInstanceRecord } from '../runtime/runtime-state';
import { ActivityLike, BrokerMessage, ExecutableBehaviour } from './bpmn-internals';
import { ElementLifecycle } from './element-lifecycle';

/**
 * Exclusive and inclusive gateways: the runtime evaluates the FEEL conditions (an error or
 * no matching flow without default is an incident, and the gateway waits); bpmn-engine is
 * told which flows to take. Inclusive joins run as bpmn-elements' parallel join over
 * dead-path elimination, which waits for every branch that can still arrive.
 */
abstract class ConditionalGatewayBehaviour implements ExecutableBehaviour {
  private readonly lifecycle: ElementLifecycle;

  constructor(
    readonly activity: ActivityLike,
    private readonly mode: 'exclusive' | 'inclusive',
  ) {
    this.lifecycle = new ElementLifecycle(activity, {
      run: (message, record) => this.run(message, record),
    });
  }

  execute(message: BrokerMessage): void {
    this.lifecycle.execute(message);
  }

  private run(message: BrokerMessage, record: ElementInstanceRecord): void {
    const { runtime, meta } = this.lifecycle;
    let taken: string[];
    try {
      taken = runtime.chooseFlows(record, this.mode);
    } catch (err) {
      runtime.raiseIncident(record, record.executionId, err);
      return this.lifecycle.hold(record.executionId, () =>
        this.lifecycle.step(record.executionId, () => this.run(message, record)),
      );
    }
    runtime.announce(record);
    const outbound = meta.outgoing.map((id) => ({
      id,
      action: taken.includes(id) ? 'take' : 'discard',
    }));
    this.lifecycle.complete(message, record, null, () =>
      this.lifecycle.publishCompleted(message, { outbound }),
    );
  }
}

export class ExclusiveGatewayBehaviour extends ConditionalGatewayBehaviour {
  constructor(activity: ActivityLike) {
    super(activity, 'exclusive');
  }
}

export class InclusiveGatewayBehaviour extends ConditionalGatewayBehaviour {
  constructor(activity: ActivityLike) {
    super(activity, 'inclusive');
  }
}

interface EventBasedInstance {
  execute(message: BrokerMessage): void;
}
const EventBasedBase = BpmnEventBasedGatewayBehaviour as unknown as new (
  activity: ActivityLike,
  context: object,
) => EventBasedInstance;

/**
 * Event-based gateway: bpmn-elements runs the targets at once and completes the gateway
 * with the first; the runtime keeps Zeebe's view (the gateway owns the subscriptions and
 * completes, then the triggered event activates).
 */
export class EventBasedGatewayBehaviour extends EventBasedBase {
  private readonly lifecycle: ElementLifecycle;

  constructor(activity: ActivityLike, context: object) {
    super(activity, context);
    this.lifecycle = new ElementLifecycle(activity, {
      run: (message, record) => {
        this.lifecycle.runtime.announce(record);
        this.lifecycle.releaseOnLeave(record.executionId);
        super.execute(message);
      },
    });
  }

  override execute(message: BrokerMessage): void {
    this.lifecycle.execute(message);
  }
}
