import { randomUUID } from 'node:crypto';
import { date, dateAndTime, FeelDate, FeelDateTime, FeelDuration } from 'feelin';

/**
 * Camunda 8 FEEL extension functions that feelin 8.2 lacks (checked against feelin's
 * builtins: is empty, get or else, is defined, assert, extract, trim, uuid, to base64,
 * is blank, duplicate values, partition, random number, last day of month, cycle, and
 * get value with a list of keys), plus now()/today() bound to the injected clock.
 * They are passed in the evaluation context: feelin parses names with spaces only when
 * the context knows them.
 */
export type FeelFunction = (...args: never[]) => unknown;

export interface BuiltinOptions {
  now: () => Date;
  uuid?: () => string;
  random?: () => number;
}

/** Thrown by assert(); feelin lets it through and feel.ts turns it into an ExpressionError. */
export class FeelAssertionError extends Error {}

export function camundaBuiltins(options: BuiltinOptions): Record<string, FeelFunction> {
  const uuid = options.uuid ?? randomUUID;
  const random = options.random ?? Math.random;
  return {
    now: () => dateAndTime(options.now().toISOString()),
    today: () => date(options.now().toISOString().slice(0, 10)),
    'is empty': (list: unknown) => (Array.isArray(list) ? list.length === 0 : null),
    'get or else': (value: unknown, defaultValue: unknown) =>
      value === null || value === undefined ? defaultValue : value,
    'is defined': (value: unknown) => value !== null && value !== undefined,
    assert: (value: unknown, condition: unknown, cause?: unknown) => {
      if (condition !== true) {
        throw new FeelAssertionError(
          typeof cause === 'string'
            ? cause
            : `The condition is not fulfilled for value '${String(value)}'`,
        );
      }
      return value;
    },
    extract: (value: unknown, pattern: unknown) => {
      if (typeof value !== 'string' || typeof pattern !== 'string') return null;
      return [...value.matchAll(new RegExp(pattern, 'g'))].map((m) => m[0]);
    },
    trim: (value: unknown) => (typeof value === 'string' ? value.trim() : null),
    uuid: () => uuid(),
    'to base64': (value: unknown) =>
      typeof value === 'string' ? Buffer.from(value, 'utf8').toString('base64') : null,
    'is blank': (value: unknown) => (typeof value === 'string' ? value.trim().length === 0 : null),
    'duplicate values': (list: unknown) => {
      if (!Array.isArray(list)) return null;
      const seen: unknown[] = [];
      const dupes: unknown[] = [];
      for (const item of list) {
        const key = JSON.stringify(item);
        if (seen.includes(key) && !dupes.some((d) => JSON.stringify(d) === key)) dupes.push(item);
        seen.push(key);
      }
      return dupes;
    },
    partition: (list: unknown, size: unknown) => {
      if (!Array.isArray(list) || typeof size !== 'number' || size <= 0) return null;
      const result: unknown[][] = [];
      for (let i = 0; i < list.length; i += size) result.push(list.slice(i, i + size));
      return result;
    },
    'random number': () => random(),
    'last day of month': (value: unknown) => {
      if (!(value instanceof FeelDate) && !(value instanceof FeelDateTime)) return null;
      const last = new Date(Date.UTC(value.year, value.month, 0));
      return date(last.toISOString().slice(0, 10));
    },
    // Zeebe's timer cycle function: cycle(duration) or cycle(repetitions, duration).
    cycle: (first: unknown, second?: unknown) => {
      if (first instanceof FeelDuration && second === undefined) return `R/${first.iso}`;
      if (typeof first === 'number' && second instanceof FeelDuration)
        return `R${first}/${second.iso}`;
      return null;
    },
    // Camunda accepts a list of keys (a path); feelin only a single key.
    'get value': (context: unknown, keys: unknown) => {
      const path = Array.isArray(keys) ? keys : [keys];
      let current: unknown = context;
      for (const key of path) {
        if (current === null || typeof current !== 'object' || typeof key !== 'string') return null;
        current = (current as Record<string, unknown>)[key];
      }
      return current === undefined ? null : current;
    },
  };
}
