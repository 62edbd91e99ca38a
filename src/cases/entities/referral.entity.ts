import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const REFERRAL_CHANNELS = [
  'spontaneous',
  'police',
  'line-114',
  'hospital',
  'court',
  'asp',
  'school',
  'municipality',
  'third-sector',
  'other',
] as const;
export type ReferralChannel = (typeof REFERRAL_CHANNELS)[number];
export const URGENCIES = ['ordinary', 'urgent', 'immediate'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const REFERRAL_STATUSES = ['received', 'case-opened', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Segnalazione: a spontaneous request or a third party's referral, the start of the intake path. */
@Entity('referral')
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** SEG-<unit>-<year>-<sequence>: the intake process's business key. */
  @Column({ type: 'varchar', length: 32 })
  referralNumber!: string;

  @Column({ type: 'varchar', length: 8 })
  unitCode!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 32 })
  channel!: ReferralChannel;

  @Column({ type: 'varchar', length: 200, nullable: true })
  senderName!: string | null;

  @Column({ type: 'varchar', length: 16 })
  urgency!: Urgency;

  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  subjectDescription!: string | null;

  @Column({ type: 'text' })
  requestText!: string;

  @Column({ type: 'varchar', length: 24 })
  status!: ReferralStatus;

  @Column({ type: 'varchar', length: 40, nullable: true })
  outcome!: string | null;

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'bigint', nullable: true })
  processInstanceKey!: string | null;

  /** Until when a replica is starting its intake (the others leave it alone until then). */
  @Column({ type: 'timestamptz', nullable: true })
  intakeClaimedUntil!: Date | null;

  @Column('uuid')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
