import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unit's own duties run as processes (the territorial network, funded projects, students'
 * placements): not a person's case, so not a case path; each is numbered in the ATT register.
 */
export class UnitDuties1795737600000 implements MigrationInterface {
  name = 'UnitDuties1795737600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE unit_duty (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      duty_number varchar(32) NOT NULL UNIQUE,
      unit_code varchar(8) NOT NULL REFERENCES territorial_unit (code),
      duty varchar(32) NOT NULL,
      title varchar(200) NOT NULL,
      process_instance_key bigint,
      started_at timestamptz NOT NULL DEFAULT now(),
      started_by uuid REFERENCES account (id)
    )`);
    await queryRunner.query(`CREATE INDEX unit_duty_unit ON unit_duty (unit_code, started_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE unit_duty`);
  }
}
