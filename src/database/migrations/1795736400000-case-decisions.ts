import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case file as the caseworker's working place:
 * - an outside party's decision (a court decree, the Prefettura's eviction date) recorded
 *   from the case file, with the waiting step it answers; the message it owes the engine
 *   goes through engine_message_outbox in the same transaction;
 * - each (re)assignment of the case manager by the unit's coordinator, with the reason.
 * Both are history: append-only, like the diary.
 */
export class CaseDecisions1795736400000 implements MigrationInterface {
  name = 'CaseDecisions1795736400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE case_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES social_case (id),
        kind varchar(64) NOT NULL,
        process_instance_key bigint NOT NULL,
        subscription_key bigint NOT NULL,
        element_id varchar(255) NOT NULL,
        message_name varchar(255) NOT NULL,
        correlation_key varchar(255) NOT NULL,
        fields jsonb NOT NULL,
        document_id uuid REFERENCES case_document (id),
        note text,
        recorded_by uuid NOT NULL REFERENCES account (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX case_decision_case ON case_decision (case_id, recorded_at)`,
      `CREATE INDEX case_decision_instance ON case_decision (process_instance_key)`,
      `CREATE TRIGGER case_decision_append_only BEFORE UPDATE OR DELETE ON case_decision
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      `CREATE TABLE case_manager_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES social_case (id),
        account_id uuid NOT NULL REFERENCES account (id),
        previous_account_id uuid REFERENCES account (id),
        reason varchar(500),
        assigned_by uuid NOT NULL REFERENCES account (id),
        assigned_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX case_manager_assignment_case ON case_manager_assignment (case_id, assigned_at)`,
      `CREATE TRIGGER case_manager_assignment_append_only BEFORE UPDATE OR DELETE ON case_manager_assignment
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE case_manager_assignment');
    await queryRunner.query('DROP TABLE case_decision');
  }
}
