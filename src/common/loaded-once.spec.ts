import { LoadedOnce } from './loaded-once';

describe('LoadedOnce', () => {
  it('loads a key once, forgets a failed load, and drops the oldest key past its size', async () => {
    const loads: string[] = [];
    let fail = true;
    const cache = new LoadedOnce(2, async (key) => {
      loads.push(key);
      if (key === 'b' && fail) throw new Error('not yet');
      return key.toUpperCase();
    });
    expect(await Promise.all([cache.get('a'), cache.get('a')])).toEqual(['A', 'A']);
    await expect(cache.get('b')).rejects.toThrow('not yet');
    fail = false;
    expect(await cache.get('b')).toBe('B');
    expect(await cache.get('c')).toBe('C');
    expect(await cache.get('a')).toBe('A');
    expect(loads).toEqual(['a', 'b', 'b', 'c', 'a']);
  });
});
