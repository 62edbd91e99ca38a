import { ElementMetadata } from '../compiled-definition';
import { CompletionResult, InstanceRuntime } from '../runtime/instance-runtime';
import { ElementInstanceRecord } from '../runtime/runtime-state';
import { Variables } from '../types';
import {
  ActivityLike,
  BrokerMessage,
  cloneContent,
  LoopBehaviour,
  offApi,
  onApi,
  runtimeOf,
} from './bpmn-internals';

const API_TAG = '_zeebe-element';
const BODY_API_TAG = '_zeebe-body';

export interface LifecycleHooks {
  /** The element's own work once activated: create the job, evaluate conditions, run the sub-process… */
  run(message: BrokerMessage, record: ElementInstanceRecord): void;
  /** Optional: the element was discarded or stopped by bpmn-engine. */
  onTerminated?(message: BrokerMessage): void;
  /**
   * Optional: recovered while an incident holds the completion. By default the lifecycle
   * waits and publishes execute.completed on retry; elements whose completion comes from
   * bpmn-elements (sub-process, events) resume that instead and hold where it lands.
   */
  resumeCompletion?(message: BrokerMessage, record: ElementInstanceRecord): void;
}

/**
 * The Zeebe lifecycle every behaviour shares: multi-instance body, activation (input
 * mappings, boundary events), holding on incidents until retryIncident, completion
 * (output mappings) and termination. Behaviours supply only their own work.
 */
export class ElementLifecycle {
  readonly runtime: InstanceRuntime;
  readonly meta: ElementMetadata;
  private readonly loop?: LoopBehaviour;

  constructor(
    readonly activity: ActivityLike,
    private readonly hooks: LifecycleHooks,
  ) {
    this.runtime = runtimeOf(activity);
    this.meta = this.runtime.meta(activity.id);
    const loop = activity.behaviour.loopCharacteristics;
    if (loop && this.meta.loop) this.loop = new loop.Behaviour(activity, loop);
  }

  get broker() {
    return this.activity.broker;
  }

  execute(message: BrokerMessage): void {
    if (message.content.isRootScope && this.loop) this.executeBody(message);
    else this.executeInstance(message);
  }

  // ---------------------------------------------------------------- multi-instance body

  private executeBody(message: BrokerMessage): void {
    const { executionId, parent } = message.content;
    onApi(this.broker, executionId, BODY_API_TAG, (type) => {
      if (type !== 'discard' && type !== 'stop') return;
      offApi(this.broker, executionId, BODY_API_TAG);
      this.runtime.clearWaiter(executionId);
      this.runtime.terminate(executionId);
    });
    this.releaseOnLeave(executionId, BODY_API_TAG);
    const record = this.runtime.enter({
      executionId,
      elementId: this.activity.id,
      // Run messages carry the flow scope's id but not its execution id: the runtime knows it.
      parentExecutionId: parent?.executionId ?? '',
      isBody: true,
    });
    // Already terminated by the runtime (interrupted): it only waits for bpmn-engine's discard.
    if (record) this.proceedBody(message, record);
  }

  private proceedBody(message: BrokerMessage, record: ElementInstanceRecord): void {
    if (record.phase === 'ACTIVATING') {
      return this.hold(record.executionId, () => {
        this.runtime.retryActivation(record);
        this.proceedBody(firstRun(message), record);
      });
    }
    this.runtime.announce(record);
    // bpmn-elements' loop reads the cardinality from the message (see compile.ts).
    const content = cloneContent(message.content, {
      zeebeCardinality: this.runtime.cardinality(record),
    });
    this.loop?.execute({ ...message, content });
  }

  // ---------------------------------------------------------------- element instance

  private executeInstance(message: BrokerMessage): void {
    const { executionId, parent, isMultiInstance, isRootScope, index } = message.content;
    onApi(this.broker, executionId, API_TAG, (type) => {
      if (type === 'discard') this.terminated(message, true);
      else if (type === 'stop') this.terminated(message, false);
    });
    const record = this.runtime.enter({
      executionId,
      elementId: this.activity.id,
      parentExecutionId: parent?.executionId ?? '',
      ...(isMultiInstance && !isRootScope && typeof index === 'number' && { loopIndex: index }),
    });
    // Already terminated by the runtime (interrupted): it only waits for bpmn-engine's discard.
    if (record) this.proceed(message, record);
  }

