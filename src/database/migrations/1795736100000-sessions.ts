import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions with rotating refresh tokens (stored as SHA-256 hashes only), the
 * failed logins the rate limit counts, OpenID Connect logins in progress, and
 * the link of an account to its identity at the OpenID provider.
 */
export class Sessions1795736100000 implements MigrationInterface {
  name = 'Sessions1795736100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        method varchar(16) NOT NULL CHECK (method IN ('password', 'oidc')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason varchar(32),
        address varchar(64)
      )`,
      `CREATE INDEX session_account ON session (account_id) WHERE revoked_at IS NULL`,
      `CREATE TABLE session_refresh_token (
        token_hash char(64) PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
      `CREATE INDEX session_refresh_token_session ON session_refresh_token (session_id)`,
      `CREATE TABLE login_failure (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        username_key varchar(64) NOT NULL,
        address varchar(64) NOT NULL
      )`,
      `CREATE INDEX login_failure_username ON login_failure (username_key, at)`,
      `CREATE INDEX login_failure_address ON login_failure (address, at)`,
      `CREATE INDEX login_failure_at ON login_failure (at)`,
      `CREATE TABLE oidc_login (
        state varchar(64) PRIMARY KEY,
        nonce varchar(64) NOT NULL,
        code_verifier varchar(128) NOT NULL,
        expires_at timestamptz NOT NULL,
        handoff_hash char(64) UNIQUE,
        account_id uuid REFERENCES account (id) ON DELETE CASCADE
      )`,
      `ALTER TABLE account ADD COLUMN oidc_subject varchar(255)`,
      `CREATE UNIQUE INDEX account_oidc_subject ON account (oidc_subject) WHERE oidc_subject IS NOT NULL`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      'ALTER TABLE account DROP COLUMN oidc_subject',
      'DROP TABLE oidc_login',
      'DROP TABLE login_failure',
      'DROP TABLE session_refresh_token',
      'DROP TABLE session',
    ]) {
      await queryRunner.query(statement);
    }
  }
}
