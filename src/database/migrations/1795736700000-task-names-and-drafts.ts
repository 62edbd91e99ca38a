import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a caseworker decides on in the tasklist, and answers kept while a form is filled:
 *
 * - `task.process_name` and `task.path_name`: the names of the task's own process and of the
 *   path it belongs to (the process holding the case number: a take-in-charge called by the
 *   inclusion pact belongs to the pact), stored when the task is created so a list page reads
 *   no model. Existing rows are filled from the deployed models.
 * - `task_draft`: a form's answers saved on the server per task and person (never in the
 *   browser), gone with the task's completion.
 * - An index for the sportello's list of the unit's referrals, newest first.
 */
export class TaskNamesAndDrafts1795736700000 implements MigrationInterface {
  name = 'TaskNamesAndDrafts1795736700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `ALTER TABLE task ADD COLUMN process_name varchar(255), ADD COLUMN path_name varchar(255)`,
      `UPDATE task t SET process_name = d.name
         FROM process_definition d
        WHERE d.bpmn_process_id = t.bpmn_process_id AND d.version = t.process_definition_version`,
      `WITH RECURSIVE chain (start, key, parent, business_key, depth) AS (
         SELECT key, key, parent_process_instance_key, business_key, 0
           FROM process_instance WHERE key IN (SELECT process_instance_key FROM task)
         UNION ALL
         SELECT c.start, p.key, p.parent_process_instance_key, p.business_key, c.depth + 1
           FROM chain c JOIN process_instance p ON p.key = c.parent
          WHERE c.business_key IS NULL AND c.depth < 20
       )
       UPDATE task t SET path_name = d.name
         FROM chain c
         JOIN process_instance root ON root.key = c.key
         JOIN process_definition d ON d.key = root.process_definition_key
        WHERE c.start = t.process_instance_key AND c.business_key IS NOT NULL`,
      `UPDATE task SET path_name = process_name WHERE path_name IS NULL`,
      `CREATE TABLE task_draft (
        job_key bigint NOT NULL REFERENCES task (job_key) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account (id),
        data jsonb NOT NULL,
        saved_at timestamptz NOT NULL,
        PRIMARY KEY (job_key, account_id)
      )`,
      `CREATE INDEX referral_unit_received ON referral (unit_code, received_at DESC)`,
    ]) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX referral_unit_received`);
    await queryRunner.query(`DROP TABLE task_draft`);
    await queryRunner.query(`ALTER TABLE task DROP COLUMN process_name, DROP COLUMN path_name`);
  }
}
