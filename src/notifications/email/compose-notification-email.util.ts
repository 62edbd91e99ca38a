/** What an e-mail says about a notification. */
export interface NotificationEmailContent {
  subject: string;
  body: string;
  link: string | null;
  caseNumber: string | null;
}

/**
 * The plain-text e-mail of a notification, in Italian. The link becomes
 * absolute when the service's public address is known; otherwise it is shown
 * as a path to open in the application.
 */
export function composeNotificationEmail(
  notification: NotificationEmailContent,
  publicUrl?: string,
): { subject: string; text: string } {
  const lines = [notification.body.trim(), ''];
  if (notification.caseNumber) lines.push(`Pratica: ${notification.caseNumber}`);
  if (notification.link) {
    lines.push(
      publicUrl
        ? `Apri in Percorsi: ${publicUrl.replace(/\/+$/, '')}${notification.link}`
        : `In Percorsi: ${notification.link}`,
    );
  }
  if (notification.caseNumber || notification.link) lines.push('');
  lines.push(
    '-- ',
    'Messaggio automatico di Percorsi: non rispondere a questa e-mail.',
    "Trovi questa notifica anche tra le notifiche dell'applicazione.",
  );
  return { subject: notification.subject, text: lines.join('\n') };
}
