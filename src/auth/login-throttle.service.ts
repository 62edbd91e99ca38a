import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RetryLaterException } from '../common/retry-later.exception';
import { AppConfig } from '../config/app-config';

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
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Throws 429 with Retry-After while the username or the address is locked. */
  async check(username: string, address: string | null): Promise<void> {
    const { maxPerAccount, maxPerAddress } = this.config.loginThrottle;
    const now = new Date();
    const until = latest(
      await this.lockedUntil('username_key', usernameKey(username), maxPerAccount, now),
      await this.lockedUntil('address', addressKey(address), maxPerAddress, now),
    );
    if (!until) return;
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    throw new RetryLaterException(
      `Troppi tentativi di accesso non riusciti: per sicurezza l'accesso è bloccato fino alle ${ROME_TIME.format(until)} ` +
        `(tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}) e fino ad allora non viene accettata nemmeno la password corretta. ` +
        `Chi ha dimenticato la password può chiederne una nuova all'amministratore.`,
      seconds,
    );
  }

  async recordFailure(username: string, address: string | null): Promise<void> {
    const now = new Date();
    await this.dataSource.query(
      `INSERT INTO login_failure (at, username_key, address) VALUES ($1, $2, $3)`,
      [now, usernameKey(username), addressKey(address)],
    );
    // Failures older than the window count for nothing any more.
    await this.dataSource.query(`DELETE FROM login_failure WHERE at < $1`, [this.windowStart(now)]);
  }

  /** A successful login clears its username's count (not the address's: one good account must not unlock an address). */
  async reset(username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failure WHERE username_key = $1`, [
      usernameKey(username),
    ]);
  }

  /** The max-th most recent failure of the key within the window decides: the lock lasts until it leaves. */
  private async lockedUntil(
    column: 'username_key' | 'address',
    key: string,
    max: number,
    now: Date,
  ): Promise<Date | null> {
    const [row] = await this.dataSource.query(
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
