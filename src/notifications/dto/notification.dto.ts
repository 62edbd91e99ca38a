import { ApiProperty } from '@nestjs/swagger';
import { Notification } from '../entities/notification.entity';
import { NotificationKind } from '../notification-kind';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NotificationKind })
  kind!: NotificationKind;

  subject!: string;

  /** Plain text. */
  body!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Path inside the application, e.g. /casi/SSC-III-2026-000123',
  })
  link!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'SSC-III-2026-000123' })
  caseNumber!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt!: string | null;
}

export function toNotificationDto(notification: Notification): NotificationDto {
  const { id, kind, subject, body, link, caseNumber, createdAt, readAt } = notification;
  return {
    id,
    kind,
    subject,
    body,
    link,
    caseNumber,
    createdAt: createdAt.toISOString(),
    readAt: readAt?.toISOString() ?? null,
  };
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto], description: 'Newest first' })
  items!: NotificationDto[];

  @ApiProperty({ type: 'integer', description: 'Notifications matching the filter, all pages' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer' })
  offset!: number;
}

export class UnreadCountDto {
  @ApiProperty({ type: 'integer' })
  count!: number;
}
