import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The share of a full-time post each account works (1 = full time): the LEPS ratio of social
 * workers to inhabitants is counted in full-time equivalents.
 */
export class StaffFte1795737400000 implements MigrationInterface {
  name = 'StaffFte1795737400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE account ADD COLUMN fte numeric(3,2) NOT NULL DEFAULT 1 CHECK (fte > 0 AND fte <= 1)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE account DROP COLUMN fte`);
  }
}
