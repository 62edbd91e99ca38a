import { MigrationInterface, QueryRunner } from 'typeorm';
import { APPEND_ONLY_TABLES as APPEND_ONLY } from '../append-only';

/**
 * Hardening (issue 10):
 * - TRUNCATE is refused on the append-only tables too: a row trigger never sees it.
 * - A refresh token used moments ago may be presented again by a second tab of the same
 *   browser: its successor is kept sealed with a key only that token derives
 *   (`successor_sealed`), so the second request gets the same new token instead of ending
 *   the session as a theft would.
 */
export class Hardening1795736800000 implements MigrationInterface {
  name = 'Hardening1795736800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of APPEND_ONLY) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
      );
    }
    await queryRunner.query(`ALTER TABLE session_refresh_token ADD COLUMN successor_sealed text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE session_refresh_token DROP COLUMN successor_sealed`);
    for (const table of APPEND_ONLY) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
    }
  }
}
