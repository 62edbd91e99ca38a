import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A path asked for when a case is opened, written with the case: should the engine be
 * unable to start it then, it is started later instead of being forgotten.
 */
export class CasePathRequests1795736030000 implements MigrationInterface {
  name = 'CasePathRequests1795736030000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE case_path_request (
      case_id uuid NOT NULL REFERENCES social_case (id),
      path varchar(64) NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      PRIMARY KEY (case_id, path)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE case_path_request');
  }
}
