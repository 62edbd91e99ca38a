import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { EmailOutbox } from './email/email-outbox';
import { SmtpMailTransport } from './email/mail-transport';
import { NotificationEmail } from './entities/notification-email.entity';
import { Notification } from './entities/notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/**
 * In-app notifications, also e-mailed when SMTP_URL is set. Other modules
 * import this module and call NotificationsService.notify().
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationEmail])],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    {
      provide: EmailOutbox,
      inject: [DataSource, AppConfig],
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        new EmailOutbox(
          dataSource,
          config.smtpUrl ? new SmtpMailTransport(config.smtpUrl, config.mailFrom) : undefined,
          { publicUrl: config.publicUrl },
        ),
    },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
