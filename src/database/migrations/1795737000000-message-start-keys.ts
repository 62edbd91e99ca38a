import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Zeebe's rule for message start events: while an instance started by a message with a
 * correlation key is active, another message with that key starts no second instance of the
 * process; it waits (its time to live) and starts one when the first has ended.
 */
export class MessageStartKeys1795737000000 implements MigrationInterface {
  name = 'MessageStartKeys1795737000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE process_instance ADD COLUMN message_correlation_key varchar(255)`,
    );
    await queryRunner.query(
      `CREATE INDEX process_instance_message_key ON process_instance (bpmn_process_id, message_correlation_key)
        WHERE state = 'ACTIVE' AND message_correlation_key IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX process_instance_message_key`);
    await queryRunner.query(`ALTER TABLE process_instance DROP COLUMN message_correlation_key`);
  }
}
