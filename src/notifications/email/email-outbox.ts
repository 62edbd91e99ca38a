import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { composeNotificationEmail } from './compose-notification-email.util';
import { MailTransport } from './mail-transport';
import { retryDelayMs } from './retry-delay.util';
import { smtpFailure } from './smtp-failure.util';

export interface EmailOutboxOptions {
  /** Pause between passes when nothing is due (a new notification starts a pass at once). */
  intervalMs: number;
  /** Attempts per message before it is marked failed. */
  maxAttempts: number;
  /** Back-off after the first failed attempt; doubles after each further one… */
  baseDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
  /** How long an attempt holds its row: if the process dies mid-send, the row is due again after this. */
  leaseMs: number;
  /** Messages per pass; a full pass is followed by another at once. */
  batchSize: number;
  clock: () => Date;
  /** PUBLIC_URL, for absolute links. */
  publicUrl?: string;
}

/** 12 attempts over about 13 hours: a night-long outage of the mail server loses nothing. */
export const DEFAULT_OUTBOX_OPTIONS: Omit<EmailOutboxOptions, 'publicUrl'> = {
  intervalMs: 30_000,
  maxAttempts: 12,
  baseDelayMs: 30_000,
  maxDelayMs: 4 * 3600_000,
  leaseMs: 5 * 60_000,
  batchSize: 20,
  clock: () => new Date(),
};

interface ClaimedRow {
  notification_id: string;
  attempts: number;
  subject: string;
  body: string;
  link: string | null;
  case_number: string | null;
  email: string | null;
}

/**
 * Delivers the notification_email outbox: rows are written with their
 * notification, in the same transaction, and sent here afterwards, so the
 * caller never waits for the mail server and an outage loses nothing.
 * Each attempt first claims its row (SKIP LOCKED, with a lease), so several
 * processes never send the same row at once, and no transaction stays open
 * while the server is talked to. Logs carry the notification id and the
 * outcome only, never addresses or text.
 */
export class EmailOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EmailOutbox.name);
  private readonly options: EmailOutboxOptions;
  private timer?: NodeJS.Timeout;
  private passes: Promise<void> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport | undefined,
    options: Partial<EmailOutboxOptions> = {},
  ) {
    this.options = { ...DEFAULT_OUTBOX_OPTIONS, ...options };
  }

  /** Whether notifications are e-mailed at all (SMTP_URL is set). */
  get enabled(): boolean {
    return this.transport !== undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.stopped = false;
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.passes;
    this.transport?.close();
  }

  /** New rows were committed: deliver them soon, without waiting for the interval. */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  /**
   * Runs one pass now, after any pass in progress, as if the time were `at`
   * (tests move past a back-off with it), and resolves when it is done.
   */
  runNow(at?: Date): Promise<void> {
    return this.enqueuePass(at);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.enqueuePass(), delayMs);
    this.timer.unref();
  }

  /** Passes run one after another, never two at once. */
  private enqueuePass(at?: Date): Promise<void> {
    const pass = this.passes.then(async () => {
      let more = false;
      try {
        more = await this.deliverDue(at ?? this.options.clock());
      } catch (error) {
        // The database, not the mail server: the rows stay as they are for the next pass.
        this.logger.error(`e-mail outbox pass failed: ${(error as Error).message}`);
      }
      if (!this.stopped && this.transport) this.schedule(more ? 0 : this.options.intervalMs);
    });
    this.passes = pass;
    return pass;
  }

  /** Sends what is due at `now`; true when the batch was full and more may be waiting. */
  private async deliverDue(now: Date): Promise<boolean> {
    if (!this.transport) return false;
    for (let sent = 0; sent < this.options.batchSize; sent++) {
      const row = await this.claim(now);
      if (!row) return false;
      const delivered = await this.attempt(this.transport, row, now);
      if (!delivered) return false;
    }
    return true;
  }

  private async claim(now: Date): Promise<ClaimedRow | undefined> {
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
    const rows: ClaimedRow[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE notification_email SET attempts = attempts + 1, next_attempt_at = $2
          WHERE notification_id = (
            SELECT notification_id FROM notification_email
             WHERE status = 'pending' AND next_attempt_at <= $1
             ORDER BY next_attempt_at, notification_id
             LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING notification_id, attempts)
       SELECT c.notification_id, c.attempts, n.subject, n.body, n.link, n.case_number,
              CASE WHEN a.active THEN nullif(trim(a.email), '') END AS email
         FROM claimed c
         JOIN notification n ON n.id = c.notification_id
         JOIN account a ON a.id = n.account_id`,
      [now, leaseUntil],
    );
    return rows[0];
  }

  /** One attempt at one message; false when the server is unreachable (end the pass). */
  private async attempt(transport: MailTransport, row: ClaimedRow, now: Date): Promise<boolean> {
    const id = row.notification_id;
    if (!row.email) {
      await this.record(id, 'failed', 'ENOADDRESS: the account has no e-mail address any more');
      this.logger.warn(`notification e-mail ${id}: failed (no address)`);
      return true;
    }
    const content = { ...row, caseNumber: row.case_number };
    const { subject, text } = composeNotificationEmail(content, this.options.publicUrl);
    try {
      await transport.send({ id, to: row.email, subject, text });
    } catch (error) {
      const failure = smtpFailure(error);
      const final = failure.permanent || row.attempts >= this.options.maxAttempts;
      const retryAt = new Date(
        now.getTime() +
          retryDelayMs(row.attempts, this.options.baseDelayMs, this.options.maxDelayMs),
      );
      await this.record(id, final ? 'failed' : 'pending', failure.description, retryAt);
      const outcome = final ? 'failed' : `retry (attempt ${row.attempts})`;
      this.logger.warn(`notification e-mail ${id}: ${outcome}, ${failure.code}`);
      return !failure.serverDown;
    }
    await this.record(id, 'sent', null, undefined, this.options.clock());
    this.logger.log(`notification e-mail ${id}: sent`);
    return true;
  }

  private async record(
    id: string,
    status: 'pending' | 'sent' | 'failed',
    lastError: string | null,
    nextAttemptAt?: Date,
    sentAt?: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_email
          SET status = $2, last_error = $3,
              next_attempt_at = coalesce($4, next_attempt_at), sent_at = $5
        WHERE notification_id = $1`,
      [id, status, lastError, nextAttemptAt ?? null, sentAt ?? null],
    );
  }
}
