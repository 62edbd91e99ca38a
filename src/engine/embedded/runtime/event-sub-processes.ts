import { CompiledDefinition, ElementMetadata } from '../compiled-definition';
import { ElementInstanceRecord } from './runtime-state';

/**
 * What the runtime asks of the token library to run an event sub-process
 * (behaviours/event-scopes.ts): bpmn-elements runs such a sub-process only when told to, and
 * has no notion of an interrupting one, so the runtime decides and this executes.
 */
export interface EventScopes {
  /** Whether an instance of the event sub-process runs in the scope now. */
  isRunning(scope: ElementInstanceRecord, eventSubProcessId: string): boolean;
  /** Starts the event sub-process in the scope's execution (its start event completes at once). */
  run(scope: ElementInstanceRecord, eventSubProcessId: string): void;
  /** Discards everything else running in the scope (the library's side of an interruption). */
  discardOthers(scope: ElementInstanceRecord, eventSubProcessId: string): void;
}

const startsByScope = new WeakMap<CompiledDefinition, Map<string, ElementMetadata[]>>();

/** The start events of the event sub-processes directly in a scope (a process or sub-process id). */
export function eventSubProcessStarts(
  compiled: CompiledDefinition,
  scopeId: string,
): ElementMetadata[] {
  let byScope = startsByScope.get(compiled);
  if (!byScope) {
    byScope = new Map();
    const elements = Object.values(compiled.elements);
    for (const start of elements) {
      const owner = compiled.elements[start.scopeId];
      if (start.bpmnType !== 'bpmn:StartEvent' || owner?.elementType !== 'EVENT_SUB_PROCESS')
        continue;
      byScope.set(owner.scopeId, [...(byScope.get(owner.scopeId) ?? []), start]);
    }
    startsByScope.set(compiled, byScope);
  }
  return byScope.get(scopeId) ?? [];
}

/** The element id whose event sub-processes a scope record holds (the process's is its id). */
export function scopeElementId(record: ElementInstanceRecord): string | null {
  if (record.elementType === 'PROCESS' || record.elementType === 'SUB_PROCESS')
    return record.elementId;
  return null;
}

/**
 * The start event of an event sub-process in the scope that catches an error or escalation:
 * one naming the code first, then a catch-all (Zeebe's rule, as for boundary events).
 */
export function eventSubProcessCatch(
  compiled: CompiledDefinition,
  scope: ElementInstanceRecord,
  eventType: 'ERROR' | 'ESCALATION',
  code: string,
): ElementMetadata | undefined {
  const scopeId = scopeElementId(scope);
  if (!scopeId || scope.interrupted) return undefined;
  const starts = eventSubProcessStarts(compiled, scopeId).filter((s) => s.eventType === eventType);
  const codeOf = (s: ElementMetadata) =>
    eventType === 'ERROR' ? s.error?.code : s.escalation?.code;
  return starts.find((s) => codeOf(s) === code) ?? starts.find((s) => codeOf(s) === undefined);
}
