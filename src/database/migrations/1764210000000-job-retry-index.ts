import { MigrationInterface, QueryRunner } from 'typeorm';

/** Finds jobs whose retry back-off just ended, to wake their workers, without scanning the pool. */
export class JobRetryIndex1764210000000 implements MigrationInterface {
  name = 'JobRetryIndex1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX job_retry_at ON job (retry_at) WHERE state = 'ACTIVATABLE' AND retry_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX job_retry_at`);
  }
}
