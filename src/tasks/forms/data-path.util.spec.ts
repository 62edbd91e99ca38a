import { clearAt, cloneData, deepMerge, getAt, isPlainObject, setAt } from './data-path.util';

describe('data-path.util', () => {
  it('reads own properties only', () => {
    const data = { a: { b: 1 } };
    expect(getAt(data, ['a', 'b'])).toBe(1);
    expect(getAt(data, ['a', 'c'])).toBeUndefined();
    expect(getAt(data, ['toString'])).toBeUndefined();
    expect(getAt(data, ['a', 'b', 'c'])).toBeUndefined();
  });

  it('writes nested values, creating objects', () => {
    const data: Record<string, unknown> = { a: 'x' };
    setAt(data, ['a', 'b'], 1);
    setAt(data, ['c', 'd', 'e'], true);
    expect(data).toEqual({ a: { b: 1 }, c: { d: { e: true } } });
  });

  it('writes __proto__ as an own key, never into the prototype', () => {
    const data: Record<string, unknown> = {};
    setAt(data, ['__proto__', 'polluted'], true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(data)).toEqual(['__proto__']);
  });

  it('clears a value and the parents it leaves empty, as form-js', () => {
    const data = { a: { b: { c: 1 } }, d: { e: 1, f: 2 } };
    clearAt(data, ['a', 'b', 'c']);
    clearAt(data, ['d', 'e']);
    expect(data).toEqual({ d: { f: 2 } });
  });

  it('merges objects deeply, replacing arrays', () => {
    expect(deepMerge({ a: { x: 1, y: 2 }, l: [1, 2] }, { a: { y: 3 }, l: [9] })).toEqual({
      a: { x: 1, y: 3 },
      l: [9],
    });
  });

  it('copies data deeply', () => {
    const data = { a: [{ b: 1 }] };
    const copy = cloneData(data);
    expect(copy).toEqual(data);
    expect(copy.a[0]).not.toBe(data.a[0]);
  });

  it('knows plain objects, including those with no prototype', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
    expect(isPlainObject(null)).toBe(false);
  });
});
