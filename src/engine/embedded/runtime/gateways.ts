import { describe, IncidentError } from './job-spec';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';

/**
 * Chooses the outgoing flows of an exclusive (first true, else default) or inclusive
 * (all true, else default) gateway. Throws IncidentError/ExpressionError.
 */
export function chooseFlows(
  core: RuntimeCore,
  record: ElementInstanceRecord,
  mode: 'exclusive' | 'inclusive',
): string[] {
  const meta = core.meta(record.elementId);
  if (meta.outgoing.length === 1 && !core.compiled.flows[meta.outgoing[0]].condition)
    return [meta.outgoing[0]];
  const visible = core.variables.visible(record.key);
  const taken: string[] = [];
  for (const flowId of meta.outgoing) {
    if (flowId === meta.defaultFlow) continue;
    const condition = core.compiled.flows[flowId].condition;
    if (!condition) continue;
    const result = core.feel.evaluate(condition, visible);
    if (typeof result !== 'boolean') {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${condition}' to be 'BOOLEAN', but was '${describe(result)}'.${core.feel.warningsNote()}`,
      );
    }
    if (result) {
      taken.push(flowId);
      if (mode === 'exclusive') break;
    }
  }
  if (taken.length) return taken;
  if (meta.defaultFlow) return [meta.defaultFlow];
  throw new IncidentError(
    'CONDITION_ERROR',
    'Expected at least one condition to evaluate to true, or to have a default flow',
  );
}
