import { InstanceEnd, Variables } from '../types';
import { isRuntimeOwned } from './owned-instances';
import type { RuntimeCore } from './runtime-core';

/** The process instance itself and what bpmn-engine reports about its elements. */
export class ProcessScope {
  constructor(private readonly core: RuntimeCore) {}

  /** Creates the root scope with the start variables (before bpmn-engine starts). */
  create(variables: Variables): void {
    const key = this.core.state.processInstanceKey;
    this.core.state.instances[key] = {
      key,
      elementId: this.core.state.bpmnProcessId,
      elementType: 'PROCESS',
      bpmnEventType: 'UNSPECIFIED',
      flowScopeKey: null,
      executionId: '',
      phase: 'ACTIVATING',
    };
    this.core.variables.create(key, null, variables);
  }

  /** Only the chosen start event of the process runs; sub-process start events always do. */
  isChosenStartEvent(elementId: string): boolean {
    const meta = this.core.meta(elementId);
    if (meta.scopeId !== meta.bpmnProcessId) return true;
    return elementId === this.core.state.startEventId;
  }

  onProcessEnter(executionId: string): void {
    const record = this.core.state.instances[this.core.state.processInstanceKey];
    if (!record || record.phase !== 'ACTIVATING') return;
    record.executionId = executionId;
    this.core.state.byExecution[executionId] = record.key;
    record.phase = 'ACTIVATED';
    this.core.emit('ELEMENT_ACTIVATED', record);
    this.core.eventSubProcesses.openOrIncident(record);
  }

  onProcessEnd(): void {
    if (this.core.ended) return;
    const root = this.core.state.instances[this.core.state.processInstanceKey];
    if (!root) return;
    // Anything bpmn-engine left behind is not active in Zeebe's sense any more.
    for (const child of this.core.children(root.key)) this.core.termination.terminateRecord(child);
    this.core.termination.closeOwned(root, false);
    const variables = this.core.variables.local(root.key);
    this.core.emit('ELEMENT_COMPLETED', root);
    this.core.drop(root);
    delete this.core.state.compensations;
    this.core.state.status = this.core.state.terminatedByEndEvent ? 'TERMINATED' : 'COMPLETED';
    this.core.effects.instanceEnded = {
      state: this.core.state.status === 'TERMINATED' ? 'TERMINATED' : 'COMPLETED',
      variables,
    };
    this.core.waiters.clear();
    this.core.boundaryListeners.clear();
  }

  /** cancel(): every active element instance is terminated, innermost first, then the process. */
  cancelInstance(): void {
    if (this.core.ended) return;
    const root = this.core.state.instances[this.core.state.processInstanceKey];
    const variables = root ? this.core.variables.local(root.key) : {};
    if (root) this.core.termination.terminateRecord(root);
    this.core.state.status = 'CANCELED';
    this.core.effects.instanceEnded = { state: 'CANCELED', variables };
    this.core.waiters.clear();
    this.core.boundaryListeners.clear();
  }

  /** An uncaught error the parent catches: the child is terminated and the error goes up. */
  terminateForPropagation(errorCode: string, errorMessage: string, variables: Variables): void {
    this.endForPropagation({ errorPropagated: { errorCode, errorMessage, variables } });
  }

  /** Terminates the whole instance because its parent takes over (an error or escalation caught there). */
  endForPropagation(
    propagated: Pick<InstanceEnd, 'errorPropagated' | 'escalationPropagated'>,
  ): void {
    const root = this.core.state.instances[this.core.state.processInstanceKey];
    const variables = root ? this.core.variables.local(root.key) : {};
    if (root) this.core.termination.terminateRecord(root);
    this.core.state.status = 'TERMINATED';
    this.core.effects.instanceEnded = { state: 'TERMINATED', variables, ...propagated };
    this.core.waiters.clear();
    this.core.boundaryListeners.clear();
  }

  onFlowTaken(flowId: string, scopeExecutionId: string | undefined): void {
    if (this.core.ended) return;
    const flow = this.core.compiled.flows[flowId];
    if (!flow) return;
    // Zeebe takes an event-based gateway's flow only when its event triggers.
    if (this.core.compiled.elements[flow.sourceId]?.elementType === 'EVENT_BASED_GATEWAY') return;
    const scopeKey = scopeExecutionId ? this.core.state.byExecution[scopeExecutionId] : undefined;
    this.core.emitFlowTaken(flowId, scopeKey ?? this.core.state.processInstanceKey);
  }

  /** bpmn-engine completed an element the behaviours do not complete themselves (multi-instance body, terminate end event). */
  onActivityEnd(executionId: string): void {
    if (this.core.ended) return;
    const record = this.core.recordByExecution(executionId);
    if (!record || record.elementType === 'PROCESS') return;
    if (record.body) {
      this.core.completion.completeBody(record);
      return;
    }
    if (record.phase === 'ACTIVATED') {
      const meta = this.core.compiled.elements[record.elementId];
      if (meta?.terminate && record.flowScopeKey === this.core.state.processInstanceKey)
        this.core.state.terminatedByEndEvent = true;
      // bpmn-engine ended the rest of the scope; the instances the runtime runs are its own to end.
      if (meta?.terminate && record.flowScopeKey) {
        for (const sibling of this.core.children(record.flowScopeKey))
          if (isRuntimeOwned(sibling)) this.core.termination.terminateRecord(sibling);
      }
      this.core.completion.finishCompletion(record);
    }
  }
}
