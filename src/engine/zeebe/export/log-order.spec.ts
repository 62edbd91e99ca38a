import { ExportedRecord } from './exported-record';
import { applicableNow, ReadEntry } from './log-order';

const entry = (stream: string, id: string, partitionId: number, position: number): ReadEntry => ({
  entry: { stream, id, text: '' },
  record: {
    partitionId,
    position: String(position),
    key: '1',
    timestamp: 0,
    recordType: 'EVENT',
    valueType: stream,
    intent: 'CREATED',
    value: {},
  } satisfies ExportedRecord,
});
const ids = (entries: ReadEntry[]) => entries.map((e) => `${e.entry.stream}@${e.entry.id}`);

describe('which exported records a pass applies now', () => {
  it('applies everything when no stream was cut short', () => {
    const now = applicableNow([
      { stream: 'JOB', more: false, items: [entry('JOB', '10-0', 1, 9)] },
      { stream: 'PI', more: false, items: [entry('PI', '5-0', 1, 3)] },
    ]);
    expect(ids(now)).toEqual(['JOB@10-0', 'PI@5-0']);
  });

  it('holds a record back while a cut stream may still hold a predecessor of its partition', () => {
    const now = applicableNow([
      { stream: 'PI', more: true, items: [entry('PI', '5-0', 1, 3), entry('PI', '6-0', 1, 4)] },
      { stream: 'JOB', more: false, items: [entry('JOB', '6-1', 1, 5), entry('JOB', '9-0', 1, 8)] },
    ]);
    expect(ids(now)).toEqual(['PI@5-0', 'PI@6-0']);
  });

  it('for a partition the cut stream does not show, goes by the millisecond Redis appended it', () => {
    const now = applicableNow([
      { stream: 'PI', more: true, items: [entry('PI', '20-0', 1, 3)] },
      {
        stream: 'JOB',
        more: false,
        items: [entry('JOB', '19-0', 2, 50), entry('JOB', '20-1', 2, 51)],
      },
    ]);
    expect(ids(now)).toEqual(['PI@20-0', 'JOB@19-0']);
  });

  it('acknowledges entries that are no record', () => {
    const junk: ReadEntry = { entry: { stream: 'JOB', id: '1-0', text: 'x' }, record: null };
    expect(applicableNow([{ stream: 'JOB', more: true, items: [junk] }])).toEqual([junk]);
  });

  it('lets the earliest cut stream go when nothing is provably in order, rather than stand still', () => {
    const now = applicableNow([
      { stream: 'PI', more: true, items: [entry('PI', '20-0', 1, 7)] },
      { stream: 'JOB', more: true, items: [entry('JOB', '20-0', 2, 9)] },
      {
        stream: 'VAR',
        more: true,
        items: [entry('VAR', '21-0', 1, 8), entry('VAR', '21-1', 2, 10)],
      },
    ]);
    expect(now.length).toBeGreaterThan(0);
    expect(new Set(now.map((e) => e.entry.stream)).size).toBe(1);
  });
});
