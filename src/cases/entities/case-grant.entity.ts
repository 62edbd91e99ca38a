import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Lets one manager (dirigente) read one case file until it expires; given by the unit's coordinator or an administrator. */
@Entity('case_grant')
export class CaseGrant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  managerId!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'uuid' })
  grantedBy!: string;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
