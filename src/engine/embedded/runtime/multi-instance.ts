import { ElementMetadata } from '../compiled-definition';
import { JsonValue, Variables } from '../types';
import { describe, IncidentError } from './job-spec';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';

/** Each inner instance is an element with its keys, variables and events: a thousand is a lot. */
const DEFAULT_MAX_LOOP_CARDINALITY = 1000;

/**
 * Multi-instance bodies and their inner instances: input collection, loop variables,
 * counters and output collection.
 */
export class MultiInstance {
  constructor(private readonly core: RuntimeCore) {}

  initBody(record: ElementInstanceRecord, meta: ElementMetadata): void {
    const loop = meta.loop;
    if (!loop) throw new Error(`element ${meta.id} is not multi-instance`);
    const collection = this.core.feel.evaluateValue(
      loop.inputCollection,
      this.core.variables.visible(record.key),
    );
    if (!Array.isArray(collection)) {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${loop.inputCollection}' to be 'ARRAY', but was '${describe(collection)}'.${this.core.feel.warningsNote()}`,
      );
    }
    const max = this.core.options.maxLoopCardinality ?? DEFAULT_MAX_LOOP_CARDINALITY;
    if (collection.length > max) {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `The input collection '${loop.inputCollection}' has ${collection.length} items, more than the ${max} a multi-instance may have (ENGINE_MAX_LOOP_CARDINALITY)`,
      );
    }
    const output = loop.outputCollection ? collection.map((): JsonValue => null) : null;
    record.body = { collection, output, completed: 0, terminated: 0 };
    if (loop.outputCollection && output)
      this.core.variables.setLocal(record.key, { [loop.outputCollection]: output });
    this.core.variables.setLocal(record.key, {
      numberOfInstances: collection.length,
      numberOfActiveInstances: 0,
      numberOfCompletedInstances: 0,
      numberOfTerminatedInstances: 0,
    });
  }

  initInner(record: ElementInstanceRecord, meta: ElementMetadata): void {
    const body = record.flowScopeKey
      ? this.core.state.instances[record.flowScopeKey]?.body
      : undefined;
    const index = record.loopIndex ?? 0;
    const locals: Variables = { loopCounter: index + 1 };
    // Zeebe makes an output element that names a variable (`=result`, `=report.text`) local,
    // null until set: each instance's result stays its own and never reaches the process.
    const output = meta.loop?.outputCollection ? variableOf(meta.loop.outputElement) : null;
    if (output && output !== meta.loop?.inputElement) locals[output] = null;
    if (meta.loop?.inputElement && body)
      locals[meta.loop.inputElement] = body.collection[index] ?? null;
    this.core.variables.setLocal(record.key, locals);
    if (record.flowScopeKey && body)
      this.updateBodyCounters(this.core.state.instances[record.flowScopeKey]);
  }

  /** Cardinality for bpmn-elements' loop: the size of the body's input collection. */
  cardinality(record: ElementInstanceRecord): number {
    return record.body?.collection.length ?? 0;
  }

  updateBodyCounters(body: ElementInstanceRecord): void {
    if (!body.body) return;
    const active = this.core.children(body.key).length;
    this.core.variables.setLocal(body.key, {
      numberOfActiveInstances: active,
      numberOfCompletedInstances: body.body.completed,
      numberOfTerminatedInstances: body.body.terminated,
    });
  }

  collectLoopOutput(record: ElementInstanceRecord, meta: ElementMetadata): boolean {
    const bodyRecord = record.flowScopeKey
      ? this.core.state.instances[record.flowScopeKey]
      : undefined;
    const loop = meta.loop;
    if (!bodyRecord?.body || !loop) return false;
    if (loop.outputCollection && loop.outputElement && bodyRecord.body.output) {
      const value = this.core.feel.evaluateValue(
        loop.outputElement,
        this.core.variables.visible(record.key),
      );
      bodyRecord.body.output[record.loopIndex ?? 0] = value;
      this.core.variables.setLocal(bodyRecord.key, {
        [loop.outputCollection]: [...bodyRecord.body.output],
      });
    }
    bodyRecord.body.completed++;
    this.updateBodyCounters(bodyRecord);
    this.core.variables.setLocal(bodyRecord.key, {
      numberOfActiveInstances: Math.max(0, this.core.children(bodyRecord.key).length - 1),
    });
    if (!loop.completionCondition) return false;
    const met = this.core.feel.evaluate(
      loop.completionCondition,
      this.core.variables.visible(record.key),
    );
    if (typeof met !== 'boolean') {
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${loop.completionCondition}' to be 'BOOLEAN', but was '${describe(met)}'.${this.core.feel.warningsNote()}`,
      );
    }
    return met;
  }
}

/** The variable an expression only reads (`=result`, `=report.text` → result), else null. */
function variableOf(expression: string | undefined): string | null {
  const match = /^=\s*([A-Za-z_][\w]*)(\.[A-Za-z_][\w]*)*\s*$/.exec(expression ?? '');
  return match ? match[1] : null;
}
