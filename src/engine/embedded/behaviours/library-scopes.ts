import { SubProcessBehaviour as BpmnSubProcessBehaviour } from 'bpmn-elements/tasks';
import { Engine } from 'bpmn-engine';
import { InstanceRuntime, LibraryScopes } from '../runtime/instance-runtime';
import { ElementInstanceRecord } from '../runtime/runtime-state';
import { JsonValue } from '../types';
import { Broker, BrokerMessage } from './bpmn-internals';

/** The slice of bpmn-elements' process and sub-process executions used here. */
interface ScopeFlow {
  id: string;
  broker: Broker;
  createMessage(): object;
}
interface ScopeExecution {
  executionId: string;
  getSequenceFlows(): ScopeFlow[];
  getActivityById(id: string): ScopeActivity | undefined;
  getPostponed(): Array<{ id: string; discard(): void }>;
}
/** A sub-process instance's inner flow (bpmn-elements' ProcessExecution). */
interface InnerFlow extends ScopeExecution {
  completed: boolean;
  environment: { getState(): JsonValue };
  execute(message: BrokerMessage): void;
  discard(): void;
  getState(): { [key: string]: JsonValue };
}
/** bpmn-elements' sub-process behaviour, used only to build and recover an inner flow. */
interface InnerFlowBuilder {
  _upsertExecution(message: BrokerMessage): InnerFlow;
  recover(state: JsonValue): InnerFlow;
}
const InnerFlows = BpmnSubProcessBehaviour as unknown as new (
  activity: ScopeActivity,
  context: object,
) => InnerFlowBuilder;

interface ScopeActivity {
  id: string;
  type: string;
  broker: Broker;
  context: object;
  parent: { id: string; type?: string };
  outbound: Array<{ id: string; take(content: object): void }>;
  isRunning: boolean;
  run(): void;
  execution?: { source?: { _getExecutionById?(executionId: string): ScopeExecution | undefined } };
}
interface EngineInternals {
  execution?: {
    definitions: Array<{ getRunningProcesses(): Array<{ execution?: ScopeExecution }> }>;
  } | null;
}

/**
 * The runtime's requests to bpmn-elements' scopes (runtime/runtime-types.ts, LibraryScopes):
 * here the scope's execution is found and told. Event sub-processes: it keeps a
 * triggered-by-event sub-process among a scope's children but runs it only when told.
 */
export class BpmnLibraryScopes implements LibraryScopes {
  /** The inner flows of sub-process instances the runtime runs (second tokens), by execution id. */
  private readonly innerFlows = new Map<string, InnerFlow>();

  constructor(
    private readonly engine: Engine,
    private readonly runtime: InstanceRuntime,
  ) {}

  isRunning(scope: ElementInstanceRecord, eventSubProcessId: string): boolean {
    return this.element(scope, eventSubProcessId).isRunning;
  }

  run(scope: ElementInstanceRecord, eventSubProcessId: string): void {
    this.element(scope, eventSubProcessId).run();
  }

  discardOthers(scope: ElementInstanceRecord, eventSubProcessId: string): void {
    for (const child of this.execution(scope).getPostponed()) {
      if (child.id !== eventSubProcessId) child.discard();
    }
  }

  takeFlows(scope: ElementInstanceRecord, elementId: string, flows?: string[]): void {
    for (const flow of this.element(scope, elementId).outbound)
      if (!flows || flows.includes(flow.id))
        flow.take({ sequenceId: `${flow.id}_take_${this.runtime.nextKey()}` });
  }

  /**
   * The token's flow says its token is gone (`flow.looped`, with the token's sequence id): that
   * is how bpmn-elements' ProcessExecution lets go of a postponed flow, and no element listens
   * to it (the element's own `activity.leave` would stop its boundary events).
   */
  release(scope: ElementInstanceRecord, flowId: string, sequenceId: string): void {
    const flow = this.execution(scope)
      .getSequenceFlows()
      .find((f) => f.id === flowId);
    if (!flow) throw new Error(`sequence flow ${flowId} not found in its scope`);
    flow.broker.publish(
      'event',
      'flow.looped',
      { ...flow.createMessage(), action: 'looped', sequenceId },
      { type: 'looped' },
    );
  }

  /**
   * A second instance of a sub-process: bpmn-elements' own sub-process behaviour builds its
   * inner flow (a ProcessExecution over fresh copies of the children, as for each instance of a
   * multi-instance sub-process), but its end completes the runtime's instance, not the
   * library's one of the element.
   */
  startScope(record: ElementInstanceRecord): void {
    const activity = this.elementOf(record);
    const message = this.executeMessage(activity, record, false);
    const flow = new InnerFlows(activity, activity.context)._upsertExecution(message);
    activity.broker.cancel(`_sub-process-execution-${record.executionId}`);
    this.own(activity, record, flow);
    flow.execute(message);
  }

