import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Account } from '../../auth/entities/account.entity';

/** The criteria a saved filter keeps: the tasks query without paging. */
export interface TaskCriteria {
  view?: 'mine' | 'unit-unassigned' | 'unit' | 'completed';
  bpmnProcessId?: string;
  dueBefore?: string;
  dueAfter?: string;
  priority?: number;
  caseNumber?: string;
  /** Held by someone (true) or by nobody (false). */
  assigned?: boolean;
}

/** A saved tasklist filter: private to its owner, or shared with the owner's unit. */
@Entity('task_filter')
@Index('task_filter_unit', ['unitCode'])
// Unique per owner regardless of case (on lower(name)): in the migration.
@Index('task_filter_owner_name', { synchronize: false })
export class TaskFilter {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ownerAccountId!: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'owner_account_id',
    foreignKeyConstraintName: 'task_filter_owner_account_id_fkey',
  })
  owner?: Account;

  @Column({ type: 'varchar', length: 64 })
  ownerUsername!: string;

  /** The owner's unit when saved: a filter is never seen outside it. */
  @Column({ type: 'varchar', length: 8 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  criteria!: TaskCriteria;

  @Column({ type: 'boolean', default: false })
  sharedWithUnit!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
