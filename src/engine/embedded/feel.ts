import {
  evaluate as feelinEvaluate,
  FeelDate,
  FeelDateTime,
  FeelDuration,
  FeelRange,
  FeelTime,
} from 'feelin';
import { BuiltinOptions, camundaBuiltins, FeelFunction } from './feel-builtins';
import { mayLoop, withinBudget } from './feel-budget';
import { zonedDateTimeToDate } from './iso8601';
import { JsonValue } from './types';

/** A FEEL warning as feelin reports it. */
export interface FeelWarning {
  type: string;
  message: string;
}

/**
 * A FEEL expression failed: it did not parse, or ran past its budget. (An expression that
 * merely cannot be evaluated gives null, as in Zeebe 8.5's FEEL; whoever needs a value of a
 * type raises the incident, quoting the evaluation's warnings.)
 */
export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    message: string,
    readonly warnings: readonly FeelWarning[] = [],
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** Zeebe's rule: a value starting with `=` is a FEEL expression, anything else a literal string. */
export function isExpression(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.startsWith('=');
}

export type FeelOptions = Partial<BuiltinOptions> & {
  /** How long one evaluation that may loop may run (default 250 ms); then an incident. */
  budgetMs?: number;
};

export const DEFAULT_FEEL_BUDGET_MS = 250;

/**
 * FEEL evaluation with Zeebe's error rules and Camunda's extra built-ins.
 * One instance per runner, because now()/today() follow the injected clock.
 */
export class Feel {
  private readonly builtins: Record<string, FeelFunction>;
  private readonly budgetMs: number;
  private lastWarnings: readonly FeelWarning[] = [];

  constructor(options: FeelOptions = {}) {
    this.budgetMs = options.budgetMs ?? DEFAULT_FEEL_BUDGET_MS;
    this.builtins = camundaBuiltins({
      now: options.now ?? (() => new Date()),
      uuid: options.uuid,
      random: options.random,
    });
  }

  /**
   * Evaluates a FEEL expression (with or without the leading `=`) and returns feelin's
   * raw result (temporal values stay FeelDate/FeelDuration/...). Throws ExpressionError.
   */
  evaluateRaw(expression: string, variables: Record<string, unknown>): unknown {
    const body = isExpression(expression) ? expression.slice(1) : expression;
    // Variables shadow built-ins only where a model defines a variable of that name, as in Zeebe.
    const context: Record<string, unknown> = { ...this.builtins, ...variables };
    let result: { value: unknown; warnings: FeelWarning[] };
    try {
      result = mayLoop(body)
        ? withinBudget(() => feelinEvaluate(body, context), this.budgetMs)
        : feelinEvaluate(body, context);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new ExpressionError(expression, `failed to evaluate expression '${body}': ${message}`);
    }
    // FEEL's rule since Camunda 8.3 (feel-scala 1.17): a missing variable, a missing entry, a
    // failed call or a comparison of different types is null, not a failure.
    this.lastWarnings = result.warnings.map(toWarning);
    return result.value === undefined ? null : result.value;
  }

  /**
   * For an incident on a result of the wrong type: the warnings of the last evaluation, as
   * Zeebe appends them ("The evaluation reported the following warnings: …").
   */
  warningsNote(): string {
    if (!this.lastWarnings.length) return '';
    const lines = this.lastWarnings.map((w) => `[${w.type}] ${w.message}`).join('\n');
    return ` The evaluation reported the following warnings:\n${lines}`;
  }

  /** Evaluates a FEEL expression into a JSON value (temporal results become ISO strings). */
  evaluate(expression: string, variables: Record<string, unknown>): JsonValue {
    return toJsonValue(this.evaluateRaw(expression, variables));
  }

  /** Zeebe attribute rule: `=…` is evaluated, anything else is the literal string. */
  evaluateValue(valueOrExpression: string, variables: Record<string, unknown>): JsonValue {
    return isExpression(valueOrExpression)
      ? this.evaluate(valueOrExpression, variables)
      : valueOrExpression;
  }

  /** Like evaluateValue but keeps temporal results raw (timers, due dates). */
  evaluateValueRaw(valueOrExpression: string, variables: Record<string, unknown>): unknown {
    return isExpression(valueOrExpression)
      ? this.evaluateRaw(valueOrExpression, variables)
      : valueOrExpression;
  }
}

function toWarning(w: FeelWarning): FeelWarning {
  return { type: w.type, message: w.message };
}

/**
 * feelin orders values of different types (`"15" > 10` is true, a date is greater than 3);
 * FEEL and Zeebe give null, so a form value sent as text cannot route a case silently: the
 * gateway's condition is not a boolean and Zeebe raises an incident. `>`, `>=`, `<`, `<=` and
 * `between` all test membership in a range of the other operand's type.
 */
