/** What went wrong with one attempt, in terms the outbox acts on. */
export interface SmtpFailure {
  /** nodemailer's error code (ECONNECTION, EENVELOPE, EAUTH, …). */
  code: string;
  /** Retrying cannot help: the server refused this message or recipient for good. */
  permanent: boolean;
  /** The server or the connection is the problem: other messages would fail too. */
  serverDown: boolean;
  /** Code, SMTP reply code and message, with e-mail addresses removed, at most 500 characters. */
  description: string;
}

const SERVER_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EAUTH',
  'ENOAUTH',
  'ETLS',
  'EPROTOCOL',
  'ECONNREFUSED',
]);

/** Classifies a nodemailer error and describes it without personal data. */
export function smtpFailure(error: unknown): SmtpFailure {
  const { code, responseCode, message } = (error ?? {}) as {
    code?: unknown;
    responseCode?: unknown;
    message?: unknown;
  };
  const name = typeof code === 'string' && code ? code : 'EUNKNOWN';
  const reply = typeof responseCode === 'number' ? responseCode : undefined;
  const refused = name === 'EENVELOPE' || name === 'EMESSAGE';
  const text = String(message ?? error).replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<indirizzo>');
  return {
    code: name,
    permanent: refused && (reply === undefined || reply >= 500),
    serverDown: SERVER_CODES.has(name),
    description: `${name}${reply ? ` ${reply}` : ''}: ${text}`.slice(0, 500),
  };
}
