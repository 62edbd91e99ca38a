import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
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
 * How long after its use a refresh token may be presented again, and get the same successor:
 * two tabs of one browser refreshing at once. Later, a second use is a theft.
 */
export const REFRESH_GRACE_MS = 30_000;

/** The successor of a token, sealed with a key only the token itself derives (AES-256-GCM). */
function seal(successor: string, usedToken: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', successorKey(usedToken), iv);
  const sealed = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

function unseal(sealed: string, usedToken: string): string | null {
  try {
    const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', successorKey(usedToken), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function successorKey(token: string): Buffer {
  return createHash('sha256').update(`successor:${token}`).digest();
}

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
          `SELECT s.id, s.account_id, s.expires_at, t.used_at, t.successor_sealed
             FROM session_refresh_token t JOIN session s ON s.id = t.session_id
           WHERE t.token_hash = $1 AND s.revoked_at IS NULL`,
          [hash],
        );
        if (!used) return { outcome: 'invalid' };
        const recent = now.getTime() - new Date(used.used_at).getTime() <= REFRESH_GRACE_MS;
        const successor =
          recent && used.successor_sealed ? unseal(used.successor_sealed, refreshToken) : null;
        if (successor && new Date(used.expires_at) > now) {
          return {
            outcome: 'rotated',
            sessionId: used.id,
            accountId: used.account_id,
            refreshToken: successor,
            expiresAt: new Date(used.expires_at),
          };
        }
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
      const successor = await this.newRefreshToken(manager, sessionId, now);
      await manager.query(
        `UPDATE session_refresh_token SET successor_sealed = $2 WHERE token_hash = $1`,
        [hash, seal(successor, refreshToken)],
      );
      return {
        outcome: 'rotated',
        sessionId,
        accountId: session.account_id,
        refreshToken: successor,
        expiresAt: new Date(session.expires_at),
      };
    });
  }

  /** The check behind every authenticated request: one primary-key lookup. */
  async isLive(sessionId: string): Promise<boolean> {
    // A signed token with a malformed id is refused like an unknown one, not as a database error.
    if (!SESSION_ID.test(sessionId)) return false;
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
