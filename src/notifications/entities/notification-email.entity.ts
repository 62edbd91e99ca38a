import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
} from 'typeorm';
import { Notification } from './notification.entity';

export type EmailStatus = 'pending' | 'sent' | 'failed';

/**
 * The outbox: one row per notification to e-mail, written in the same
 * transaction as the notification and delivered afterwards by EmailOutbox.
 * The address is read from the account when the mail is sent.
 */
@Entity('notification_email')
@Index('notification_email_due', { synchronize: false })
export class NotificationEmail {
  @PrimaryColumn({ type: 'uuid' })
  notificationId!: string;

  @OneToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: Notification;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: EmailStatus;

  /** Attempts started, including one in progress. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When the row is due (pending), or until when an attempt in progress holds it. */
  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  /** Error code and SMTP reply of the last failure, without addresses. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
