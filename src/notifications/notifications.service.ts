import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Repository } from 'typeorm';
import { Principal } from '../auth/principal';
import { NotificationPageDto, toNotificationDto, UnreadCountDto } from './dto/notification.dto';
import { EmailOutbox } from './email/email-outbox';
import { Notification } from './entities/notification.entity';
import { InvalidNotificationError } from './invalid-notification.error';
import { isAppPath } from './is-app-path.util';
import { NotificationKind } from './notification-kind';

/** What other modules send. Subject and body are plain Italian text for the recipient. */
export interface NewNotification {
  kind: NotificationKind;
  /** One line, at most 200 characters (line breaks become spaces). */
  subject: string;
  /** Plain text, at most 10 000 characters. */
  body: string;
  /** A path inside the application, e.g. `/casi/SSC-III-2026-000123`. */
  link?: string;
  /** The case the notification is about, e.g. `SSC-III-2026-000123`. */
  caseNumber?: string;
}

export interface NotifyOptions {
  /**
   * The caller's transaction: the notifications (and their e-mails) are then
   * committed, or rolled back, with the caller's own changes.
   */
  manager?: EntityManager;
}

export interface InboxQuery {
  unreadOnly?: boolean;
  limit?: number;
  offset?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The in-app inbox of every account, and the way other modules write to it. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly dataSource: DataSource,
    private readonly outbox: EmailOutbox,
  ) {}

  /**
   * Puts one notification in the inbox of each account (once per account,
   * skipping unknown and deactivated accounts) and, when SMTP_URL is set,
   * queues an e-mail to each of them that has an address. Returns at once:
   * mails go out after the commit, retried while the server is down.
   * Subject and body travel by plain e-mail: keep personal data out of them
   * (the case number and the link are enough to find the case).
   * Returns the ids of the notifications created.
   */
  async notify(
    accountIds: readonly string[],
    notification: NewNotification,
    options: NotifyOptions = {},
  ): Promise<string[]> {
    const content = checkedContent(notification);
    const recipients = [...new Set(accountIds)];
    const malformed = recipients.find((id) => !UUID.test(id));
    if (malformed !== undefined) {
      throw new InvalidNotificationError(`not an account id: ${malformed}`);
    }
    if (recipients.length === 0) return [];
    const manager = options.manager ?? this.dataSource.manager;
    // One statement: the notifications and their outbox rows are written together or not at all.
    const rows: Array<{ id: string; emailed: boolean }> = await manager.query(
      `WITH recipient AS (
         SELECT id, email FROM account WHERE id = ANY($1::uuid[]) AND active),
       created AS (
         INSERT INTO notification (account_id, kind, subject, body, link, case_number)
         SELECT id, $2, $3, $4, $5, $6 FROM recipient
         RETURNING id, account_id),
       queued AS (
         INSERT INTO notification_email (notification_id)
         SELECT c.id FROM created c JOIN recipient r ON r.id = c.account_id
          WHERE $7 AND nullif(trim(r.email), '') IS NOT NULL
         RETURNING notification_id)
       SELECT c.id, q.notification_id IS NOT NULL AS emailed
         FROM created c LEFT JOIN queued q ON q.notification_id = c.id`,
      [
        recipients,
        content.kind,
        content.subject,
        content.body,
        content.link,
        content.caseNumber,
        this.outbox.enabled,
      ],
    );
    // Inside a caller's transaction the rows are not visible yet: the next regular pass finds them.
    if (rows.some((row) => row.emailed)) this.outbox.kick();
    return rows.map((row) => row.id);
  }

  async list(principal: Principal, query: InboxQuery = {}): Promise<NotificationPageDto> {
    const accountId = this.inboxOf(principal);
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const [rows, total] = await this.notifications.findAndCount({
      where: { accountId, ...(query.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { items: rows.map(toNotificationDto), total, limit, offset };
  }

  /** Idempotent; another account's notification is "not found", never "forbidden". */
  async markRead(principal: Principal, id: string): Promise<void> {
    const accountId = this.inboxOf(principal);
    const result = await this.notifications
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'coalesce(read_at, now())' })
      .where('id = :id AND account_id = :accountId', { id, accountId })
      .execute();
    if (!result.affected) throw new NotFoundException('Notifica non trovata.');
  }

  async markAllRead(principal: Principal): Promise<void> {
    const accountId = this.inboxOf(principal);
    await this.notifications.update({ accountId, readAt: IsNull() }, { readAt: () => 'now()' });
  }

  async unreadCount(principal: Principal): Promise<UnreadCountDto> {
    const accountId = this.inboxOf(principal);
    return { count: await this.notifications.countBy({ accountId, readAt: IsNull() }) };
  }

  /** Every account reads and changes its own inbox only: the one access rule of this module. */
  private inboxOf(principal: Principal | undefined): string {
    if (!principal?.accountId) throw new ForbiddenException('Operazione non consentita.');
    return principal.accountId;
  }
}

function checkedContent(notification: NewNotification) {
  const kind: string = notification.kind;
  if (!Object.values<string>(NotificationKind).includes(kind)) {
    throw new InvalidNotificationError(`unknown notification kind: ${kind}`);
  }
  const subject = notification.subject.replace(/\s+/g, ' ').trim();
  if (subject.length === 0 || subject.length > 200) {
    throw new InvalidNotificationError('the subject must be 1 to 200 characters long');
  }
  const body = notification.body.trim();
  if (body.length === 0 || body.length > 10_000) {
    throw new InvalidNotificationError('the body must be 1 to 10000 characters long');
  }
  const link = notification.link || null;
  if (link !== null && !isAppPath(link)) {
    throw new InvalidNotificationError('the link must be a path inside the application');
  }
  const caseNumber = notification.caseNumber?.trim() || null;
  if (caseNumber !== null && !/^[^\s]{1,64}$/.test(caseNumber)) {
    throw new InvalidNotificationError('the case number must be 1 to 64 characters, no spaces');
  }
  return { kind: notification.kind, subject, body, link, caseNumber };
}