const rangeIncludes = FeelRange.prototype.includes;
FeelRange.prototype.includes = function includesSameType(this: FeelRange, value) {
  const type = feelTypeOf(value);
  if (this.valueType && type && type !== this.valueType) return null;
  return rangeIncludes.call(this, value);
};

/** The FEEL type a range compares (see feelin's RANGE_TYPES); null for anything else. */
function feelTypeOf(value: unknown): string | null {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof FeelDateTime) return 'date time';
  if (value instanceof FeelDate) return 'date';
  if (value instanceof FeelTime) return 'time';
  if (value instanceof FeelDuration) return 'duration';
  return null;
}

/** Converts a feelin result into JSON: dates, date-times, times and durations become ISO strings. */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return Number(value);
    case 'function':
    case 'symbol':
      return null;
  }
  if (value instanceof FeelDateTime) return temporalDateTimeIso(value);
  if (value instanceof FeelDate || value instanceof FeelDuration || value instanceof FeelTime)
    return value.iso;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  // A plain object's prototype is some realm's Object.prototype (Jest and vm contexts have several).
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return null; // ranges, functions: not JSON
  const result: Record<string, JsonValue> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>))
    result[key] = toJsonValue(entry);
  return result;
}

/** A date-time with an IANA zone becomes an offset date-time, so JavaScript and PostgreSQL can read it. */
function temporalDateTimeIso(value: FeelDateTime): string {
  if (!value.zone || value.zone === 'UTC' || /^[+-]\d\d:\d\d$|^Z$/.test(value.zone))
    return value.iso;
  const iso = value.iso.split('@')[0];
  return zonedDateTimeToDate(iso, value.zone).toISOString();
}

/** A FEEL result read as a point in time: date-time or ISO string (a local date-time is read as UTC). */
export function asInstant(value: unknown): Date | null {
  if (value instanceof FeelDateTime) {
    const iso = value.iso.split('@')[0];
    if (!value.zone) return zonedDateTimeToDate(iso, 'UTC');
    if (value.iso.includes('@')) return zonedDateTimeToDate(iso, value.zone);
    return new Date(value.iso);
  }
  if (value instanceof FeelDate) return new Date(`${value.iso}T00:00:00Z`);
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return null;
    const hasZone =
      /(Z|[+-]\d\d:?\d\d)$/.test(trimmed) || trimmed.includes('@') || trimmed.includes('[');
    const at = trimmed.indexOf('@') >= 0 ? trimmed.indexOf('@') : trimmed.indexOf('[');
    if (at > 0) {
      const zone = trimmed.slice(at + 1).replace(/\]$/, '');
      const local = trimmed.slice(0, at).replace(/([+-]\d\d:\d\d|Z)$/, '');
      return zonedDateTimeToDate(local, zone);
    }
    const candidate =
      trimmed.length === 10 ? `${trimmed}T00:00:00Z` : hasZone ? trimmed : `${trimmed}Z`;
    const parsed = new Date(candidate);
    return Number.isNaN(parsed.getTime()) ? null : parsed;
  }
  return null;
}

/** A FEEL result read as an ISO 8601 duration string (FeelDuration or string), else null. */
export function asDuration(value: unknown): string | null {
  if (value instanceof FeelDuration) return value.iso;
  if (typeof value === 'string' && /^-?P/.test(value.trim())) return value.trim();
  return null;
}

/**
 * The shape bpmn-engine's `expressions` option wants, over FEEL. The embedded engine does
 * not pass it (all FEEL is evaluated by the runtime, per Zeebe scope, and bpmn-elements keeps
 * its own `${…}` syntax for the engine's internal plumbing); it exists for tools that run
 * bpmn-engine directly on a flat variable map. Non-`=` strings are literals, as in Zeebe.
 */
export function feelExpressions(feel: Feel = new Feel()): {
  resolveExpression(expression: string, context?: unknown): unknown;
  isExpression(text: string): boolean;
  hasExpression(text: string): boolean;
} {
  return {
    resolveExpression(expression: string, context?: unknown): unknown {
      if (!isExpression(expression)) return expression;
      const variables = readVariables(context);
      return toJsonValue(feel.evaluateRaw(expression, variables));
    },
    isExpression: (text: string) => isExpression(text),
    hasExpression: (text: string) => isExpression(text),
  };
}

function readVariables(context: unknown): Record<string, unknown> {
  if (!context || typeof context !== 'object') return {};
  const ctx = context as { environment?: { variables?: Record<string, unknown> } };
  return { ...(ctx.environment?.variables ?? {}) };
}
