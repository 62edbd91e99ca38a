import { ElementMetadata } from '../compiled-definition';
import { Variables } from '../types';
import { evaluateMappings } from './io-mappings';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';
import type { CompletionResult } from './runtime-types';

/** Completing element instances: output mappings, then ELEMENT_COMPLETED. */
export class Completion {
  constructor(private readonly core: RuntimeCore) {}

  /**
   * Completes an element instance: the variables it completed with, output mappings,
   * multi-instance output element, ELEMENT_COMPLETED. Returns null when an incident holds it.
   */
  complete(record: ElementInstanceRecord, variables?: Variables | null): CompletionResult | null {
    if (record.phase !== 'COMPLETING') {
      this.core.announce(record);
      record.phase = 'COMPLETING';
      record.pendingVariables = variables ?? null;
    }
    const meta = this.core.meta(record.elementId);
    let completionConditionMet = false;
    try {
      this.applyOutputs(record, meta);
      if (record.loopIndex !== undefined)
        completionConditionMet = this.core.multiInstance.collectLoopOutput(record, meta);
    } catch (err) {
      this.core.incidents.raise(record, record.executionId, err, 'EXTRACT_VALUE_ERROR');
      return null;
    }
    this.finishCompletion(record);
    return { completionConditionMet };
  }

  private applyOutputs(record: ElementInstanceRecord, meta: ElementMetadata): void {
    const outputs = meta.ioMapping?.outputs ?? [];
    const pending = record.pendingVariables;
    if (outputs.length) {
      // Zeebe: the variables become local, the output mappings pick what goes up.
      if (pending) this.core.variables.setLocal(record.key, pending);
      const result = evaluateMappings(
        this.core.feel,
        outputs,
        this.core.variables.visible(record.key),
      );
      // A multi-instance inner instance merges into its own scope (Zeebe: to reach its output element).
      const target = record.loopIndex !== undefined ? record.key : record.flowScopeKey;
      if (target) this.core.variables.propagate(target, result);
    } else if (pending) {
      this.core.variables.propagate(record.key, pending);
    }
    record.pendingVariables = null;
  }

  finishCompletion(record: ElementInstanceRecord): void {
    this.core.announce(record);
    if (record.jobKey) delete this.core.state.jobs[record.jobKey];
    this.core.termination.closeOwned(record, false);
    for (const child of this.core.children(record.key))
      this.core.termination.terminateRecord(child);
    this.core.emit('ELEMENT_COMPLETED', record);
    this.core.drop(record);
    this.core.compensation.onCompleted(record);
  }

  completeBody(record: ElementInstanceRecord): void {
    const meta = this.core.meta(record.elementId);
    for (const child of this.core.children(record.key))
      this.core.termination.terminateRecord(child);
    const outputCollection = meta.loop?.outputCollection;
    if (outputCollection && record.body?.output && record.flowScopeKey) {
      this.core.variables.propagate(record.flowScopeKey, {
        [outputCollection]: record.body.output,
      });
    }
    this.finishCompletion(record);
  }
}
