import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legal deadline a user task works to (its `deadlineId` variable): the deadline's own
 * reminder and breach then speak for the task, instead of a second notice and escalation.
 */
export class TaskDeadlines1795737700000 implements MigrationInterface {
  name = 'TaskDeadlines1795737700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE task ADD COLUMN deadline_id uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE task DROP COLUMN deadline_id`);
  }
}
