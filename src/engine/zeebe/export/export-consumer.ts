import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { ExportedRecord, MalformedRecordError, parseRecord } from './exported-record';
import { applicableNow } from './log-order';
import { projectRecords } from './record-projector';
import { RedisRecordSource, StreamEntry } from './redis-record-source';

/** Entries read per stream in one pass. */
const DEFAULT_BATCH = 200;
/** Pause between passes once the streams are drained, and after a failure (doubling to 30 s). */
const IDLE_MS = 500;
const MAX_BACK_OFF_MS = 30_000;
/** Transaction-scoped lock: one replica applies at a time, so each stream is applied in order. */
const PASS_LOCK = 1_795_737_200;

/**
 * On a Zeebe cluster, fills the read side (instances, flow events, jobs, incidents, message
 * subscriptions, variables) from the records `zeebe-redis-exporter` writes to Redis. Every
 * replica runs it; a pass holds a transaction lock, so one applies at a time and the others
 * take over when it stops. Records are applied and their positions saved in one transaction,
 * then acknowledged: a crash in between re-delivers records that are then skipped.
 */
@Injectable()
export class ZeebeExportConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ZeebeExport');
  private source?: RedisRecordSource;
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;
  /** Entries read per stream in one pass (tests make it small, to cut streams mid-journey). */
  batch = DEFAULT_BATCH;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const exporter = this.config.zeebeExporter;
    if (!exporter) return;
    this.source = new RedisRecordSource(exporter.redisUrl, exporter.streamPrefix);
    this.running = this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.source?.close();
  }

  /**
   * One pass: the entries waiting (up to a batch per stream) that are in log order applied and
   * acknowledged. Returns how many it acknowledged, 0 when another replica holds the pass or
   * nothing waits.
   */
  async pass(): Promise<number> {
    const source = this.source;
    if (!source) return 0;
    const taken = await this.dataSource.transaction(async (manager) => {
      const [{ locked }]: Array<{ locked: boolean }> = await manager.query(
        `SELECT pg_try_advisory_xact_lock($1) AS locked`,
        [PASS_LOCK],
      );
      if (!locked) return [];
      const reads = await source.next(this.batch);
      const now = applicableNow(
        reads.map(({ stream, more, entries }) => ({
          stream,
          more,
          items: entries.map((entry) => ({ entry, record: this.parse(entry) })),
        })),
      );
      await projectRecords(
        manager,
        now.flatMap(({ record }) => (record ? [record] : [])),
      );
      return now.map(({ entry }) => entry);
    });
    if (taken.length > 0) await source.acknowledge(taken);
    return taken.length;
  }

  /** Null for an entry that is no record: acknowledged with the rest, or it would block its stream. */
  private parse(entry: StreamEntry): ExportedRecord | null {
    try {
      return parseRecord(entry.text);
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      this.logger.error(`Skipped entry ${entry.id} of ${entry.stream}: ${error.message}`);
      return null;
    }
  }

  private async loop(): Promise<void> {
    let backOff = IDLE_MS;
    while (!this.stopped) {
      try {
        const taken = await this.pass();
        backOff = IDLE_MS;
        if (taken > 0) continue;
      } catch (error) {
        backOff = Math.min(backOff * 2, MAX_BACK_OFF_MS);
        this.logger.warn(
          `Exported records not applied, retry in ${backOff} ms: ${(error as Error).message}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backOff);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
