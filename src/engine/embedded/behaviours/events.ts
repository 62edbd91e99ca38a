import {
  EndEventBehaviour as BpmnEndEventBehaviour,
  IntermediateCatchEventBehaviour as BpmnCatchEventBehaviour,
  IntermediateThrowEventBehaviour as BpmnThrowEventBehaviour,
} from 'bpmn-elements/events';
import { ElementInstanceRecord } from '../runtime/runtime-state';
import { ActivityLike, BrokerMessage, cloneContent, ExecutableBehaviour } from './bpmn-internals';
import { ElementLifecycle } from './element-lifecycle';

type InnerConstructor = new (activity: ActivityLike) => ExecutableBehaviour;

/**
 * Start event: only the chosen start event of the process runs (the none start event, or
 * the message/timer start the durable layer triggered); the others are discarded. Start
 * events of sub-processes always run.
 */
export class StartEventBehaviour implements ExecutableBehaviour {
  private readonly lifecycle: ElementLifecycle;

  constructor(readonly activity: ActivityLike) {
    this.lifecycle = new ElementLifecycle(activity, {
      // An event sub-process's start completes with what triggered it.
      run: (message, record) =>
        this.lifecycle.completeAndContinue(
          message,
          record,
          this.lifecycle.runtime.takeEventTrigger(record.elementId),
        ),
    });
  }

  execute(message: BrokerMessage): void {
    if (!this.lifecycle.runtime.isChosenStartEvent(this.activity.id)) {
      this.activity.broker.publish('execution', 'execute.discard', cloneContent(message.content));
      return;
    }
    this.lifecycle.execute(message);
  }
}

/**
 * Events with an event definition delegate to bpmn-elements' event behaviour (and so to
 * the embedded engine's event definitions) once the runtime activated them; none events
 * complete at once. Event-definition sub-executions go straight to the inner behaviour.
 */
abstract class DelegatingEventBehaviour implements ExecutableBehaviour {
  protected readonly lifecycle: ElementLifecycle;
  private readonly inner?: ExecutableBehaviour;

  constructor(
    readonly activity: ActivityLike,
    Inner: InnerConstructor,
  ) {
    const hasDefinitions = (activity.eventDefinitions?.length ?? 0) > 0;
    if (hasDefinitions) this.inner = new Inner(activity);
    this.lifecycle = new ElementLifecycle(activity, {
      run: (message, record) => this.run(message, record),
      ...(hasDefinitions && {
        resumeCompletion: (message: BrokerMessage) => this.inner?.execute(message),
      }),
    });
  }

  execute(message: BrokerMessage): void {
    if (message.content.isDefinitionScope && this.inner) return this.inner.execute(message);
    this.lifecycle.execute(message);
  }

  private run(message: BrokerMessage, record: ElementInstanceRecord): void {
    if (!this.inner) {
      return this.lifecycle.completeAndContinue(message, record, null);
    }
    // bpmn-elements completes it through the event definition; the runtime sees activity.end.
    // A throwing event is active now; a catching one once its timer or subscription is open.
    if (this.activity.isThrowing) this.lifecycle.runtime.announce(record);
    this.lifecycle.releaseOnLeave(record.executionId);
    this.inner.execute(message);
  }
}

export class EndEventBehaviour extends DelegatingEventBehaviour {
  constructor(activity: ActivityLike) {
    super(activity, BpmnEndEventBehaviour as unknown as InnerConstructor);
  }
}

export class ThrowEventBehaviour extends DelegatingEventBehaviour {
  constructor(activity: ActivityLike) {
    super(activity, BpmnThrowEventBehaviour as unknown as InnerConstructor);
  }
}

export class CatchEventBehaviour extends DelegatingEventBehaviour {
  constructor(activity: ActivityLike) {
    super(activity, BpmnCatchEventBehaviour as unknown as InnerConstructor);
  }
}
