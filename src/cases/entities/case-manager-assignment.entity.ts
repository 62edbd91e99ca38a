import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A (re)assignment of a case's manager by the unit's coordinator; never changed. */
@Entity('case_manager_assignment')
export class CaseManagerAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  caseId!: string;

  @Column('uuid')
  accountId!: string;

  @Column({ type: 'uuid', nullable: true })
  previousAccountId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column('uuid')
  assignedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt!: Date;
}
