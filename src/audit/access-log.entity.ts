import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditAction =
  | 'read'
  | 'create'
  | 'update'
  | 'download'
  | 'export'
  | 'search'
  | 'refused'
  | 'purge'
  | 'login'
  | 'login-failed'
  | 'logout'
  | 'token-reuse'
  | 'password';
export type AuditEntity =
  | 'case'
  | 'person'
  | 'document'
  | 'referral'
  | 'diary'
  | 'decision'
  | 'grant'
  | 'access-log'
  | 'account'
  | 'session'
  | 'incident'
  | 'task'
  | 'instance'
  | 'statistics';

/**
 * Who read or changed what: append-only (the table refuses UPDATE and DELETE), kept at least
 * 24 months; only the explicit purge (AuditService.purge) deletes older entries.
 */
@Entity('access_log')
export class AccessLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  unitCode!: string | null;

  @Column({ type: 'varchar', length: 16 })
  action!: AuditAction;

  @Column({ type: 'varchar', length: 16 })
  entity!: AuditEntity;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  /** Whose data was touched: answers "who saw my data" with one query. */
  @Column({ type: 'uuid', array: true })
  personIds!: string[];

  @Column({ type: 'varchar', length: 300, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;
}
