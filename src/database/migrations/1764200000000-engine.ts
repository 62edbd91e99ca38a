import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The embedded engine's state, in Zeebe's terms. Keys are int64 like Zeebe's,
 * handed out in blocks from one sequence. Every state change of an instance
 * commits in one transaction with its jobs, timers, subscriptions, incidents
 * and flow events.
 */
export class Engine1764200000000 implements MigrationInterface {
  name = 'Engine1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      // Each value stands for a block of 1,000 keys (see key-generator.ts).
      `CREATE SEQUENCE engine_key_block START 1`,
      `CREATE TABLE process_definition (
        key bigint PRIMARY KEY,
        bpmn_process_id varchar(255) NOT NULL,
        version int NOT NULL,
        name varchar(255),
        resource_name varchar(255) NOT NULL,
        checksum char(64) NOT NULL,
        xml text NOT NULL,
        deployed_at timestamptz NOT NULL DEFAULT now(),
        deployed_by varchar(64),
        UNIQUE (bpmn_process_id, version)
      )`,
      `CREATE TABLE process_instance (
        key bigint PRIMARY KEY,
        process_definition_key bigint NOT NULL REFERENCES process_definition (key),
        bpmn_process_id varchar(255) NOT NULL,
        version int NOT NULL,
        business_key varchar(120),
        state varchar(16) NOT NULL CHECK (state IN ('ACTIVE', 'COMPLETED', 'TERMINATED', 'CANCELED')),
        parent_process_instance_key bigint,
        parent_element_instance_key bigint,
        variables jsonb NOT NULL DEFAULT '{}',
        runner_state jsonb,
        revision int NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL,
        ended_at timestamptz
      )`,
      `CREATE INDEX process_instance_business_key ON process_instance (business_key)`,
      `CREATE INDEX process_instance_active ON process_instance (bpmn_process_id) WHERE state = 'ACTIVE'`,
      `CREATE INDEX process_instance_parent ON process_instance (parent_process_instance_key)
        WHERE parent_process_instance_key IS NOT NULL`,
      `CREATE TABLE job (
        key bigint PRIMARY KEY,
        type varchar(255) NOT NULL,
        state varchar(16) NOT NULL
          CHECK (state IN ('ACTIVATABLE', 'ACTIVATED', 'FAILED', 'COMPLETED', 'ERROR_THROWN', 'CANCELED')),
        process_instance_key bigint NOT NULL,
        element_id varchar(255) NOT NULL,
        element_instance_key bigint NOT NULL,
        bpmn_process_id varchar(255) NOT NULL,
        retries int NOT NULL,
        custom_headers jsonb NOT NULL DEFAULT '{}',
        worker varchar(255),
        deadline timestamptz,
        retry_at timestamptz,
        error_message text,
        created_at timestamptz NOT NULL,
        ended_at timestamptz
      )`,
      `CREATE INDEX job_activatable ON job (type, key) WHERE state = 'ACTIVATABLE'`,
      `CREATE INDEX job_activated_deadline ON job (deadline) WHERE state = 'ACTIVATED'`,
      `CREATE INDEX job_instance ON job (process_instance_key)`,
      `CREATE TABLE timer (
        key bigint PRIMARY KEY,
        process_instance_key bigint,
        process_definition_key bigint,
        element_id varchar(255) NOT NULL,
        element_instance_key bigint,
        due_at timestamptz NOT NULL,
        repetitions int NOT NULL DEFAULT 1,
        interval varchar(64),
        state varchar(16) NOT NULL CHECK (state IN ('ACTIVE', 'TRIGGERED', 'CANCELED')),
        created_at timestamptz NOT NULL
      )`,
      `CREATE INDEX timer_due ON timer (due_at) WHERE state = 'ACTIVE'`,
      `CREATE INDEX timer_instance ON timer (process_instance_key)`,
      `CREATE TABLE message_subscription (
        key bigint PRIMARY KEY,
        process_instance_key bigint NOT NULL,
        element_instance_key bigint NOT NULL,
        element_id varchar(255) NOT NULL,
        bpmn_process_id varchar(255) NOT NULL,
        message_name varchar(255) NOT NULL,
        correlation_key varchar(255) NOT NULL,
        interrupting boolean NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('OPEN', 'CORRELATED', 'CLOSED')),
        created_at timestamptz NOT NULL
      )`,
      `CREATE INDEX message_subscription_open ON message_subscription (message_name, correlation_key, key)
        WHERE state = 'OPEN'`,
      `CREATE INDEX message_subscription_instance ON message_subscription (process_instance_key)`,
      // Message start events of the latest version of each process (Zeebe opens only those).
      `CREATE TABLE message_start_subscription (
        process_definition_key bigint NOT NULL REFERENCES process_definition (key),
        bpmn_process_id varchar(255) NOT NULL,
        message_name varchar(255) NOT NULL,
        element_id varchar(255) NOT NULL,
        PRIMARY KEY (process_definition_key, element_id)
      )`,
      `CREATE INDEX message_start_subscription_name ON message_start_subscription (message_name)`,
      `CREATE TABLE signal_subscription (
        key bigint PRIMARY KEY,
        process_instance_key bigint NOT NULL,
        element_instance_key bigint NOT NULL,
        element_id varchar(255) NOT NULL,
        signal_name varchar(255) NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('OPEN', 'CLOSED'))
      )`,
      `CREATE INDEX signal_subscription_open ON signal_subscription (signal_name) WHERE state = 'OPEN'`,
      `CREATE TABLE message (
        key bigint PRIMARY KEY,
        name varchar(255) NOT NULL,
        correlation_key varchar(255) NOT NULL,
        message_id varchar(255),
        variables jsonb NOT NULL DEFAULT '{}',
        published_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
      `CREATE INDEX message_buffered ON message (name, correlation_key, key)`,
      `CREATE INDEX message_id ON message (name, message_id) WHERE message_id IS NOT NULL`,
      `CREATE INDEX message_expires ON message (expires_at)`,
      // A message correlates at most once per process (bpmnProcessId), as in Zeebe.
      `CREATE TABLE message_correlation (
        message_key bigint NOT NULL,
        bpmn_process_id varchar(255) NOT NULL,
        process_instance_key bigint NOT NULL,
        correlated_at timestamptz NOT NULL,
        PRIMARY KEY (message_key, bpmn_process_id)
      )`,
      `CREATE TABLE incident (
        key bigint PRIMARY KEY,
        process_instance_key bigint NOT NULL,
        bpmn_process_id varchar(255) NOT NULL,
        element_id varchar(255) NOT NULL,
        element_instance_key bigint NOT NULL,
        job_key bigint,
        error_type varchar(64) NOT NULL,
        error_message text NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('ACTIVE', 'RESOLVED')),
        created_at timestamptz NOT NULL,
        resolved_at timestamptz
      )`,
      `CREATE INDEX incident_active ON incident (process_instance_key) WHERE state = 'ACTIVE'`,
      `CREATE TABLE flow_event (
        id bigserial PRIMARY KEY,
        process_instance_key bigint NOT NULL,
        element_instance_key bigint NOT NULL,
        flow_scope_key bigint,
        element_id varchar(255) NOT NULL,
        element_type varchar(32) NOT NULL,
        event_type varchar(16) NOT NULL,
        intent varchar(32) NOT NULL,
        bpmn_process_id varchar(255) NOT NULL,
        at timestamptz NOT NULL
      )`,
      `CREATE INDEX flow_event_instance ON flow_event (process_instance_key, id)`,
      `CREATE INDEX flow_event_element ON flow_event (bpmn_process_id, element_id, at)`,
      // Work the engine owes after a commit (start a called process, return to a parent,
      // deliver a signal or a buffered message): durable, so a crash only delays it.
      `CREATE TABLE engine_command (
        id bigserial PRIMARY KEY,
        process_instance_key bigint,
        command jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'engine_command',
      'flow_event',
      'incident',
      'message_correlation',
      'message',
      'signal_subscription',
      'message_start_subscription',
      'message_subscription',
      'timer',
      'job',
      'process_instance',
      'process_definition',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP SEQUENCE engine_key_block`);
  }
}
