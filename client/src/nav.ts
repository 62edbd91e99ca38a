import { Account, session } from './session';

/** Where each role starts. */
export function home(who: Account): string {
  if (who.role === 'admin') return '#/modelli';
  if (who.role === 'manager') return '#/carichi';
  return who.role === 'caseworker' || who.role === 'coordinator' ? '#/attivita' : '#/benvenuto';
}

export function goHome(): void {
  const who = session.account();
  location.hash = who ? home(who) : '#/accesso';
}

/** A notice for the next screen (e.g. "Attività completata" on the list). */
let pendingNotice: string | null = null;
export function notifyNext(text: string): void {
  pendingNotice = text;
}
export function takeNotice(): string | null {
  const text = pendingNotice;
  pendingNotice = null;
  return text;
}

/** Draws the current screen again (after a claim, a deployment…). */
export function refresh(): void {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
