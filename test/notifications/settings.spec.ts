import { AppConfig } from '../../src/config/app-config';
import { validateEnvironment } from '../../src/config/environment';

describe('e-mail settings', () => {
  it('are off by default, with a local sender', () => {
    const config = AppConfig.fromEnvironment({});
    expect(config.smtpUrl).toBeUndefined();
    expect(config.publicUrl).toBeUndefined();
    expect(config.mailFrom).toBe('Percorsi <noreply@localhost>');
  });

  it('accept smtp:// and smtps:// URLs with credentials, and a public address without its trailing slash', () => {
    const config = AppConfig.fromEnvironment({
      SMTP_URL: 'smtps://percorsi:s%40greta@mail.comune.example.it:465',
      MAIL_FROM: 'notifiche@comune.example.it',
      PUBLIC_URL: 'https://percorsi.comune.example.it/',
    });
    expect(config.smtpUrl).toBe('smtps://percorsi:s%40greta@mail.comune.example.it:465');
    expect(config.mailFrom).toBe('notifiche@comune.example.it');
    expect(config.publicUrl).toBe('https://percorsi.comune.example.it');
    expect(AppConfig.fromEnvironment({ SMTP_URL: 'smtp://127.0.0.1:25' }).smtpUrl).toBe(
      'smtp://127.0.0.1:25',
    );
  });

  it('refuse a malformed SMTP_URL without repeating it, since it holds a password', () => {
    for (const url of ['http://user:secret@mail:25', 'smtp://user:sec ret@mail:25', 'mail:25']) {
      expect(() => validateEnvironment({ SMTP_URL: url })).toThrow(
        /^Invalid configuration: SMTP_URL must be smtp:\/\/user:password@host:port or smtps:\/\/… \(percent-encode special characters\)$/,
      );
    }
  });

  it('refuse a sender that is not an address, or that would add a header', () => {
    expect(() => validateEnvironment({ MAIL_FROM: 'Percorsi' })).toThrow(
      /^Invalid configuration: MAIL_FROM must be an address/,
    );
    expect(() =>
      validateEnvironment({ MAIL_FROM: 'Percorsi <a@b.it>\r\nBcc: x@evil.example' }),
    ).toThrow(/MAIL_FROM/);
  });

  it('refuse a public address that is not http(s)', () => {
    expect(() => validateEnvironment({ PUBLIC_URL: 'percorsi.comune.example.it' })).toThrow(
      /^Invalid configuration: PUBLIC_URL must be an http:\/\/ or https:\/\/ address/,
    );
    expect(() => validateEnvironment({ PUBLIC_URL: 'https://x.it/?a=1' })).toThrow(/PUBLIC_URL/);
  });
});
