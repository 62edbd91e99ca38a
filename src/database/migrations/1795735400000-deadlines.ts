import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running legal deadlines of a case, started and closed by a path's service
 * tasks, and their extensions (proroghe). Extensions are append-only: a
 * court's or the law's grant is history, never edited. Only one running
 * deadline per (process instance, element): a job delivered twice finds the
 * first one, while a loop that closed it may start a new one.
 */
export class Deadlines1795735400000 implements MigrationInterface {
  name = 'Deadlines1795735400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE case_deadline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES social_case (id),
        kind varchar(64) NOT NULL,
        label varchar(200) NOT NULL,
        legal_basis varchar(200),
        due_date date NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'running'
          CHECK (status IN ('running', 'met', 'breached', 'cancelled')),
        process_instance_key bigint,
        element_id varchar(255),
        created_at timestamptz NOT NULL DEFAULT now(),
        met_at timestamptz,
        last_reminder_at timestamptz
      )`,
      `CREATE UNIQUE INDEX case_deadline_job ON case_deadline (process_instance_key, element_id)
        WHERE status = 'running'`,
      `CREATE INDEX case_deadline_case ON case_deadline (case_id, due_date)`,
      `CREATE INDEX case_deadline_running ON case_deadline (due_date) WHERE status = 'running'`,
      `CREATE TABLE deadline_extension (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deadline_id uuid NOT NULL REFERENCES case_deadline (id),
        previous_due date NOT NULL,
        new_due date NOT NULL,
        reason text NOT NULL,
        granted_by varchar(200) NOT NULL,
        recorded_by uuid NOT NULL REFERENCES account (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX deadline_extension_deadline ON deadline_extension (deadline_id, recorded_at)`,
      `CREATE TRIGGER deadline_extension_append_only BEFORE UPDATE OR DELETE ON deadline_extension
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE deadline_extension');
    await queryRunner.query('DROP TABLE case_deadline');
  }
}
