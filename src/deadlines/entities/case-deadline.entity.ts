import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DEADLINE_STATUSES = ['running', 'met', 'breached', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** A legal deadline running on a case, started by a path's `percorsi:start-deadline` task. */
@Entity('case_deadline')
export class CaseDeadline {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  caseId!: string;

  /** e.g. `adi-first-meeting`. */
  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  /** Italian, shown to operators, e.g. «Primo incontro ADI». */
  @Column({ type: 'varchar', length: 200 })
  label!: string;

  /** e.g. `DM 13/12/2023 art. 7`. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  legalBasis!: string | null;

  /** The last day in time, a Europe/Rome calendar date (YYYY-MM-DD). */
  @Column({ type: 'date' })
  dueDate!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DeadlineStatus;

  @Column({ type: 'bigint', nullable: true })
  processInstanceKey!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  elementId!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  metAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastReminderAt!: Date | null;

  /** Proroghe the law allows (the adoption inquiry: one); null for no limit. */
  @Column({ type: 'int', nullable: true })
  maxExtensions!: number | null;
}
