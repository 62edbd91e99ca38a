/**
 * Reading and writing nested values by key path in JSON data, own properties only: a key such
 * as `toString` or `__proto__` never reaches a prototype.
 */
export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  // Object.prototype of any realm (parsed JSON may come from another vm context).
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** The value at `path` (undefined when any step is missing or not an object). */
export function getAt(data: unknown, path: readonly string[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

/** Sets `value` at `path`, creating plain objects on the way (replacing non-objects). */
export function setAt(data: PlainObject, path: readonly string[], value: unknown): void {
  let current = data;
  path.slice(0, -1).forEach((segment) => {
    const next = Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (isPlainObject(next)) {
      current = next;
    } else {
      const created: PlainObject = {};
      defineOwn(current, segment, created);
      current = created;
    }
  });
  defineOwn(current, path[path.length - 1], value);
}

/**
 * Removes the value at `path` and then every parent left empty, as form-js's ConditionChecker
 * `_cleanlyClearDataAtPath` does for a hidden field.
 */
export function clearAt(data: PlainObject, path: readonly string[]): void {
  for (let length = path.length; length > 0; length--) {
    const parent = getAt(data, path.slice(0, length - 1));
    if (!isPlainObject(parent)) return;
    delete parent[path[length - 1]];
    if (Object.keys(parent).length > 0) return;
  }
}

/** Plain-object merge, `over` winning; arrays and other values are replaced, not merged. */
export function deepMerge(base: PlainObject, over: PlainObject): PlainObject {
  const merged: PlainObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const previous = Object.hasOwn(merged, key) ? merged[key] : undefined;
    defineOwn(
      merged,
      key,
      isPlainObject(previous) && isPlainObject(value) ? deepMerge(previous, value) : value,
    );
  }
  return merged;
}

/** Deep copy of JSON data (plain objects and arrays; other values are shared). */
export function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneData(item)) as T;
  if (!isPlainObject(value)) return value;
  const copy: PlainObject = {};
  for (const [key, item] of Object.entries(value)) defineOwn(copy, key, cloneData(item));
  return copy as T;
}

/** Assignment that creates an own property even for the key `__proto__`. */
function defineOwn(target: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
