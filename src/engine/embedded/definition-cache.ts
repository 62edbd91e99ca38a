import { deserialize, TypeResolver } from 'moddle-context-serializer';
import { ZEEBE_ELEMENTS } from './behaviours/element-factory';
import { CompiledDefinition } from './compiled-definition';

/** bpmn-engine's deserialised model, reusable by every Engine of one process of one version. */
export type SourceContext = ReturnType<typeof deserialize>;

interface SerialisedProcess {
  id: string;
  behaviour?: { isExecutable?: boolean };
}

const typeResolver = TypeResolver(ZEEBE_ELEMENTS as Record<string, never>);
const cache = new WeakMap<CompiledDefinition, Map<string, SourceContext>>();

/**
 * The source context for one process of a compiled definition, deserialised once and kept
 * as long as the CompiledDefinition object lives (keep that object in your version cache).
 * Only the requested process is executable, so bpmn-engine starts that one alone.
 */
export function sourceContextFor(
  compiled: CompiledDefinition,
  bpmnProcessId: string,
): SourceContext {
  let byProcess = cache.get(compiled);
  if (!byProcess) {
    byProcess = new Map();
    cache.set(compiled, byProcess);
  }
  let context = byProcess.get(bpmnProcessId);
  if (!context) {
    const copy = JSON.parse(JSON.stringify(compiled.sourceContext)) as {
      processes?: SerialisedProcess[];
    };
    for (const process of copy.processes ?? []) {
      process.behaviour = { ...process.behaviour, isExecutable: process.id === bpmnProcessId };
    }
    context = deserialize(copy, typeResolver);
    byProcess.set(bpmnProcessId, context);
  }
  return context;
}
