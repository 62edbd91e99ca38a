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
import { NotificationKind } from '../notification-kind';

/**
 * One message in one account's in-app inbox. Indexes (see the migration):
 * notification_inbox and, for unread only, notification_unread, both on
 * (account_id, created_at DESC, id DESC).
 */
@Entity('notification')
@Index('notification_inbox', { synchronize: false })
@Index('notification_unread', { synchronize: false })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  /** One line, plain text, Italian. */
  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  /** Plain text, Italian. */
  @Column({ type: 'text' })
  body!: string;

  /** A path inside the application (e.g. /casi/SSC-III-2026-000123), or null. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  link!: string | null;

  /** The case the notification is about (e.g. SSC-III-2026-000123), or null. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  caseNumber!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
