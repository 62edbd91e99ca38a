import { isEngineKey } from './engine-key.validator';

describe('isEngineKey', () => {
  it('accepts decimal int64 keys up to 2^63-1', () => {
    for (const key of ['0', '1', '2251799813685249', '9223372036854775807', '0001']) {
      expect(isEngineKey(key)).toBe(true);
    }
  });

  it('refuses anything else', () => {
    for (const key of [
      '',
      '-1',
      '1.5',
      '1e5',
      ' 1',
      '0x10',
      '9223372036854775808',
      '12345678901234567890',
      1,
      null,
      undefined,
    ]) {
      expect(isEngineKey(key)).toBe(false);
    }
  });
});
