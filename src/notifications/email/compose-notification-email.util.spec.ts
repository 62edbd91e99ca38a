import { composeNotificationEmail } from './compose-notification-email.util';

describe('composeNotificationEmail', () => {
  const notification = {
    subject: 'Scadenza vicina',
    body: 'La presa in carico scade tra 3 giorni lavorativi.',
    link: '/casi/SSC-III-2026-000123',
    caseNumber: 'SSC-III-2026-000123',
  };

  it('makes the link absolute with the public address', () => {
    const mail = composeNotificationEmail(notification, 'https://percorsi.comune.example.it/');
    expect(mail.subject).toBe('Scadenza vicina');
    expect(mail.text).toContain('La presa in carico scade tra 3 giorni lavorativi.\n');
    expect(mail.text).toContain('Pratica: SSC-III-2026-000123');
    expect(mail.text).toContain(
      'Apri in Percorsi: https://percorsi.comune.example.it/casi/SSC-III-2026-000123',
    );
    expect(mail.text).toContain('non rispondere a questa e-mail');
  });

  it('shows the path to open in the application without a public address', () => {
    const { text } = composeNotificationEmail(notification);
    expect(text).toContain('In Percorsi: /casi/SSC-III-2026-000123');
    expect(text).not.toContain('http');
  });

  it('leaves out the case and link lines when there are none', () => {
    const { text } = composeNotificationEmail({ ...notification, link: null, caseNumber: null });
    expect(text).toBe(
      [
        'La presa in carico scade tra 3 giorni lavorativi.',
        '',
        '-- ',
        'Messaggio automatico di Percorsi: non rispondere a questa e-mail.',
        "Trovi questa notifica anche tra le notifiche dell'applicazione.",
      ].join('\n'),
    );
  });
});
