const ROME = { timeZone: 'Europe/Rome' } as const;

/** "26/11/2026, 14:05" in Rome's time, or a dash. */
export function dateTime(value: string | null | undefined): string {
  return value
    ? new Date(value).toLocaleString('it-IT', { ...ROME, dateStyle: 'short', timeStyle: 'short' })
    : '—';
}

/**
 * A due date as dateTime shows it, except at midnight: a task due on a legal deadline's day is
 * due when that day ends (00:00 of the next), which reads "30/04/26, 24:00", not "01/05/26, 00:00".
 */
export function dueDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const time = new Date(value).toLocaleTimeString('it-IT', { ...ROME, timeStyle: 'short' });
  if (time !== '00:00') return dateTime(value);
  const closing = new Date(Date.parse(value) - 1);
  return `${closing.toLocaleDateString('it-IT', { ...ROME, dateStyle: 'short' })}, 24:00`;
}

/** "26/11/2026" for a YYYY-MM-DD day or an instant. */
export function day(value: string | null | undefined): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return date.toLocaleDateString('it-IT', ROME);
}

/** "scaduta da 2 giorni", "scade oggi", "scade tra 3 giorni" (calendar days, Rome). */
export function dueIn(value: string | null | undefined, now = Date.now()): string {
  if (!value) return 'senza scadenza';
  // Due at midnight is due the day that midnight closes.
  const dueDay = startOfDay(new Date(Date.parse(value) - 1));
  const days = Math.round((dueDay - startOfDay(new Date(now))) / 86_400_000);
  if (new Date(value).getTime() < now)
    return days >= 0 ? 'scaduta oggi' : `scaduta da ${-days} ${days === -1 ? 'giorno' : 'giorni'}`;
  if (days === 0) return 'scade oggi';
  return days === 1 ? 'scade domani' : `scade tra ${days} giorni`;
}

function startOfDay(date: Date): number {
  const [y, m, d] = date.toLocaleDateString('en-CA', ROME).split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

export function isPast(value: string | null | undefined, now = Date.now()): boolean {
  return !!value && new Date(value).getTime() < now;
}

/** "Rossi Maria" from the API's person shape. */
export function personName(person: { surname: string; name: string } | null | undefined): string {
  return person ? `${person.surname} ${person.name}` : '—';
}

/** "1 attività", "3 attività"; "1 cartella", "2 cartelle". */
export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('it-IT')} ${n === 1 ? one : many}`;
}

/** Now as a `datetime-local` value in Rome's time (what a form field shows). */
export function nowInRome(now = new Date()): string {
  return now
    .toLocaleString('sv-SE', { ...ROME })
    .slice(0, 16)
    .replace(' ', 'T');
}

/** A `datetime-local` value read as Rome's time, as an ISO instant with its offset. */
export function romeLocalToIso(local: string): string {
  const offsetAt = (instant: Date) =>
    new Intl.DateTimeFormat('en-US', { ...ROME, timeZoneName: 'longOffset' })
      .format(instant)
      .replace(/^.*GMT/, '') || '+00:00';
  // The offset of the instant as if it were UTC is right except within an hour of a change.
  const offset = offsetAt(new Date(`${local}:00Z`));
  return new Date(`${local}:00${offset}`).toISOString();
}
