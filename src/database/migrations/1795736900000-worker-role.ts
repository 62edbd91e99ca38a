import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker role: external programs take jobs (and with them case data) under an account of
 * their own, so the access log says which program read what; the administrator no longer can.
 */
export class WorkerRole1795736900000 implements MigrationInterface {
  name = 'WorkerRole1795736900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE account DROP CONSTRAINT account_role_check`);
    await queryRunner.query(
      `ALTER TABLE account ADD CONSTRAINT account_role_check
        CHECK (role IN ('front-office', 'caseworker', 'coordinator', 'manager', 'admin', 'worker'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM account WHERE role = 'worker'`);
    await queryRunner.query(`ALTER TABLE account DROP CONSTRAINT account_role_check`);
    await queryRunner.query(
      `ALTER TABLE account ADD CONSTRAINT account_role_check
        CHECK (role IN ('front-office', 'caseworker', 'coordinator', 'manager', 'admin'))`,
    );
  }
}
