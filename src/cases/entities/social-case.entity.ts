import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from './person.entity';

export type CaseStatus = 'open' | 'closed';

/** Cartella sociale: the file of one person (and their household) in one unit. */
@Entity('social_case')
export class SocialCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** SSC-<unit>-<year>-<sequence>, shown everywhere and used as the processes' business key. */
  @Column({ type: 'varchar', length: 32 })
  caseNumber!: string;

  @Column({ type: 'varchar', length: 8 })
  unitCode!: string;

  @Column('uuid')
  personId!: string;

  @ManyToOne(() => Person)
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'uuid', nullable: true })
  householdId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  caseManagerId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: CaseStatus;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  openedBy!: string | null;

  @Column({ type: 'uuid', nullable: true })
  referralId!: string | null;
}
