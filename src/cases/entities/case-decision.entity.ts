import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An outside party's decision (a court decree, the Prefettura's eviction date) recorded from
 * the case file, and the waiting step of a path it answers. Never changed (the table refuses it).
 */
@Entity('case_decision')
export class CaseDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  caseId!: string;

  /** A kind of the catalog (src/cases/decisions/decision-catalog.ts). */
  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'bigint' })
  processInstanceKey!: string;

  /** The engine's message subscription the decision answered. */
  @Column({ type: 'bigint' })
  subscriptionKey!: string;

  @Column({ type: 'varchar', length: 255 })
  elementId!: string;

  @Column({ type: 'varchar', length: 255 })
  messageName!: string;

  @Column({ type: 'varchar', length: 255 })
  correlationKey!: string;

  /** The values as entered, by the catalog's field keys. */
  @Column({ type: 'jsonb' })
  fields!: Record<string, string>;

  @Column({ type: 'uuid', nullable: true })
  documentId!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column('uuid')
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
