import { Engine } from 'bpmn-engine';
import { EventScopes } from '../runtime/event-sub-processes';
import { InstanceRuntime } from '../runtime/instance-runtime';
import { ElementInstanceRecord } from '../runtime/runtime-state';

/** The slice of bpmn-elements' process and sub-process executions used here. */
interface ScopeExecution {
  executionId: string;
  getActivityById(id: string): ScopeActivity | undefined;
  getPostponed(): Array<{ id: string; discard(): void }>;
}
interface ScopeActivity {
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
 * Event sub-processes in bpmn-elements: it keeps a triggered-by-event sub-process among a
 * scope's children but runs it only when told; the runtime tells it (runtime/instance-runtime,
 * "event sub-processes"), and here the scope's execution is found and told.
 */
export class BpmnEventScopes implements EventScopes {
  constructor(
    private readonly engine: Engine,
    private readonly runtime: InstanceRuntime,
  ) {}

  isRunning(scope: ElementInstanceRecord, eventSubProcessId: string): boolean {
    return this.activity(scope, eventSubProcessId).isRunning;
  }

  run(scope: ElementInstanceRecord, eventSubProcessId: string): void {
    this.activity(scope, eventSubProcessId).run();
  }

  discardOthers(scope: ElementInstanceRecord, eventSubProcessId: string): void {
    for (const child of this.execution(scope).getPostponed()) {
      if (child.id !== eventSubProcessId) child.discard();
    }
  }

  private activity(scope: ElementInstanceRecord, id: string): ScopeActivity {
    const activity = this.execution(scope).getActivityById(id);
    if (!activity) throw new Error(`event sub-process ${id} not found in its scope`);
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
