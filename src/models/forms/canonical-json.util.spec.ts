import { canonicalJson } from './canonical-json.util';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":0,"z":1}]},"b":1}',
    );
  });

  it('reads two objects with the same content in another key order the same, and different content differently', () => {
    const one = { id: 'f', components: [{ type: 'textfield', key: 'a' }], type: 'default' };
    const two = { type: 'default', components: [{ key: 'a', type: 'textfield' }], id: 'f' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).not.toBe(canonicalJson({ ...two, components: [] }));
  });

  it('writes scalars as JSON does', () => {
    expect([null, true, 1.5, 'è"'].map(canonicalJson)).toEqual(['null', 'true', '1.5', '"è\\""']);
  });
});
