import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BackgroundLoop } from '../common/background-loop';
import { Clock } from './embedded/types';
import { ENGINE_CLOCK } from './engine-clock';
import { EngineConflictError, ProcessEngine, PublishMessageCommand } from './engine.port';

const BATCH = 50;
const INTERVAL_MS = 2_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** How long a pass holds the rows it claimed: far longer than publishing a batch takes. */
const CLAIM_MS = 5 * 60_000;

export type OwedMessage = PublishMessageCommand & { messageId: string };

interface OutboxRow {
  id: string;
  name: string;
  correlation_key: string;
  message_id: string;
  variables: Record<string, never>;
  time_to_live_ms: string;
  attempts: number;
}

/**
 * Messages to publish once the transaction that decided them commits. The engine is never
 * called inside a domain transaction (PGlite has one connection, Zeebe is another system);
 * the message waits here instead, so a crash or an outage delays it and loses nothing.
 */
@Injectable()
export class MessageOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MessageOutbox.name);
  private readonly loop: BackgroundLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: ProcessEngine,
    @Inject(ENGINE_CLOCK) private readonly clock: Clock,
  ) {
    this.loop = new BackgroundLoop(
      async () => (await this.publishDue()) === BATCH,
      INTERVAL_MS,
      (error) => this.logger.error(`message outbox: ${firstLine(error)}`),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Owes the message, inside the caller's transaction. */
  async enqueue(manager: EntityManager, message: OwedMessage): Promise<void> {
    const now = this.clock();
    await manager.query(
      `INSERT INTO engine_message_outbox (name, correlation_key, message_id, variables, time_to_live_ms, created_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      [
        message.name,
        message.correlationKey,
        message.messageId,
        JSON.stringify(message.variables ?? {}),
        message.timeToLiveMs ?? 0,
        now,
      ],
    );
  }

  /** Publishes what is owed now (after a commit, and in tests); resolves when the pass is done. */
  flush(): Promise<void> {
    return this.loop.runNow();
  }

  /** The number of messages still owed (health, tests). */
  async pending(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM engine_message_outbox`,
    );
    return row.n;
  }

  private async publishDue(): Promise<number> {
    // Claimed by moving their next attempt past a lease: replicas passing at the same moment
    // would otherwise publish the same rows, and the message id is no guard then (the engine
    // forgets it when the message's time to live ends, at once for a time to live of 0). A
    // replica that dies mid-pass leaves its rows to the others once the lease is over.
    const now = this.clock();
    const rows: OutboxRow[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE engine_message_outbox SET next_attempt_at = $2
          WHERE id IN (
            SELECT id FROM engine_message_outbox WHERE next_attempt_at <= $1
             ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING id, name, correlation_key, message_id, variables, time_to_live_ms, attempts)
       SELECT id::text, name, correlation_key, message_id, variables, time_to_live_ms, attempts
         FROM claimed ORDER BY id`,
      [now, new Date(now.getTime() + CLAIM_MS)],
    );
    for (const row of rows) {
      try {
        await this.engine.publishMessage({
          name: row.name,
          correlationKey: row.correlation_key,
          messageId: row.message_id,
          variables: row.variables,
          timeToLiveMs: Number(row.time_to_live_ms),
        });
      } catch (error) {
        // A duplicate id: an earlier pass published it and stopped before deleting the row.
        if (!(error instanceof EngineConflictError)) {
          await this.postpone(row, error);
          continue;
        }
      }
      await this.dataSource.query(`DELETE FROM engine_message_outbox WHERE id = $1`, [row.id]);
    }
    return rows.length;
  }

  private async postpone(row: OutboxRow, error: unknown): Promise<void> {
    const delay = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.min(row.attempts, 16));
    this.logger.warn(
      `message ${row.name} (${row.message_id}) not published, attempt ${row.attempts + 1}: ${firstLine(error)}`,
    );
    await this.dataSource.query(
      `UPDATE engine_message_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1`,
      [row.id, firstLine(error), new Date(this.clock().getTime() + delay)],
    );
  }
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
