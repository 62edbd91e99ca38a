import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Account } from '../../src/auth/entities/account.entity';
import { hashPassword } from '../../src/auth/password-hasher';
import { Role } from '../../src/auth/role';
import { DEFAULT_OUTBOX_OPTIONS, EmailOutbox } from '../../src/notifications/email/email-outbox';
import { InvalidNotificationError } from '../../src/notifications/invalid-notification.error';
import { NotificationKind } from '../../src/notifications/notification-kind';
import {
  NewNotification,
  NotificationsService,
} from '../../src/notifications/notifications.service';
import { startTestApp, TestApp, TestResponse } from '../support/test-app';
import { freePort } from '../support/free-port';
import { TestSmtpServer } from './smtp-test-server';

const SMTP_USER = 'percorsi';
const SMTP_PASSWORD = 'p@ss w0rd:/x';
const ANNA_EMAIL = 'anna.bianchi@comune.example.it';

/** The inbox over real HTTP, and its e-mails through a real SMTP server on loopback. */
describe('notifications', () => {
  let server: TestApp;
  let db: DataSource;
  let notifications: NotificationsService;
  let outbox: EmailOutbox;
  let smtp: TestSmtpServer;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const port = await freePort();
    smtp = new TestSmtpServer(port, { user: SMTP_USER, password: SMTP_PASSWORD });
    // The mail server is not started yet: the first e-mail test meets a refused connection.
    server = await startTestApp({
      SMTP_URL: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`,
      MAIL_FROM: 'Servizi sociali <notifiche@comune.example.it>',
      PUBLIC_URL: 'https://percorsi.comune.example.it/',
    });
    db = server.app.get(DataSource);
    notifications = server.app.get(NotificationsService);
    outbox = server.app.get(EmailOutbox);
    const accounts = db.getRepository(Account);
    for (const [username, role, email] of [
      ['assistente.anna', Role.Caseworker, ANNA_EMAIL],
      ['sportello.marco', Role.FrontOffice, null],
      ['coordinatore.lucia', Role.Coordinator, null],
    ] as const) {
      const { identifiers } = await accounts.insert({
        username,
        displayName: username,
        role,
        unitCode: 'III',
        email,
        passwordHash: await hashPassword(`${username}-password`),
        passwordChangedAt: new Date(),
      });
      ids[username] = identifiers[0].id as string;
      tokens[username] = await server.login(username, `${username}-password`);
    }
  });
  afterAll(async () => {
    await server.drop();
    await smtp.stop();
  });

  const get = (path: string, who: string) =>
    server.request('GET', `/api/notifications${path}`, { token: tokens[who] });
  const post = (path: string, who: string) =>
    server.request('POST', `/api/notifications${path}`, { token: tokens[who] });
  const unread = async (who: string): Promise<number> =>
    (await get('/unread-count', who)).body.count as number;
  const note = (subject: string, extra: Partial<NewNotification> = {}): NewNotification => ({
    kind: NotificationKind.Generic,
    subject,
    body: `Testo di ${subject}.`,
    ...extra,
  });
  const expectError = (response: TestResponse, status: number, message?: string) =>
    expect({ status: response.status, body: response.body }).toEqual({
      status,
      body: {
        statusCode: status,
        error: expect.any(String),
        message: message ?? expect.any(String),
        details: status === 400 ? expect.any(Array) : undefined,
        requestId: expect.any(String),
      },
    });
  const emailRow = async (notificationId: string) =>
    (
      await db.query(
        `SELECT status, attempts, last_error, sent_at FROM notification_email
          WHERE notification_id = $1`,
        [notificationId],
      )
    )[0] as
      | { status: string; attempts: number; last_error: string | null; sent_at: Date | null }
      | undefined;

  describe('the in-app inbox', () => {
    it('shows each account its own notifications only, newest first, with every field', async () => {
      await notifications.notify([ids['sportello.marco']], note('Prima per Marco'));
      await notifications.notify([ids['coordinatore.lucia']], note('Per Lucia'));
      const [latest] = await notifications.notify([ids['sportello.marco']], {
        kind: NotificationKind.DeadlineNear,
        subject: 'Scadenza vicina',
        body: 'La presa in carico scade tra 3 giorni lavorativi.',
        link: '/casi/SSC-III-2026-000123',
        caseNumber: 'SSC-III-2026-000123',
      });

      const marco = await get('', 'sportello.marco');
      expect(marco.status).toBe(200);
      expect(marco.body).toEqual({
        items: [
          {
            id: latest,
            kind: 'deadline-near',
            subject: 'Scadenza vicina',
            body: 'La presa in carico scade tra 3 giorni lavorativi.',
            link: '/casi/SSC-III-2026-000123',
            caseNumber: 'SSC-III-2026-000123',
            createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            readAt: null,
          },
          expect.objectContaining({ subject: 'Prima per Marco', link: null, caseNumber: null }),
        ],
        total: 2,
        limit: 20,
        offset: 0,
      });
      const lucia = await get('', 'coordinatore.lucia');
      expect(lucia.body.items.map((n: { subject: string }) => n.subject)).toEqual(['Per Lucia']);
      expect(await unread('sportello.marco')).toBe(2);
      expect(await unread('coordinatore.lucia')).toBe(1);
    });

    it("answers 404 for another account's notification, exactly as for one that does not exist", async () => {
      const [lucias] = await notifications.notify([ids['coordinatore.lucia']], note('Riservata'));
      const other = await post(`/${lucias}/read`, 'sportello.marco');
      const missing = await post(`/${randomUUID()}/read`, 'sportello.marco');
      expectError(other, 404, 'Notifica non trovata.');
      expectError(missing, 404, 'Notifica non trovata.');
      expect(other.body.message).toBe(missing.body.message);
      // …and it stays unread for its owner.
      const mine = await get('?unread=true', 'coordinatore.lucia');
      expect(mine.body.items.map((n: { id: string }) => n.id)).toContain(lucias);
      expectError(await post('/not-a-uuid/read', 'sportello.marco'), 400);
    });

    it('marks one notification read (idempotently), then all, and counts what is unread', async () => {
      const [first, second, third] = await Promise.all(
        ['Uno', 'Due', 'Tre'].map(
          async (subject) =>
            (await notifications.notify([ids['sportello.marco']], note(subject)))[0],
        ),
      );
      const before = await unread('sportello.marco');
      const luciaBefore = await unread('coordinatore.lucia');

      const read = await post(`/${second}/read`, 'sportello.marco');
      expect(read.status).toBe(204);
      expect(await unread('sportello.marco')).toBe(before - 1);
      const all = await get('?limit=100', 'sportello.marco');
      const readAt = all.body.items.find((n: { id: string }) => n.id === second).readAt;
      expect(readAt).toEqual(expect.stringMatching(/^\d{4}-/));
      const unreadOnly = await get('?unread=true&limit=100', 'sportello.marco');
      expect(unreadOnly.body.total).toBe(before - 1);
      expect(unreadOnly.body.items.map((n: { id: string }) => n.id)).toEqual(
        expect.arrayContaining([first, third]),
      );
      expect(unreadOnly.body.items.map((n: { id: string }) => n.id)).not.toContain(second);

      // Reading again changes nothing, not even the time it was read.
      expect((await post(`/${second}/read`, 'sportello.marco')).status).toBe(204);
      const again = await get('?limit=100', 'sportello.marco');
      expect(again.body.items.find((n: { id: string }) => n.id === second).readAt).toBe(readAt);

      expect((await post('/read-all', 'sportello.marco')).status).toBe(204);
      expect(await unread('sportello.marco')).toBe(0);
      expect((await get('?unread=true', 'sportello.marco')).body).toMatchObject({
        items: [],
        total: 0,
      });
      // Another inbox is untouched.
      expect(await unread('coordinatore.lucia')).toBe(luciaBefore);
    });

    it('pages through the inbox without gaps or repeats', async () => {
      for (let i = 1; i <= 25; i++) {
        await notifications.notify([ids['coordinatore.lucia']], note(`Pagina ${i}`));
      }
      const pages = await Promise.all(
        [0, 10, 20, 30].map((offset) => get(`?limit=10&offset=${offset}`, 'coordinatore.lucia')),
      );
      const total = pages[0].body.total as number;
      expect(total).toBe(27);
      expect(pages.map((page) => page.body.items.length)).toEqual([10, 10, 7, 0]);
      expect(pages[1].body).toMatchObject({ limit: 10, offset: 10, total });
      const seen = pages.flatMap((page) =>
        page.body.items.map((n: { id: string; createdAt: string }) => n),
      );
      expect(new Set(seen.map((n) => n.id)).size).toBe(27);
      const times = seen.map((n) => Date.parse(n.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(seen[0].subject).toBe('Pagina 25');
    });

    it('refuses bad query parameters and callers without a token', async () => {
      expectError(await get('?limit=101', 'sportello.marco'), 400);
      expectError(await get('?limit=0', 'sportello.marco'), 400);
      expectError(await get('?unread=yes', 'sportello.marco'), 400);
      expectError(await get('?offset=-1', 'sportello.marco'), 400);
      expect((await server.request('GET', '/api/notifications')).status).toBe(401);
      expect((await server.request('GET', '/api/notifications/unread-count')).status).toBe(401);
    });

    it('notifies each account once, skipping unknown and deactivated accounts', async () => {
      const { identifiers } = await db.getRepository(Account).insert({
        username: 'ex.dipendente',
        displayName: 'ex',
        role: Role.Manager,
        unitCode: null,
        active: false,
      });
      const before = await unread('coordinatore.lucia');
      const created = await notifications.notify(
        [
          ids['coordinatore.lucia'],
          ids['coordinatore.lucia'],
          randomUUID(),
          identifiers[0].id as string,
        ],
        note('Una volta sola'),
      );
      expect(created).toHaveLength(1);
      expect(await unread('coordinatore.lucia')).toBe(before + 1);
      expect(await notifications.notify([], note('A nessuno'))).toEqual([]);
    });

    it('refuses content the inbox cannot hold, before writing anything', async () => {
      const before = await unread('sportello.marco');
      const marco = [ids['sportello.marco']];
      for (const bad of [
        note('Link esterno', { link: 'https://evil.example/x' }),
        note('Link esterno', { link: '//evil.example/x' }),
        note(''),
        note('x'.repeat(201)),
        { ...note('Tipo sconosciuto'), kind: 'other' as NotificationKind },
      ]) {
        await expect(notifications.notify(marco, bad)).rejects.toThrow(InvalidNotificationError);
      }
      await expect(notifications.notify(['not-a-uuid'], note('x'))).rejects.toThrow(
        InvalidNotificationError,
      );
      expect(await unread('sportello.marco')).toBe(before);
    });
  });

  describe('e-mail through SMTP', () => {
    it('keeps the notification in the inbox while the mail server is down, and delivers its e-mail once it is back', async () => {
      const [id] = await notifications.notify([ids['assistente.anna']], {
        kind: NotificationKind.TaskAssigned,
        subject: 'Attività assegnata',
        body: 'Ti è stata assegnata la valutazione del nucleo familiare.',
        link: '/attivita',
      });
      // In the inbox from the start, whatever happens to the e-mail.
      const inbox = await get('', 'assistente.anna');
      expect(inbox.body.items.map((n: { id: string }) => n.id)).toEqual([id]);

      await outbox.runNow(); // after the attempt the notification started
      const failed = await emailRow(id);
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, sent_at: null });
      expect(failed?.last_error).toMatch(/ECONNREFUSED/);

      await smtp.start();
      await outbox.runNow();
      expect(smtp.received).toHaveLength(0); // the back-off is not over yet
      expect((await emailRow(id))?.attempts).toBe(1);

      await outbox.runNow(new Date(Date.now() + DEFAULT_OUTBOX_OPTIONS.baseDelayMs + 1000));
      const [mail] = await smtp.waitForMessages(1);
      expect(mail.envelope).toEqual({ from: 'notifiche@comune.example.it', to: [ANNA_EMAIL] });
      expect(mail.headers.subject).toBe('Attività assegnata');
      expect(mail.text).toContain('Ti è stata assegnata la valutazione del nucleo familiare.');
      expect(mail.text).toContain('Apri in Percorsi: https://percorsi.comune.example.it/attivita');
      expect(await emailRow(id)).toMatchObject({
        status: 'sent',
        attempts: 2,
        last_error: null,
        sent_at: expect.any(Date),
      });
      // Still unread in the inbox: the e-mail is a copy, not a receipt.
      expect(await unread('assistente.anna')).toBe(1);
    });

    it('sends a plain-text Italian e-mail at once, authenticated, to the account address', async () => {
      const before = smtp.received.length;
      const [id] = await notifications.notify([ids['assistente.anna']], {
        kind: NotificationKind.DeadlineBreached,
        subject: 'Scadenza superata: SSC-III-2026-000123',
        body: 'Il termine per la presa in carico è scaduto ieri.',
        link: '/casi/SSC-III-2026-000123',
        caseNumber: 'SSC-III-2026-000123',
      });
      const mail = (await smtp.waitForMessages(before + 1))[before];
      expect(mail.envelope).toEqual({ from: 'notifiche@comune.example.it', to: [ANNA_EMAIL] });
      expect(mail.user).toBe(SMTP_USER);
      expect(mail.headers).toMatchObject({
        subject: 'Scadenza superata: SSC-III-2026-000123',
        from: 'Servizi sociali <notifiche@comune.example.it>',
        to: ANNA_EMAIL,
        'message-id': `<${id}@comune.example.it>`,
        'auto-submitted': 'auto-generated',
        'content-type': expect.stringMatching(/^text\/plain; charset=utf-8/i),
      });
      expect(mail.text).toBe(
        [
          'Il termine per la presa in carico è scaduto ieri.',
          '',
          'Pratica: SSC-III-2026-000123',
          'Apri in Percorsi: https://percorsi.comune.example.it/casi/SSC-III-2026-000123',
          '',
          '-- ',
          'Messaggio automatico di Percorsi: non rispondere a questa e-mail.',
          "Trovi questa notifica anche tra le notifiche dell'applicazione.",
        ].join('\n'),
      );
      await outbox.runNow();
      expect((await emailRow(id))?.status).toBe('sent');
    });

    it('e-mails only the accounts that have an address', async () => {
      const before = smtp.received.length;
      const [first, second] = await notifications.notify(
        [ids['sportello.marco'], ids['assistente.anna']],
        note('A entrambi'),
      );
      await smtp.waitForMessages(before + 1);
      await outbox.runNow();
      expect(smtp.received).toHaveLength(before + 1);
      expect(smtp.received[before].envelope.to).toEqual([ANNA_EMAIL]);
      const rows = [await emailRow(first), await emailRow(second)];
      expect(rows.filter((row) => row === undefined)).toHaveLength(1);
      expect((await get('', 'sportello.marco')).body.items[0].subject).toBe('A entrambi');
    });

    it('gives up after a bounded number of attempts, with growing pauses, and logs no personal data', async () => {
      const logged: string[] = [];
      const spies = (['log', 'warn', 'error'] as const).map((level) =>
        jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
          logged.push(args.map(String).join(' '));
        }),
      );
      try {
        await smtp.stop();
        const [id] = await notifications.notify([ids['assistente.anna']], {
          kind: NotificationKind.Generic,
          subject: 'Comunicazione per Anna Bianchi',
          body: 'Dati riservati del nucleo Bianchi.',
        });
        await outbox.runNow();
        expect((await emailRow(id))?.attempts).toBe(1);
        let at = Date.now();
        const { maxAttempts, maxDelayMs } = DEFAULT_OUTBOX_OPTIONS;
        // Each pause is at most maxDelayMs; a pass that comes too early attempts nothing.
        await outbox.runNow(new Date(at + 1000));
        expect((await emailRow(id))?.attempts).toBe(1);
        for (let attempt = 2; attempt <= maxAttempts + 2; attempt++) {
          at += maxDelayMs + 1000;
          await outbox.runNow(new Date(at));
        }
        const row = await emailRow(id);
        expect(row).toMatchObject({ status: 'failed', attempts: maxAttempts, sent_at: null });
        expect((await get('', 'assistente.anna')).body.items[0].id).toBe(id);

        const mine = logged.filter((line) => line.includes(id));
        expect(mine.length).toBeGreaterThanOrEqual(maxAttempts);
        expect(mine.at(-1)).toMatch(/failed/);
        for (const line of logged) {
          expect(line).not.toMatch(/@|Bianchi|Anna|riservati|p@ss/);
        }
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
    });
  });
});

describe('notifications without SMTP_URL', () => {
  let server: TestApp;
  afterAll(() => server.drop());

  it('stay in the inbox and queue no e-mail', async () => {
    server = await startTestApp();
    const db = server.app.get(DataSource);
    const { identifiers } = await db.getRepository(Account).insert({
      username: 'assistente.senzaposta',
      displayName: 'assistente',
      role: Role.Caseworker,
      unitCode: 'V',
      email: 'qualcuno@comune.example.it',
      passwordHash: await hashPassword('assistente.senzaposta-password'),
    });
    const [id] = await server.app.get(NotificationsService).notify([identifiers[0].id as string], {
      kind: NotificationKind.Generic,
      subject: 'Solo in Percorsi',
      body: 'Nessuna e-mail.',
    });
    const token = await server.login('assistente.senzaposta', 'assistente.senzaposta-password');
    const inbox = await server.request('GET', '/api/notifications', { token });
    expect(inbox.body.items.map((n: { id: string }) => n.id)).toEqual([id]);
    expect(server.app.get(EmailOutbox).enabled).toBe(false);
    expect(await db.query(`SELECT * FROM notification_email`)).toEqual([]);
  });
});
