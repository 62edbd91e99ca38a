import { evaluate, unaryTest } from 'feelin';
import type { PlainObject } from './data-path.util';

/**
 * FEEL in forms as form-js-viewer 1.23 evaluates it (`FeelExpressionLanguage`,
 * `buildExpressionContext`, `RepetitionScaffold` in `dist/index.es.js`): plain feelin, no
 * Camunda extension functions; an expression starts with `=`; a failing expression counts as
 * null (so a hide condition that fails shows the field).
 */

/** Where an expression is evaluated: the whole form, or one row of a dynamic list. */
export interface FeelScope {
  /** The form's data: input variables overlaid with the answers, hidden answers removed. */
  readonly data: PlainObject;
  /** The current row (the whole data outside lists). */
  readonly this: PlainObject;
  /** The enclosing scope's context, null at the top. */
  readonly parent: PlainObject | null;
  /** 1-based row numbers from the outermost list inwards. */
  readonly i: readonly number[];
}

export function rootScope(data: PlainObject): FeelScope {
  return { data, this: data, parent: null, i: [] };
}

/** The scope of row `index` (0-based) of a dynamic list, as form-js's RepetitionScaffold. */
export function rowScope(scope: FeelScope, row: PlainObject, index: number): FeelScope {
  return {
    data: scope.data,
    this: row,
    parent: feelContext({ ...scope, data: scope.this }),
    i: [...scope.i, index + 1],
  };
}

/** form-js's `buildExpressionContext`: the data's keys plus `this`, `parent`, `i` (and `_this_`…). */
export function feelContext(scope: FeelScope): PlainObject {
  const special = { this: scope.this, parent: scope.parent, i: scope.i };
  return { ...special, ...scope.data, _this_: scope.this, _parent_: scope.parent, _i_: scope.i };
}

export function isFeelExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}

/** A unary test (`conditional.hide`, `readonly`): true, false or null when it fails. */
export function feelUnaryTest(expression: string, scope: FeelScope): boolean | null {
  try {
    const { value } = unaryTest(expression.slice(1), feelContext(scope));
    return typeof value === 'boolean' ? value : null;
  } catch {
    return null;
  }
}

/** An expression (`validate.min` = `=…`): its value, or null when it fails. */
export function feelEvaluate(expression: string, scope: FeelScope): unknown {
  try {
    const { value } = evaluate(expression.slice(1), feelContext(scope));
    return value ?? null;
  } catch {
    return null;
  }
}

/** The syntax error of an expression, or undefined when it parses (for schema checks). */
export function feelSyntaxError(
  expression: string,
  kind: 'unaryTest' | 'expression',
): string | undefined {
  try {
    if (kind === 'unaryTest') unaryTest(expression.slice(1), {});
    else evaluate(expression.slice(1), {});
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
