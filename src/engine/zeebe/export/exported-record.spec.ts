import { keyOf, MalformedRecordError, parseRecord } from './exported-record';

describe('exported records (zeebe-redis-exporter, JSON format)', () => {
  const record = (key: string, extra = '') =>
    `{"partitionId":4,"position":12,"key":${key},"timestamp":1767254400000,"recordType":"EVENT",` +
    `"valueType":"PROCESS_INSTANCE","intent":"ELEMENT_ACTIVATED","value":{"processInstanceKey":${key},` +
    `"flowScopeKey":-1,"elementId":"avvio"${extra}}}`;

  it('keeps int64 keys exact beyond 2^53 (partition 4 on)', () => {
    const parsed = parseRecord(record('9007199254740995'));
    expect(parsed.key).toBe('9007199254740995');
    expect(keyOf(parsed.value, 'processInstanceKey')).toBe('9007199254740995');
    expect(parsed.position).toBe('12');
  });

  it('reads -1 as no key', () => {
    expect(keyOf(parseRecord(record('2251799813685249')).value, 'flowScopeKey')).toBeNull();
  });

  it.each([
    ['not JSON', 'not JSON'],
    ['{"partitionId":1}', 'no record value'],
    ['{"partitionId":1,"value":{},"position":"x"}', 'missing record metadata'],
  ])('refuses %s', (text, reason) => {
    expect(() => parseRecord(text)).toThrow(MalformedRecordError);
    expect(() => parseRecord(text)).toThrow(reason);
  });
});
