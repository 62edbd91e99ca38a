import { Feel } from '../feel';
import { JsonValue, Variables } from '../types';
import { VariableMapping } from '../zeebe-extensions';

/**
 * Evaluates zeebe:input / zeebe:output mappings as Zeebe does: in order, each source seeing
 * the targets mapped before it (Zeebe builds one FEEL context from them), and a nested
 * target (`order.id`) updating a copy of the visible object. Throws ExpressionError.
 */
export function evaluateMappings(
  feel: Feel,
  mappings: VariableMapping[],
  visible: Variables,
): Variables {
  const result: Variables = {};
  for (const mapping of mappings) {
    const context = { ...visible, ...result };
    const value = feel.evaluateValue(mapping.source, context);
    const [root, ...path] = mapping.target.split('.');
    if (!path.length) {
      result[root] = value;
      continue;
    }
    const existing = context[root];
    result[root] = setPath(isObject(existing) ? existing : {}, path, value);
  }
  return result;
}

function setPath(
  target: { [key: string]: JsonValue },
  path: string[],
  value: JsonValue,
): { [key: string]: JsonValue } {
  const [head, ...rest] = path;
  const copy = { ...target };
  if (!rest.length) {
    copy[head] = value;
  } else {
    const next = copy[head];
    copy[head] = setPath(isObject(next) ? next : {}, rest, value);
  }
  return copy;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
