import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A proroga of a deadline: append-only (the table refuses UPDATE and DELETE). */
@Entity('deadline_extension')
export class DeadlineExtension {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  deadlineId!: string;

  @Column({ type: 'date' })
  previousDue!: string;

  @Column({ type: 'date' })
  newDue!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** Who granted it, e.g. «Tribunale per i Minorenni». */
  @Column({ type: 'varchar', length: 200 })
  grantedBy!: string;

  /** The account that recorded it. */
  @Column('uuid')
  recordedBy!: string;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
