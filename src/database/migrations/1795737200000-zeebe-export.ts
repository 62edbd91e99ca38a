import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the consumer of a Zeebe cluster's exported records keeps beside the read side's tables:
 * how far it has applied each partition's stream of each record type (so a record delivered
 * twice is applied once), and the element instances' variable scopes (Zeebe 8.5 has no query
 * API; the forms prefill from these).
 */
export class ZeebeExport1795737200000 implements MigrationInterface {
  name = 'ZeebeExport1795737200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE zeebe_export_position (
        partition_id int NOT NULL,
        value_type varchar(64) NOT NULL,
        position bigint NOT NULL,
        PRIMARY KEY (partition_id, value_type)
      )`,
    );
    await queryRunner.query(
      `CREATE TABLE exported_scope (
        key bigint PRIMARY KEY,
        process_instance_key bigint NOT NULL,
        parent_key bigint,
        variables jsonb NOT NULL DEFAULT '{}'
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX exported_scope_instance ON exported_scope (process_instance_key)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE exported_scope`);
    await queryRunner.query(`DROP TABLE zeebe_export_position`);
  }
}
