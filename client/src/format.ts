const ROME = { timeZone: 'Europe/Rome' } as const;

/** "26/11/2026, 14:05" in Rome's time, or a dash. */
export function dateTime(value: string | null | undefined): string {
  return value
    ? new Date(value).toLocaleString('it-IT', { ...ROME, dateStyle: 'short', timeStyle: 'short' })
    : '—';
}

/** "26/11/2026" for a YYYY-MM-DD day or an instant. */
export function day(value: string | null | undefined): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return date.toLocaleDateString('it-IT', ROME);
}
