import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security, part 2.
 * - The access log stays append-only, except for the one explicit purge: the
 *   trigger lets a DELETE through only for rows older than 24 months and older
 *   than the cut-off the purge sets for its own transaction
 *   (`percorsi.access_log_purge_before`, SET LOCAL). A plain DELETE is refused.
 * - Grants that let a manager (dirigente) read one case file until they expire.
 * - The population of each territorial unit, for the caseload figures against
 *   the LEPS target (1 social worker per 5,000 inhabitants).
 */
export class Security1795736200000 implements MigrationInterface {
  name = 'Security1795736200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE FUNCTION access_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          cut_off text := current_setting('percorsi.access_log_purge_before', true);
        BEGIN
          IF TG_OP = 'DELETE' AND cut_off IS NOT NULL AND cut_off <> ''
             AND OLD.at < cut_off::timestamptz AND OLD.at < now() - interval '24 months' THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $$`,
      `DROP TRIGGER access_log_append_only ON access_log`,
      `CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION access_log_guard()`,
      `CREATE TABLE case_grant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES social_case (id),
        manager_id uuid NOT NULL REFERENCES account (id),
        reason varchar(500) NOT NULL,
        granted_by uuid NOT NULL REFERENCES account (id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`,
      `CREATE INDEX case_grant_manager ON case_grant (manager_id, case_id, expires_at)`,
      `CREATE TABLE unit_population (
        unit_code varchar(8) PRIMARY KEY REFERENCES territorial_unit (code),
        population int NOT NULL CHECK (population > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      'DROP TABLE unit_population',
      'DROP TABLE case_grant',
      'DROP TRIGGER access_log_append_only ON access_log',
      `CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      'DROP FUNCTION access_log_guard',
    ]) {
      await queryRunner.query(statement);
    }
  }
}
