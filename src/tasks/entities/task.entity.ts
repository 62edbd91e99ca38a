import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum TaskState {
  Created = 'CREATED',
  Completed = 'COMPLETED',
  Canceled = 'CANCELED',
}

/**
 * A user task, written from its engine job (`io.camunda.zeebe:userTask`): one
 * row per job, keyed by the job key, which is also the task's id in the API.
 * The views' indexes (partial, in their sort order) are in the migration.
 */
@Entity('task')
@Index('task_case_number', ['caseNumber'])
@Index('task_process_instance', ['processInstanceKey'])
// Partial, with included columns: written by hand in the migration, left alone by the schema diff.
@Index('task_open_assignee', { synchronize: false })
@Index('task_open_unassigned', { synchronize: false })
@Index('task_open_unit', { synchronize: false })
@Index('task_completed_by', { synchronize: false })
@Index('task_completed_unit', { synchronize: false })
@Index('task_open_key', { synchronize: false })
export class Task {
  @PrimaryColumn({ type: 'bigint' })
  jobKey!: string;

  @Column({ type: 'bigint' })
  processInstanceKey!: string;

  @Column({ type: 'bigint' })
  elementInstanceKey!: string;

  /** The path (process model) the task belongs to. */
  @Column({ type: 'varchar', length: 255 })
  bpmnProcessId!: string;

  @Column({ type: 'int' })
  processDefinitionVersion!: number;

  @Column({ type: 'varchar', length: 255 })
  elementId!: string;

  /** The user task's name in the model (its id when it has none). */
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  /** The name of the task's own process, when the model gives one. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  processName!: string | null;

  /** The name of the path the task belongs to (the process holding the case number). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  pathName!: string | null;

  /** The process instance's business key: SSC-III-2026-000123. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  caseNumber!: string | null;

  /** The Roman numeral of the case number; null (seen by nobody) when there is none. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  unitCode!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  assignee!: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  candidateGroups!: string[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  candidateUsers!: string[];

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  followUpAt!: Date | null;

  /** 0–100, from the model's `priority` header; 50 without one. */
  @Column({ type: 'int', default: 50 })
  priority!: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  formKey!: string | null;

  /** The version of its form the task was given when created (form_definition.key); see TaskForms. */
  @Column({ type: 'bigint', nullable: true })
  formDefinitionKey!: string | null;

  @Column({ type: 'varchar', length: 16, default: TaskState.Created })
  state!: TaskState;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** Null when the job was completed outside the tasklist (engine API). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  completedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  canceledAt!: Date | null;

  /** A completion in progress: who, since when (see TasksService.complete). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  completingBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completingAt!: Date | null;

  /** Set once the assignee (or the unit) was reminded of the due date. */
  @Column({ type: 'timestamptz', nullable: true })
  dueRemindedAt!: Date | null;

  /** Set once the breach of the due date was escalated to the coordinators. */
  @Column({ type: 'timestamptz', nullable: true })
  overdueEscalatedAt!: Date | null;

  /**
   * The legal deadline (case_deadline) the task works to, from its `deadlineId` variable: when
   * the task is due no earlier than that deadline's day, the deadline's breach stands for the
   * task's own (see TaskDueDates).
   */
  @Column({ type: 'uuid', nullable: true })
  deadlineId!: string | null;

  /** Bumped by every change; guarded updates compare it. */
  @Column({ type: 'int', default: 1 })
  version!: number;
}
