import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The in-app inbox, its e-mail outbox, and the address notifications are
 * e-mailed to. Indexes serve "my unread, newest first", "my inbox, newest
 * first" and "outbox rows due now".
 */
export class Notifications1795735080000 implements MigrationInterface {
  name = 'Notifications1795735080000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE account ADD COLUMN email varchar(254)`);
    await queryRunner.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL CHECK (kind ~ '^[a-z][a-z-]*$'),
        subject varchar(200) NOT NULL,
        body text NOT NULL,
        link varchar(500),
        case_number varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_inbox ON notification (account_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX notification_unread ON notification (account_id, created_at DESC, id DESC)
        WHERE read_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE notification_email (
        notification_id uuid PRIMARY KEY REFERENCES notification (id) ON DELETE CASCADE,
        status varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_email_due ON notification_email (next_attempt_at)
        WHERE status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notification_email`);
    await queryRunner.query(`DROP TABLE notification`);
    await queryRunner.query(`ALTER TABLE account DROP COLUMN email`);
  }
}
