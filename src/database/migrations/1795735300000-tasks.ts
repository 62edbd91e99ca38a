import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tasklist: one `task` row per user task job, and saved filters.
 *
 * Every view reads one unit's rows in the order it shows them, so each has a
 * partial index whose columns are (unit, [who,] sort keys): "my unit,
 * unassigned, open, most urgent first" is a range scan of
 * task_open_unassigned that stops after one page. Due dates sort ascending
 * with nulls last, PostgreSQL's default for an ascending index.
 */
export class Tasks1795735300000 implements MigrationInterface {
  name = 'Tasks1795735300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE task (
        job_key bigint PRIMARY KEY,
        process_instance_key bigint NOT NULL,
        element_instance_key bigint NOT NULL,
        bpmn_process_id varchar(255) NOT NULL,
        process_definition_version int NOT NULL,
        element_id varchar(255) NOT NULL,
        name varchar(255) NOT NULL,
        case_number varchar(120),
        unit_code varchar(8),
        assignee varchar(255),
        candidate_groups text[] NOT NULL DEFAULT '{}',
        candidate_users text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        due_at timestamptz,
        follow_up_at timestamptz,
        priority int NOT NULL DEFAULT 50 CHECK (priority BETWEEN 0 AND 100),
        form_key varchar(255),
        state varchar(16) NOT NULL DEFAULT 'CREATED'
          CHECK (state IN ('CREATED', 'COMPLETED', 'CANCELED')),
        completed_at timestamptz,
        completed_by varchar(64),
        canceled_at timestamptz,
        completing_by varchar(64),
        completing_at timestamptz,
        version int NOT NULL DEFAULT 1
      )`,
      // Open views: mine, unit-unassigned, unit. The included columns let the
      // candidate, path and priority tests, and the page's total, be answered
      // from the index alone.
      `CREATE INDEX task_open_assignee ON task (unit_code, assignee, due_at, created_at, job_key)
        INCLUDE (bpmn_process_id, priority) WHERE state = 'CREATED'`,
      `CREATE INDEX task_open_unassigned ON task (unit_code, due_at, created_at, job_key)
        INCLUDE (candidate_groups, candidate_users, bpmn_process_id, priority)
        WHERE state = 'CREATED' AND assignee IS NULL`,
      `CREATE INDEX task_open_unit ON task (unit_code, due_at, created_at, job_key)
        INCLUDE (bpmn_process_id, priority) WHERE state = 'CREATED'`,
      // Completed views: mine, the unit's; newest first.
      `CREATE INDEX task_completed_by ON task (unit_code, completed_by, completed_at DESC, job_key DESC)
        WHERE state = 'COMPLETED'`,
      `CREATE INDEX task_completed_unit ON task (unit_code, completed_at DESC, job_key DESC)
        WHERE state = 'COMPLETED'`,
      // The reconciler's sweep over open rows, and a case's tasks.
      `CREATE INDEX task_open_key ON task (job_key) WHERE state = 'CREATED'`,
      `CREATE INDEX task_case_number ON task (case_number)`,
      // "Open and unassigned" are far from independent (almost every completed
      // task has an assignee): without this the planner guesses ten times too
      // few rows and sorts a deep page instead of walking the index.
      `CREATE STATISTICS task_state_assignee (mcv) ON state, assignee, unit_code FROM task`,
      `CREATE INDEX task_process_instance ON task (process_instance_key)`,
      `CREATE TABLE task_filter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        owner_username varchar(64) NOT NULL,
        unit_code varchar(8) NOT NULL,
        name varchar(120) NOT NULL,
        criteria jsonb NOT NULL DEFAULT '{}',
        shared_with_unit boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX task_filter_owner_name ON task_filter (owner_account_id, lower(name))`,
      `CREATE INDEX task_filter_unit ON task_filter (unit_code)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE task_filter`);
    await queryRunner.query(`DROP STATISTICS task_state_assignee`);
    await queryRunner.query(`DROP TABLE task`);
  }
}