  resumeScope(record: ElementInstanceRecord, state: JsonValue): void {
    const activity = this.elementOf(record);
    const flow = new InnerFlows(activity, activity.context).recover(state);
    this.own(activity, record, flow);
    flow.execute(this.executeMessage(activity, record, true));
  }

  /** The runtime terminated the instance and everything in it: the library lets go of its inner flow. */
  endScope(record: ElementInstanceRecord): void {
    const flow = this.innerFlows.get(record.executionId);
    if (!flow) return;
    this.innerFlows.delete(record.executionId);
    this.elementOf(record).broker.cancel(innerFlowTag(record));
    for (const child of flow.getPostponed()) child.discard();
    if (!flow.completed) flow.discard();
  }

  /** Each inner flow's state, into its instance's record: recover() gets it back from there. */
  captureScopes(): void {
    for (const [executionId, flow] of this.innerFlows) {
      const record = this.runtime.recordByExecution(executionId);
      if (record)
        record.innerFlow = { ...flow.getState(), environment: flow.environment.getState() };
    }
  }

  private own(activity: ScopeActivity, record: ElementInstanceRecord, flow: InnerFlow): void {
    const executionId = record.executionId;
    this.innerFlows.set(executionId, flow);
    activity.broker.subscribeTmp(
      'subprocess-execution',
      'execution.#',
      (_routingKey, message) => {
        if (message.content.executionId !== executionId) return;
        if (message.properties.type !== 'completed') return;
        activity.broker.cancel(innerFlowTag(record));
        if (this.innerFlows.delete(executionId)) this.runtime.onInnerFlowCompleted(executionId);
      },
      { noAck: true, consumerTag: innerFlowTag(record) },
    );
  }

  private executeMessage(
    activity: ScopeActivity,
    record: ElementInstanceRecord,
    redelivered: boolean,
  ): BrokerMessage {
    const scope = this.parentOf(record);
    return {
      fields: { routingKey: 'execute.start', redelivered },
      content: {
        id: activity.id,
        type: activity.type,
        executionId: record.executionId,
        isSubProcess: true,
        parent: { ...activity.parent, executionId: scope.executionId },
      },
      properties: {},
    };
  }

  private elementOf(record: ElementInstanceRecord): ScopeActivity {
    return this.element(this.parentOf(record), record.elementId);
  }

  /** The scope the element runs in: a multi-instance body's inner instances run in the body's. */
  private parentOf(record: ElementInstanceRecord): ElementInstanceRecord {
    const scope = record.flowScopeKey ? this.runtime.record(record.flowScopeKey) : undefined;
    if (!scope) throw new Error(`no flow scope for ${record.elementId} (${record.key})`);
    return scope.elementType === 'MULTI_INSTANCE_BODY' ? this.parentOf(scope) : scope;
  }

  private element(scope: ElementInstanceRecord, elementId: string): ScopeActivity {
    const activity = this.execution(scope).getActivityById(elementId);
    if (!activity) throw new Error(`element ${elementId} not found in its scope`);
    return activity;
  }

  /** The process's execution, or a sub-process instance's inside its parent scope's. */
  private execution(scope: ElementInstanceRecord): ScopeExecution {
    let found: ScopeExecution | undefined = this.innerFlows.get(scope.executionId);
    if (found) return found;
    if (scope.elementType === 'PROCESS') {
      const internals = this.engine as unknown as EngineInternals;
      found = internals.execution?.definitions[0]?.getRunningProcesses()[0]?.execution;
    } else {
      let parent = scope.flowScopeKey ? this.runtime.record(scope.flowScopeKey) : undefined;
      // A multi-instance sub-process's instances run in its body's scope.
      if (parent?.elementType === 'MULTI_INSTANCE_BODY')
        parent = parent.flowScopeKey ? this.runtime.record(parent.flowScopeKey) : undefined;
      if (parent) {
        const activity = this.execution(parent).getActivityById(scope.elementId);
        found = activity?.execution?.source?._getExecutionById?.(scope.executionId);
      }
    }
    if (!found) throw new Error(`no running execution for scope ${scope.elementId} (${scope.key})`);
    return found;
  }
}

function innerFlowTag(record: ElementInstanceRecord): string {
  return `_runtime-inner-flow-${record.executionId}`;
}
