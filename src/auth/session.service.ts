import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { changedRows } from '../database/changed-rows';

export type SessionMethod = 'password' | 'oidc';

export type RevokeReason = 'logout' | 'token-reuse' | 'password' | 'account-changed';

export interface IssuedRefreshToken {
  sessionId: string;
  accountId: string;
  refreshToken: string;
  expiresAt: Date;
}

/** What presenting a refresh token found: a fresh one, a replayed one (theft), or nothing valid. */
export type RotateOutcome =
  | ({ outcome: 'rotated' } & IssuedRefreshToken)
  | { outcome: 'reused'; sessionId: string; accountId: string }
  | { outcome: 'invalid' };

/** Only a SHA-256 of a refresh token is stored: a copy of the database opens no session. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions of signed-in people: each has a fixed end (REFRESH_TOKEN_TTL_SECONDS
 * from login) and one valid refresh token at a time. Access tokens carry the
 * session id, so revoking a session stops them at once.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async start(
    accountId: string,
    method: SessionMethod,
    address: string | null,
  ): Promise<IssuedRefreshToken> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000);
    return this.dataSource.transaction(async (manager) => {
      // Sessions long over are of no use to anyone: drop this account's, as it signs in again.
      await manager.query(`DELETE FROM session WHERE account_id = $1 AND expires_at < $2`, [
        accountId,
        new Date(now.getTime() - 24 * 3600 * 1000),
      ]);
      const [{ id }] = await manager.query(
        `INSERT INTO session (account_id, method, created_at, expires_at, address)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [accountId, method, now, expiresAt, address],
      );
      const refreshToken = await this.newRefreshToken(manager, id, now);
      return { sessionId: id, accountId, refreshToken, expiresAt };
    });
  }

  /**
   * Trades a refresh token for a new one. A token used before means two
   * parties hold it: the whole session is revoked and the caller told so.
   */
  async rotate(refreshToken: string): Promise<RotateOutcome> {
    const hash = hashToken(refreshToken);
    const now = new Date();
    return this.dataSource.transaction(async (manager): Promise<RotateOutcome> => {
      const claimed = await changedRows<{ session_id: string }>(
        manager,
        `UPDATE session_refresh_token SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL RETURNING session_id`,
        [hash, now],
      );
      if (claimed.length === 0) {
        const [used] = await manager.query(
          `SELECT s.id, s.account_id FROM session_refresh_token t JOIN session s ON s.id = t.session_id
           WHERE t.token_hash = $1 AND s.revoked_at IS NULL`,
          [hash],
        );
        if (!used) return { outcome: 'invalid' };
        await this.revokeIn(manager, used.id, 'token-reuse', now);
        return { outcome: 'reused', sessionId: used.id, accountId: used.account_id };
      }
      const sessionId = claimed[0].session_id;
      const [session] = await manager.query(
        `SELECT account_id, expires_at FROM session
         WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2`,
        [sessionId, now],
      );
      if (!session) return { outcome: 'invalid' };
      return {
        outcome: 'rotated',
        sessionId,
        accountId: session.account_id,
        refreshToken: await this.newRefreshToken(manager, sessionId, now),
        expiresAt: new Date(session.expires_at),
      };
    });
  }

  /** The check behind every authenticated request: one primary-key lookup. */
  async isLive(sessionId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM session WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2`,
      [sessionId, new Date()],
    );
    return rows.length > 0;
  }

  async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
    await this.revokeIn(this.dataSource.manager, sessionId, reason, new Date());
  }

  /** Ends every session of an account (but the one named, if any): its role, unit or password changed. */
  async revokeAll(
    accountId: string,
    reason: RevokeReason,
    options: { except?: string; manager?: EntityManager } = {},
  ): Promise<void> {
    await (options.manager ?? this.dataSource.manager).query(
      `UPDATE session SET revoked_at = $2, revoked_reason = $3
       WHERE account_id = $1 AND revoked_at IS NULL AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [accountId, new Date(), reason, options.except ?? null],
    );
  }

  private async revokeIn(
    manager: EntityManager,
    sessionId: string,
    reason: RevokeReason,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE session SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, now, reason],
    );
  }

  private async newRefreshToken(
    manager: EntityManager,
    sessionId: string,
    now: Date,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await manager.query(
      `INSERT INTO session_refresh_token (token_hash, session_id, created_at) VALUES ($1, $2, $3)`,
      [hashToken(token), sessionId, now],
    );
    return token;
  }
}
