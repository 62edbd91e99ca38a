import { createTransport, Transporter } from 'nodemailer';

/** One plain-text message to one recipient. */
export interface OutgoingMail {
  /** The notification's id: also the Message-ID, so a repeated delivery is recognisable. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** Where the outbox hands mail over; tests may supply their own. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * nodemailer over SMTP_URL (smtp:// upgrades with STARTTLS when offered,
 * smtps:// is TLS from the start). Time-outs are short so that one pass of
 * the outbox never hangs on a dead server; nodemailer's own logging is off,
 * as its debug output would carry addresses and credentials.
 */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;
  private readonly messageIdDomain: string;

  constructor(smtpUrl: string, from: string) {
    this.transporter = createTransport(
      {
        url: smtpUrl,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
        disableFileAccess: true,
        disableUrlAccess: true,
        logger: false,
        debug: false,
      },
      { from },
    );
    this.messageIdDomain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'percorsi.invalid';
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.id}@${this.messageIdDomain}>`,
      // RFC 3834: no out-of-office replies to an automatic message.
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  close(): void {
    this.transporter.close();
  }
}
