import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Persons, households, cases (cartelle sociali), referrals (segnalazioni),
 * the social diary, case documents, and the access log. The diary and the
 * access log are append-only in the database itself: a correction is a new
 * entry, and nobody — not even a bug — rewrites history.
 */
export class Cases1764220000000 implements MigrationInterface {
  name = 'Cases1764220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tax_code varchar(16) UNIQUE,
        surname varchar(100) NOT NULL,
        name varchar(100) NOT NULL,
        birth_date date,
        sex char(1) CHECK (sex IN ('F', 'M')),
        birth_place varchar(120),
        citizenship varchar(80),
        phone varchar(40),
        email varchar(254),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES account (id)
      )`,
      `CREATE INDEX person_name ON person (lower(surname) text_pattern_ops, lower(name) text_pattern_ops)`,
      `CREATE TABLE household (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        address varchar(300) NOT NULL,
        unit_code varchar(8) NOT NULL REFERENCES territorial_unit (code),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES account (id)
      )`,
      `CREATE TABLE household_member (
        household_id uuid NOT NULL REFERENCES household (id),
        person_id uuid NOT NULL REFERENCES person (id),
        relationship varchar(40) NOT NULL,
        PRIMARY KEY (household_id, person_id)
      )`,
      `CREATE INDEX household_member_person ON household_member (person_id)`,
      // Numbers without gaps per kind, unit and year: taken under the row lock in the creating transaction.
      `CREATE TABLE register_sequence (
        kind varchar(8) NOT NULL,
        unit_code varchar(8) NOT NULL REFERENCES territorial_unit (code),
        year int NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (kind, unit_code, year)
      )`,
      `CREATE TABLE referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_number varchar(32) NOT NULL UNIQUE,
        unit_code varchar(8) NOT NULL REFERENCES territorial_unit (code),
        received_at timestamptz NOT NULL,
        channel varchar(32) NOT NULL,
        sender_name varchar(200),
        urgency varchar(16) NOT NULL CHECK (urgency IN ('ordinary', 'urgent', 'immediate')),
        person_id uuid REFERENCES person (id),
        subject_description varchar(300),
        request_text text NOT NULL,
        status varchar(24) NOT NULL CHECK (status IN ('received', 'closed', 'case-opened')),
        outcome varchar(40),
        case_id uuid,
        process_instance_key bigint,
        created_by uuid NOT NULL REFERENCES account (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX referral_unit ON referral (unit_code, received_at DESC)`,
      `CREATE TABLE social_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_number varchar(32) NOT NULL UNIQUE,
        unit_code varchar(8) NOT NULL REFERENCES territorial_unit (code),
        person_id uuid NOT NULL REFERENCES person (id),
        household_id uuid REFERENCES household (id),
        case_manager_id uuid REFERENCES account (id),
        status varchar(16) NOT NULL CHECK (status IN ('open', 'closed')),
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        opened_by uuid REFERENCES account (id),
        referral_id uuid REFERENCES referral (id)
      )`,
      `ALTER TABLE referral ADD CONSTRAINT referral_case FOREIGN KEY (case_id) REFERENCES social_case (id)`,
      `CREATE INDEX social_case_unit ON social_case (unit_code, status, opened_at DESC)`,
      `CREATE INDEX social_case_manager ON social_case (case_manager_id, status)`,
      `CREATE INDEX social_case_person ON social_case (person_id)`,
      `CREATE TABLE case_path (
        case_id uuid NOT NULL REFERENCES social_case (id),
        bpmn_process_id varchar(255) NOT NULL,
        process_instance_key bigint NOT NULL,
        started_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, process_instance_key)
      )`,
      `CREATE INDEX case_path_process ON case_path (bpmn_process_id)`,
      `CREATE TABLE diary_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES social_case (id),
        kind varchar(16) NOT NULL CHECK (kind IN ('note', 'meeting', 'home-visit', 'phone-call', 'correction')),
        occurred_at timestamptz NOT NULL,
        text text NOT NULL,
        corrects_id uuid REFERENCES diary_entry (id),
        author_id uuid NOT NULL REFERENCES account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'correction') = (corrects_id IS NOT NULL))
      )`,
      `CREATE INDEX diary_entry_case ON diary_entry (case_id, occurred_at)`,
      `CREATE TABLE case_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES social_case (id),
        file_name varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes int NOT NULL,
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        description varchar(500),
        uploaded_by uuid NOT NULL REFERENCES account (id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX case_document_case ON case_document (case_id, uploaded_at)`,
      `CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        account_id uuid,
        username varchar(64) NOT NULL,
        role varchar(32) NOT NULL,
        unit_code varchar(8),
        action varchar(16) NOT NULL,
        entity varchar(16) NOT NULL,
        entity_id varchar(64),
        case_id uuid,
        person_ids uuid[] NOT NULL DEFAULT '{}',
        reason varchar(300),
        address varchar(64),
        request_id varchar(64)
      )`,
      `CREATE INDEX access_log_case ON access_log (case_id, at) WHERE case_id IS NOT NULL`,
      `CREATE INDEX access_log_person ON access_log USING gin (person_ids)`,
      `CREATE INDEX access_log_at ON access_log (at)`,
      `CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $$`,
      `CREATE TRIGGER diary_entry_append_only BEFORE UPDATE OR DELETE ON diary_entry
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      `CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
        FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      'DROP TABLE access_log',
      'DROP TABLE case_document',
      'DROP TABLE diary_entry',
      'DROP TABLE case_path',
      'ALTER TABLE referral DROP CONSTRAINT referral_case',
      'DROP TABLE social_case',
      'DROP TABLE referral',
      'DROP TABLE register_sequence',
      'DROP TABLE household_member',
      'DROP TABLE household',
      'DROP TABLE person',
      'DROP FUNCTION refuse_change',
    ]) {
      await queryRunner.query(statement);
    }
  }
}
