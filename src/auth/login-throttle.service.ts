import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RetryLaterException } from '../common/retry-later.exception';
import { AppConfig } from '../config/app-config';

/** An attempt admitted and counted as a failure until it proves right. */
export interface LoginAttempt {
  id: string;
  username: string;
}

const ROME_TIME = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Counts failed logins per username (whether or not the account exists, so
 * the answer reveals nothing) and per client address, in the database so that
 * every instance of the service sees the same counts. Once a limit is reached
 * within the window, every login is refused, the right password too, until the
 * oldest counted failure leaves the window.
 *
 * Each attempt is counted as a failure before its password is checked, under a
 * transaction lock per username and per address, and withdrawn if it succeeds:
 * N concurrent attempts count as N, so no more than the limit ever reach the
 * (slow) password check.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * Admits one attempt: throws 429 with Retry-After while the username or the address is locked,
   * otherwise counts the attempt as a failure and returns it, for `succeeded` to withdraw.
   */
  async admit(username: string, address: string | null): Promise<LoginAttempt> {
    const { maxPerAccount, maxPerAddress } = this.config.loginThrottle;
    const user = usernameKey(username);
    const from = addressKey(address);
    const now = new Date();
    const outcome = await this.dataSource.transaction(
      async (
        manager,
      ): Promise<
        { until: Date; attempt?: undefined } | { attempt: LoginAttempt; until?: undefined }
      > => {
        // Both keys, always in this order: concurrent attempts queue here instead of racing.
        await manager.query(
          `SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock(hashtext($2))`,
          [`login-user:${user}`, `login-address:${from}`],
        );
        const until = latest(
          await this.lockedUntil(manager, 'username_key', user, maxPerAccount, now),
          await this.lockedUntil(manager, 'address', from, maxPerAddress, now),
        );
        if (until) return { until };
        const [row] = await manager.query(
          `INSERT INTO login_failure (at, username_key, address) VALUES ($1, $2, $3) RETURNING id::text`,
          [now, user, from],
        );
        return { attempt: { id: row.id as string, username: user } };
      },
    );
    if (outcome.attempt) return outcome.attempt;
    const seconds = Math.max(1, Math.ceil((outcome.until.getTime() - now.getTime()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    throw new RetryLaterException(
      `Troppi tentativi di accesso non riusciti: per sicurezza l'accesso è bloccato fino alle ${ROME_TIME.format(outcome.until)} ` +
        `(tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}) e fino ad allora non viene accettata nemmeno la password corretta. ` +
        `Chi ha dimenticato la password può chiederne una nuova all'amministratore.`,
      seconds,
    );
  }

  /** The attempt was right: it counts for nothing, and its username starts afresh. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failure WHERE id = $1`, [attempt.id]);
    await this.reset(attempt.username);
  }

  /** The attempt stays counted; failures older than the window count for nothing any more. */
  async failed(): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failure WHERE at < $1`, [
      this.windowStart(new Date()),
    ]);
  }

  /** A successful login clears its username's count (not the address's: one good account must not unlock an address). */
  async reset(username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failure WHERE username_key = $1`, [
      usernameKey(username),
    ]);
  }

  /** The max-th most recent failure of the key within the window decides: the lock lasts until it leaves. */
  private async lockedUntil(
    manager: EntityManager,
    column: 'username_key' | 'address',
    key: string,
    max: number,
    now: Date,
  ): Promise<Date | null> {
    const [row] = await manager.query(
      `SELECT at FROM login_failure WHERE ${column} = $1 AND at > $2
       ORDER BY at DESC OFFSET $3 LIMIT 1`,
      [key, this.windowStart(now), max - 1],
    );
    if (!row) return null;
    return new Date(new Date(row.at).getTime() + this.config.loginThrottle.windowSeconds * 1000);
  }

  private windowStart(now: Date): Date {
    return new Date(now.getTime() - this.config.loginThrottle.windowSeconds * 1000);
  }
}

function usernameKey(username: string): string {
  return username.toLowerCase().slice(0, 64);
}

function addressKey(address: string | null): string {
  return (address ?? 'unknown').slice(0, 64);
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
