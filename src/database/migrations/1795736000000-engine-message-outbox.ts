import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages the domain owes the engine (a proroga re-arming a path's timer, a breach starting
 * its escalation), written in the transaction that decided them and published after it: a
 * crash or an engine outage only delays them. Each carries a message id, so a publish
 * repeated after a crash is refused by the engine as a duplicate.
 */
export class EngineMessageOutbox1795736000000 implements MigrationInterface {
  name = 'EngineMessageOutbox1795736000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE engine_message_outbox (
      id bigserial PRIMARY KEY,
      name varchar(255) NOT NULL,
      correlation_key varchar(255) NOT NULL,
      message_id varchar(255) NOT NULL,
      variables jsonb NOT NULL DEFAULT '{}',
      time_to_live_ms bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      last_error text
    )`);
    await queryRunner.query(
      `CREATE INDEX engine_message_outbox_due ON engine_message_outbox (next_attempt_at, id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE engine_message_outbox');
  }
}
