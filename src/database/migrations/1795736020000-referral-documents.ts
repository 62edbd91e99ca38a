import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments of a referral (the court's order, the hospital's report) before any case
 * exists; when the referral opens a case they join the case file.
 */
export class ReferralDocuments1795736020000 implements MigrationInterface {
  name = 'ReferralDocuments1795736020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_document
      ALTER COLUMN case_id DROP NOT NULL,
      ADD COLUMN referral_id uuid REFERENCES referral (id),
      ADD CONSTRAINT case_document_owner CHECK (case_id IS NOT NULL OR referral_id IS NOT NULL)`);
    await queryRunner.query(
      `CREATE INDEX case_document_referral ON case_document (referral_id, uploaded_at) WHERE referral_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM case_document WHERE case_id IS NULL`);
    await queryRunner.query(`DROP INDEX case_document_referral`);
    await queryRunner.query(`ALTER TABLE case_document DROP CONSTRAINT case_document_owner,
      DROP COLUMN referral_id, ALTER COLUMN case_id SET NOT NULL`);
  }
}
