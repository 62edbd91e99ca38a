import { DataSource } from 'typeorm';
import { EmailOutbox } from '../../src/notifications/email/email-outbox';
import { NotificationKind } from '../../src/notifications/notification-kind';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { freePort } from '../support/free-port';
import { TestSmtpServer } from '../notifications/smtp-test-server';
import { TestApp } from '../support/test-app';
import { describeReplicas, startReplicas, stopReplicas } from './replicas';

/** Fewer than one pass's batch: each replica's pass may send them all. */
const NOTIFICATIONS = 16;

/** The notification e-mail outbox, delivered by two replicas at the same moment. */
describeReplicas('e-mail outbox on two replicas', () => {
  let replicas: TestApp[];
  let db: DataSource;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = new TestSmtpServer(await freePort(), { user: 'percorsi', password: 'secret' });
    await smtp.start();
    replicas = await startReplicas({
      SMTP_URL: `smtp://percorsi:secret@127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Servizi sociali <notifiche@comune.example.it>',
    });
    db = replicas[0].app.get(DataSource);
  });
  afterAll(async () => {
    await stopReplicas(replicas);
    await smtp.stop();
  });

  it('sends each notification e-mail once', async () => {
    const [anna] = await db.query(
      `INSERT INTO account (username, display_name, role, unit_code, password_hash, email)
       VALUES ('anna.iii', 'Anna', 'caseworker', 'III', 'x', 'anna@comune.example.it') RETURNING id`,
    );
    const notifications = replicas[0].app.get(NotificationsService);
    // In one transaction, so that neither replica's pass starts before all of them are there.
    const ids = await db.transaction(async (manager) => {
      const created: string[] = [];
      for (let i = 1; i <= NOTIFICATIONS; i++) {
        created.push(
          ...(await notifications.notify(
            [anna.id],
            { kind: NotificationKind.Generic, subject: `Avviso ${i}`, body: `Testo ${i}.` },
            { manager },
          )),
        );
      }
      return created;
    });

    await Promise.all(replicas.map((replica) => replica.app.get(EmailOutbox).runNow()));

    const sent = smtp.received.map((mail) => mail.headers['message-id']);
    expect(sent).toHaveLength(NOTIFICATIONS);
    expect(new Set(sent).size).toBe(NOTIFICATIONS);
    const rows = await db.query(
      `SELECT status, attempts FROM notification_email WHERE notification_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows).toEqual(Array(NOTIFICATIONS).fill({ status: 'sent', attempts: 1 }));
  });
});