  /** Continues from the record's phase: what a fresh activation and a recovery have in common. */
  proceed(message: BrokerMessage, record: ElementInstanceRecord): void {
    switch (record.phase) {
      case 'ACTIVATING':
        return this.hold(record.executionId, () => {
          this.runtime.retryActivation(record);
          this.proceed(firstRun(message), record);
        });
      case 'ACTIVATED':
        return this.step(record.executionId, () => this.hooks.run(message, record));
      case 'COMPLETING':
        if (this.hooks.resumeCompletion) return this.hooks.resumeCompletion(message, record);
        return this.hold(record.executionId, () =>
          this.completeAndContinue(message, record, undefined),
        );
    }
  }

  /**
   * Runs a step unless an incident holds this execution: then it waits for retryIncident
   * (re-attempting by itself would raise the same incident twice, e.g. after recovery).
   */
  step(retryKey: string, attempt: () => void): void {
    if (this.runtime.openIncident(retryKey)) return this.hold(retryKey, attempt);
    try {
      attempt();
    } catch (err) {
      // An unexpected failure becomes an UNKNOWN incident the operator sees, not a dead instance.
      const record = this.runtime.recordByExecution(retryKey);
      if (!record) throw err;
      this.runtime.raiseIncident(record, retryKey, err, 'UNKNOWN');
      this.hold(retryKey, attempt);
    }
  }

  hold(retryKey: string, retry: () => void): void {
    this.runtime.setWaiter(retryKey, { retry });
  }

  /**
   * Completes the element (output mappings, multi-instance output) and lets bpmn-engine
   * continue through `publish`; on an incident it holds and retries the completion.
   */
  complete(
    message: BrokerMessage,
    record: ElementInstanceRecord,
    variables: Variables | null | undefined,
    publish: (result: CompletionResult) => void,
  ): void {
    const executionId = record.executionId;
    if (this.runtime.openIncident(executionId)) {
      return this.hold(executionId, () => this.complete(message, record, undefined, publish));
    }
    const result = this.runtime.complete(record, variables);
    if (!result)
      return this.hold(executionId, () => this.complete(message, record, undefined, publish));
    this.release(executionId);
    publish(result);
  }

  /** The usual completion: complete, then let bpmn-engine continue with execute.completed. */
  completeAndContinue(
    message: BrokerMessage,
    record: ElementInstanceRecord,
    variables: Variables | null | undefined,
  ): void {
    this.complete(message, record, variables, (result) =>
      this.publishCompleted(message, {}, result),
    );
  }

  /** Default completion: bpmn-engine's execute.completed, flagged for the multi-instance loop. */
  publishCompleted(message: BrokerMessage, extra: object = {}, result?: CompletionResult): void {
    this.broker.publish(
      'execution',
      'execute.completed',
      cloneContent(message.content, {
        ...extra,
        ...(result?.completionConditionMet && { zeebeCompletionMet: true }),
      }),
    );
  }

  /** Elements bpmn-elements completes by itself (body, events, event-based gateway) drop their API listener when they leave. */
  releaseOnLeave(executionId: string, tag: string = API_TAG): void {
    const consumerTag = `_zeebe-leave-${executionId}`;
    this.broker.cancel(consumerTag);
    this.broker.subscribeTmp(
      'event',
      'activity.leave',
      (_routingKey, message) => {
        if (message.content.executionId !== executionId) return;
        offApi(this.broker, executionId, tag);
        this.broker.cancel(consumerTag);
      },
      { noAck: true, consumerTag },
    );
  }

  release(executionId: string): void {
    offApi(this.broker, executionId, API_TAG);
    this.runtime.clearWaiter(executionId);
  }

  private terminated(message: BrokerMessage, discarded: boolean): void {
    const { executionId } = message.content;
    this.release(executionId);
    this.runtime.terminate(executionId);
    this.hooks.onTerminated?.(message);
    if (discarded)
      this.broker.publish('execution', 'execute.discard', cloneContent(message.content));
  }
}

/**
 * An element held before bpmn-elements ran its part may be retried after a recovery: its
 * execute message is then marked redelivered, yet bpmn-elements must start, not resume.
 */
function firstRun(message: BrokerMessage): BrokerMessage {
  if (!message.fields.redelivered) return message;
  const content = { ...message.content };
  delete content.isRecovered;
  return { ...message, fields: { ...message.fields, redelivered: false }, content };
}
