import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How long a step of a path may take before the managers' heatmap marks it (amber, then red),
 * set by an administrator per element: "triage over a day is red".
 */
export class ElementThresholds1795737300000 implements MigrationInterface {
  name = 'ElementThresholds1795737300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE element_threshold (
        bpmn_process_id varchar(255) NOT NULL,
        element_id varchar(255) NOT NULL,
        amber_seconds int NOT NULL CHECK (amber_seconds > 0),
        red_seconds int NOT NULL CHECK (red_seconds > amber_seconds),
        updated_by uuid NOT NULL REFERENCES account (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (bpmn_process_id, element_id)
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE element_threshold`);
  }
}
