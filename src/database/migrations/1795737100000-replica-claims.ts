import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims with a lease on what a background pass starts in the engine (a referral's intake, a
 * case's owed path), so that several replicas on one database never start it twice, and one
 * that dies mid-start leaves it to the others once its lease is over.
 */
export class ReplicaClaims1795737100000 implements MigrationInterface {
  name = 'ReplicaClaims1795737100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referral ADD COLUMN intake_claimed_until timestamptz`);
    await queryRunner.query(`ALTER TABLE case_path_request ADD COLUMN claimed_until timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_path_request DROP COLUMN claimed_until`);
    await queryRunner.query(`ALTER TABLE referral DROP COLUMN intake_claimed_until`);
  }
}
