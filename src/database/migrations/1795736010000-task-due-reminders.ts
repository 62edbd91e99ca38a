import { MigrationInterface, QueryRunner } from 'typeorm';

/** When an open task's assignee was reminded of its due date, and when its breach was escalated: once each. */
export class TaskDueReminders1795736010000 implements MigrationInterface {
  name = 'TaskDueReminders1795736010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE task ADD COLUMN due_reminded_at timestamptz, ADD COLUMN overdue_escalated_at timestamptz`,
    );
    await queryRunner.query(
      `CREATE INDEX task_open_due ON task (due_at) WHERE state = 'CREATED' AND due_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX task_open_due`);
    await queryRunner.query(
      `ALTER TABLE task DROP COLUMN due_reminded_at, DROP COLUMN overdue_escalated_at`,
    );
  }
}
