import { MigrationInterface, QueryRunner } from 'typeorm';

const UNITS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

export class AccountsAndUnits1764190000000 implements MigrationInterface {
  name = 'AccountsAndUnits1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE territorial_unit (
        code varchar(8) PRIMARY KEY,
        name varchar(120) NOT NULL
      )`);
    await queryRunner.query(
      `INSERT INTO territorial_unit (code, name) VALUES ${UNITS.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}`,
      UNITS.flatMap((code) => [code, `Circoscrizione ${code}`]),
    );
    await queryRunner.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        display_name varchar(200) NOT NULL,
        role varchar(32) NOT NULL
          CHECK (role IN ('front-office', 'caseworker', 'coordinator', 'manager', 'admin')),
        unit_code varchar(8) REFERENCES territorial_unit (code),
        password_hash varchar(255),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz,
        CONSTRAINT account_unit_matches_role CHECK (
          (role IN ('front-office', 'caseworker', 'coordinator')) = (unit_code IS NOT NULL)
        )
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX account_username ON account (lower(username))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE account`);
    await queryRunner.query(`DROP TABLE territorial_unit`);
  }
}
