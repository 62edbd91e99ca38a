import { ExportedRecord } from './exported-record';
import { StreamEntry } from './redis-record-source';

/** An entry of a pass with its record (null: not a record, nothing to order). */
export interface ReadEntry {
  entry: StreamEntry;
  record: ExportedRecord | null;
}

/** What a pass read of one stream: its first unacknowledged entries; `more` may follow. */
export interface ReadPrefix {
  stream: string;
  more: boolean;
  items: ReadEntry[];
}

/**
 * The entries of a pass that can be applied now. Each stream holds one value type in its
 * partitions' log order, but a pass reads a bounded prefix of each: a record whose predecessor
 * in the log sits in the unread part of another stream waits for a later pass (applied early,
 * a job's failure could land after its incident was resolved, or a variable before its scope).
 * A stream cut short leaves unread only records above its last position for each partition it
 * shows, and for the others records Redis appended no earlier than its last entry.
 */
export function applicableNow(prefixes: readonly ReadPrefix[]): ReadEntry[] {
  const cuts = prefixes
    .filter((prefix) => prefix.more)
    .map((prefix) => ({
      stream: prefix.stream,
      lastMs: prefix.items.length > 0 ? idMs(prefix.items[prefix.items.length - 1].entry.id) : -1,
      lastPosition: lastPositions(prefix.items),
    }));
  const safe = ({ entry, record }: ReadEntry): boolean =>
    record === null ||
    cuts.every((cut) => {
      if (cut.stream === entry.stream) return true;
      const last = cut.lastPosition.get(record.partitionId);
      return last !== undefined ? BigInt(record.position) <= last : idMs(entry.id) < cut.lastMs;
    });
  const items = prefixes.flatMap((prefix) => prefix.items);
  const now = items.filter(safe);
  if (now.some((item) => item.record !== null) || !items.some((item) => item.record !== null)) {
    return now;
  }
  // Nothing is provably in order (partitions appended in one millisecond): the stream cut
  // earliest goes first rather than the consumer standing still.
  const earliest = cuts.reduce((a, b) => (b.lastMs < a.lastMs ? b : a));
  return items.filter((item) => item.record === null || item.entry.stream === earliest.stream);
}

function lastPositions(items: readonly ReadEntry[]): Map<number, bigint> {
  const last = new Map<number, bigint>();
  for (const { record } of items) {
    if (!record) continue;
    const position = BigInt(record.position);
    if ((last.get(record.partitionId) ?? -1n) < position) last.set(record.partitionId, position);
  }
  return last;
}

/** The millisecond Redis appended an entry (its id is `<ms>-<sequence>`). */
function idMs(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}
