import { Engine } from 'bpmn-engine';
import { InstanceRuntime, LibraryScopes } from '../runtime/instance-runtime';
import { ElementInstanceRecord } from '../runtime/runtime-state';
import { Broker } from './bpmn-internals';

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
interface ScopeActivity {
  id: string;
  type: string;
  broker: Broker;
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

  private element(scope: ElementInstanceRecord, elementId: string): ScopeActivity {
    const activity = this.execution(scope).getActivityById(elementId);
    if (!activity) throw new Error(`element ${elementId} not found in its scope`);
    return activity;
  }

  /** The process's execution, or a sub-process instance's inside its parent scope's. */
  private execution(scope: ElementInstanceRecord): ScopeExecution {
    let found: ScopeExecution | undefined;
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
