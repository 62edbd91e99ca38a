import { ElementInstanceRecord } from '../runtime/runtime-state';
import { Variables } from '../types';
import { ActivityLike, BrokerMessage, ExecutableBehaviour } from './bpmn-internals';
import { ElementLifecycle } from './element-lifecycle';

/**
 * Job-based elements (service, send, business rule, script and user tasks, message throw
 * events): a wait state whose job the durable layer hands to workers. A script task with
 * a FEEL zeebe:script completes at once with its result variable.
 */
export class JobTaskBehaviour implements ExecutableBehaviour {
  private readonly lifecycle: ElementLifecycle;

  constructor(readonly activity: ActivityLike) {
    this.lifecycle = new ElementLifecycle(activity, {
      run: (message, record) => this.run(message, record),
    });
  }

  execute(message: BrokerMessage): void {
    this.lifecycle.execute(message);
  }

  private run(message: BrokerMessage, record: ElementInstanceRecord): void {
    const { runtime, meta } = this.lifecycle;
    const retry = () => this.lifecycle.step(record.executionId, () => this.run(message, record));
    if (meta.behaviour === 'feelScript' && meta.script) {
      let value;
      try {
        value = runtime.evaluateFeel(record, meta.script.expression);
      } catch (err) {
        runtime.raiseIncident(record, record.executionId, err);
        return this.lifecycle.hold(record.executionId, retry);
      }
      const variables: Variables = meta.script.resultVariable
        ? { [meta.script.resultVariable]: value }
        : {};
      return this.complete(message, record, variables);
    }
    if (!runtime.ensureJob(record)) return this.lifecycle.hold(record.executionId, retry);
    runtime.setWaiter(record.executionId, {
      onJobCompleted: (variables) => this.complete(message, record, variables),
    });
  }

  private complete(
    message: BrokerMessage,
    record: ElementInstanceRecord,
    variables: Variables,
  ): void {
    this.lifecycle.completeAndContinue(message, record, variables);
  }
}

/** Receive task: waits for its message; the correlation key is evaluated on entry. */
export class ReceiveTaskBehaviour implements ExecutableBehaviour {
  private readonly lifecycle: ElementLifecycle;

  constructor(readonly activity: ActivityLike) {
    this.lifecycle = new ElementLifecycle(activity, {
      run: (message, record) => this.run(message, record),
    });
  }

  execute(message: BrokerMessage): void {
    this.lifecycle.execute(message);
  }

  private run(message: BrokerMessage, record: ElementInstanceRecord): void {
    const { runtime } = this.lifecycle;
    try {
      runtime.openSubscription(record.executionId, 'message', record.elementId, record, true);
    } catch (err) {
      runtime.raiseIncident(record, record.executionId, err);
      return this.lifecycle.hold(record.executionId, () =>
        this.lifecycle.step(record.executionId, () => this.run(message, record)),
      );
    }
    runtime.setWaiter(record.executionId, {
      onSubscription: (_subscription, variables) =>
        this.lifecycle.completeAndContinue(message, record, variables),
    });
  }
}

/** Call activity: asks the durable layer to start the child, completes with the child's variables. */
export class CallActivityBehaviour implements ExecutableBehaviour {
  private readonly lifecycle: ElementLifecycle;

  constructor(readonly activity: ActivityLike) {
    this.lifecycle = new ElementLifecycle(activity, {
      run: (message, record) => this.run(message, record),
    });
  }

  execute(message: BrokerMessage): void {
    this.lifecycle.execute(message);
  }

  private run(message: BrokerMessage, record: ElementInstanceRecord): void {
    const { runtime } = this.lifecycle;
    runtime.setWaiter(record.executionId, {
      retry: () => this.lifecycle.step(record.executionId, () => this.run(message, record)),
      onCallCompleted: (variables) =>
        this.lifecycle.completeAndContinue(message, record, variables),
    });
    runtime.startCall(record);
  }
}

/** Elements Zeebe passes straight through: undefined and manual tasks, none events, parallel gateways. */
export class PassThroughBehaviour implements ExecutableBehaviour {
  private readonly lifecycle: ElementLifecycle;

  constructor(readonly activity: ActivityLike) {
    this.lifecycle = new ElementLifecycle(activity, {
      run: (message, record) => this.lifecycle.completeAndContinue(message, record, null),
    });
  }

  execute(message: BrokerMessage): void {
    this.lifecycle.execute(message);
  }
}
