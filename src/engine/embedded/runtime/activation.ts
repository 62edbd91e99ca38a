import { ElementMetadata } from '../compiled-definition';
import { evaluateMappings } from './io-mappings';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';
import type { EnterRequest } from './runtime-types';
import { BudgetSpent } from './step-budget';

/**
 * Creating element instances and running their activation work: input mappings, boundary
 * events, event sub-process starts.
 */
export class Activation {
  constructor(private readonly core: RuntimeCore) {}

  /** Finds the element instance of an execution, or creates and activates it (input mappings, boundary events). */
  enter(request: EnterRequest): ElementInstanceRecord | null {
    const existing = this.core.recordByExecution(request.executionId);
    if (existing) return existing;
    if (this.core.state.zombies[request.executionId]) return null;
    const meta = this.core.meta(request.elementId);
    const parentExecutionId =
      request.parentExecutionId || this.core.scopeOfExecution.get(request.executionId) || '';
    const flowScopeKey = this.core.state.byExecution[parentExecutionId];
    if (flowScopeKey === undefined)
      throw new Error(`no flow scope for ${request.elementId} (${request.executionId})`);
    const isBody = request.isBody === true;
    const record: ElementInstanceRecord = {
      key: this.core.nextKey(),
      elementId: request.elementId,
      elementType: isBody ? 'MULTI_INSTANCE_BODY' : meta.elementType,
      bpmnEventType: isBody ? 'UNSPECIFIED' : meta.eventType,
      flowScopeKey,
      executionId: request.executionId,
      phase: 'ACTIVATING',
      ...(!isBody && meta.eventBasedGateway && { hidden: true }),
      ...(request.loopIndex !== undefined && { loopIndex: request.loopIndex }),
    };
    this.core.store(record);
    this.core.variables.create(record.key, flowScopeKey);
    this.activate(record);
    return record;
  }

  /** Re-attempts a failed activation (after an incident). */
  retryActivation(record: ElementInstanceRecord): boolean {
    if (record.phase !== 'ACTIVATING') return true;
    this.core.variables.clearLocal(record.key);
    return this.activate(record);
  }

  /** Input mappings into the element's own scope. Throws ExpressionError. */
  applyInputs(record: ElementInstanceRecord, meta: ElementMetadata): void {
    const inputs = meta.ioMapping?.inputs ?? [];
    if (!inputs.length) return;
    const visible = this.core.variables.visible(record.key);
    this.core.variables.setLocal(record.key, evaluateMappings(this.core.feel, inputs, visible));
  }

  private activate(record: ElementInstanceRecord): boolean {
    const meta = this.core.meta(record.elementId);
    const heldBy = this.core.budget.heldBy
      ? this.core.state.incidents[this.core.budget.heldBy]
      : undefined;
    if (heldBy) {
      (heldBy.holds ??= []).push(record.executionId);
      return false;
    }
    try {
      this.core.budget.spend(this.core.effects);
      if (record.elementType === 'MULTI_INSTANCE_BODY')
        this.core.multiInstance.initBody(record, meta);
      else {
        if (record.loopIndex !== undefined) this.core.multiInstance.initInner(record, meta);
        this.applyInputs(record, meta);
      }
      // Boundary events are part of the activity: they are subscribed when it activates.
      const attachesBoundaries = record.elementType === 'MULTI_INSTANCE_BODY' || !meta.loop;
      if (attachesBoundaries) {
        for (const listener of this.core.boundaryListeners.get(record.executionId) ?? [])
          listener.open?.(record);
      }
      if (record.elementType === 'SUB_PROCESS') this.core.eventSubProcesses.open(record);
    } catch (err) {
      const incident = this.core.incidents.raise(record, record.executionId, err);
      if (err instanceof BudgetSpent) this.core.budget.heldBy = incident.key;
      return false;
    }
    record.phase = 'ACTIVATED';
    // ELEMENT_ACTIVATED waits for the element's own work (announce), as in Zeebe.
    record.announced = false;
    return true;
  }
}
