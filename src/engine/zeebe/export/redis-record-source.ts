import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { READ_SIDE_VALUE_TYPES } from './exported-record';

/** One entry of an exporter stream: its stream, its id, and the record's JSON. */
export interface StreamEntry {
  stream: string;
  id: string;
  text: string;
}

/**
 * The first entries of a stream not yet acknowledged by the group, in order; `more`: the
 * stream may hold further ones after them. Entries read past a gap (`beyond`) are left pending
 * and come back, in order, on a later read.
 */
export interface StreamRead {
  stream: string;
  entries: StreamEntry[];
  more: boolean;
  beyond: StreamEntry[];
}

/** The consumer group every Percorsi replica reads in. */
export const CONSUMER_GROUP = 'percorsi';

type RawEntry = [id: string, fields: string[]] | null;

/**
 * The exporter's Redis streams, read in one consumer group so the exporter keeps what the
 * service has not acknowledged (with its delete-after-acknowledge cleanup). Entries another
 * consumer took and did not acknowledge (a replica that died mid-pass) are claimed first, so
 * nothing is left pending and each stream is applied in its order.
 */
export class RedisRecordSource {
  private readonly redis: Redis;
  private readonly streams: string[];
  private readonly consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private groupsReady = false;

  constructor(url: string, prefix: string) {
    // Fail a command rather than queue it while Redis is away: the pass retries later.
    this.redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.redis.on('error', () => undefined);
    this.streams = READ_SIDE_VALUE_TYPES.map((type) => `${prefix}:${type}`);
  }

  /**
   * Up to `count` entries per stream from the start of what the group has not acknowledged:
   * those pending on any consumer (a replica that died after reading them), then new ones.
   */
  async next(count: number): Promise<StreamRead[]> {
    try {
      await this.ensureGroups();
      const pending = await this.claimPending(count);
      const fresh = await this.readNew(count);
      return this.streams.map((stream) => {
        const { entries: claimed, more: morePending } = pending.get(stream)!;
        const read = fresh.get(stream) ?? [];
        return morePending
          ? { stream, entries: claimed, more: true, beyond: read }
          : { stream, entries: [...claimed, ...read], more: read.length === count, beyond: [] };
      });
    } catch (error) {
      // Redis lost its data (or the groups were removed): make them again next time.
      if (error instanceof Error && error.message.startsWith('NOGROUP')) this.groupsReady = false;
      throw error;
    }
  }

  async acknowledge(entries: readonly StreamEntry[]): Promise<void> {
    const byStream = new Map<string, string[]>();
    for (const { stream, id } of entries)
      byStream.set(stream, [...(byStream.get(stream) ?? []), id]);
    for (const [stream, ids] of byStream) await this.redis.xack(stream, CONSUMER_GROUP, ...ids);
  }

  async close(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') {
      this.redis.disconnect();
      return;
    }
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async ensureGroups(): Promise<void> {
    if (this.groupsReady) return;
    if (this.redis.status === 'wait') await this.redis.connect();
    for (const stream of this.streams) {
      try {
        // From the stream's start: what the exporter wrote before the first start is read too.
        await this.redis.xgroup('CREATE', stream, CONSUMER_GROUP, '0', 'MKSTREAM');
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
      }
    }
    this.groupsReady = true;
  }

  private async claimPending(
    count: number,
  ): Promise<Map<string, { entries: StreamEntry[]; more: boolean }>> {
    const claims = new Map<string, { entries: StreamEntry[]; more: boolean }>();
    for (const stream of this.streams) {
      const [cursor, claimed] = (await this.redis.xautoclaim(
        stream,
        CONSUMER_GROUP,
        this.consumer,
        0,
        '0-0',
        'COUNT',
        count,
      )) as [string, RawEntry[]];
      claims.set(stream, { entries: toEntries(stream, claimed), more: cursor !== '0-0' });
    }
    return claims;
  }

  private async readNew(count: number): Promise<Map<string, StreamEntry[]>> {
    const answer = (await this.redis.xreadgroup(
      'GROUP',
      CONSUMER_GROUP,
      this.consumer,
      'COUNT',
      count,
      'STREAMS',
      ...this.streams,
      ...this.streams.map(() => '>'),
    )) as Array<[string, RawEntry[]]> | null;
    return new Map((answer ?? []).map(([stream, raw]) => [stream, toEntries(stream, raw)]));
  }
}

/** The exporter writes one field per entry (named by its timestamp) holding the record. */
function toEntries(stream: string, raw: RawEntry[]): StreamEntry[] {
  return raw.flatMap((entry) =>
    entry && entry[1].length >= 2 ? [{ stream, id: entry[0], text: entry[1][1] }] : [],
  );
}
