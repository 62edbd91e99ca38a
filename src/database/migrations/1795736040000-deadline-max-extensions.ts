import { MigrationInterface, QueryRunner } from 'typeorm';

/** How many proroghe the law allows a deadline (e.g. the adoption inquiry: one); null for no limit. */
export class DeadlineMaxExtensions1795736040000 implements MigrationInterface {
  name = 'DeadlineMaxExtensions1795736040000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE case_deadline ADD COLUMN max_extensions int CHECK (max_extensions >= 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_deadline DROP COLUMN max_extensions`);
  }
}
