import { SubProcessBehaviour as BpmnSubProcessBehaviour } from 'bpmn-elements/tasks';
import { ActivityLike, BrokerMessage, MessageContent } from './bpmn-internals';
import { ElementLifecycle } from './element-lifecycle';

type SubProcessState =
  { completed?: boolean; innerCompleted?: boolean; [key: string]: unknown } | undefined;

interface SubProcessInstance {
  execute(message: BrokerMessage): void;
  _completeExecution(routingKey: string, content: MessageContent): void;
  getState(): SubProcessState;
  recover(state: SubProcessState): void;
}
type SubProcessConstructor = new (activity: ActivityLike, context: object) => SubProcessInstance;

const Base = BpmnSubProcessBehaviour as unknown as SubProcessConstructor;

/**
 * Embedded sub-process: bpmn-elements runs the inner flow; the runtime adds the scope,
 * input mappings on entry and output mappings before bpmn-elements may leave it.
 */
export class ZeebeSubProcessBehaviour extends Base {
  private readonly lifecycle: ElementLifecycle;

  constructor(activity: ActivityLike, context: object) {
    super(activity, context);
    this.lifecycle = new ElementLifecycle(activity, {
      run: (message, record) => {
        this.lifecycle.runtime.announce(record);
        super.execute(message);
      },
      // Held in completion: resuming the inner flow completes it again and lands in _completeExecution.
      resumeCompletion: (message) => super.execute(message),
    });
  }

  override execute(message: BrokerMessage): void {
    this.lifecycle.execute(message);
  }

  /**
   * bpmn-elements merges this state into the activity execution's, where the inner flow's
   * `completed` would overwrite the sub-process's own: harmless while nothing stops between
   * the two, fatal to a recovery while an incident holds the completion. Renamed here.
   */
  override getState(): SubProcessState {
    const state = super.getState();
    if (!state || !('completed' in state)) return state;
    const { completed, ...rest } = state;
    return { ...rest, innerCompleted: completed };
  }

  override recover(state: SubProcessState): void {
    // Held before its inner flow started (an activation incident): there is none to recover, and
    // bpmn-elements would keep an empty one that getState then reports instead of the real one.
    if (state && !('executions' in state) && state.executionId === undefined) return;
    if (state && 'innerCompleted' in state) {
      const { innerCompleted, ...rest } = state;
      return super.recover({ ...rest, completed: innerCompleted });
    }
    super.recover(state);
  }

  override _completeExecution(routingKey: string, content: MessageContent): void {
    const record =
      routingKey === 'execute.completed'
        ? this.lifecycle.runtime.recordByExecution(content.executionId)
        : undefined;
    if (!record) return super._completeExecution(routingKey, content);
    const message: BrokerMessage = { fields: { routingKey }, content, properties: {} };
    this.lifecycle.complete(message, record, null, (result) =>
      super._completeExecution(routingKey, {
        ...content,
        ...(result.completionConditionMet && { zeebeCompletionMet: true }),
      }),
    );
  }
}
