import { api } from '../../api/client';

export type DeadlineStatus = 'running' | 'met' | 'breached' | 'cancelled';

/** A deadline as GET /api/deadlines lists it across cases (the unit's, or one's own cases'). */
export interface DeadlineListItem {
  id: string;
  caseId: string;
  caseNumber: string;
  /** «Cognome Nome». */
  personName: string;
  kind: string;
  label: string;
  legalBasis: string | null;
  /** YYYY-MM-DD, Rome. */
  dueDate: string;
  status: DeadlineStatus;
  breachedAt: string | null;
  /** Working days from today to the due day (0 = today, negative when past); running ones only. */
  workingDaysLeft: number | null;
  extensionsCount: number;
  /** Proroghe the law allows; null = no cap. */
  maxExtensions: number | null;
  caseManagerId: string | null;
  caseManagerName: string | null;
  pathName: string | null;
}

/** A proroga as the case's deadlines give it. */
export interface DeadlineExtension {
  id: string;
  previousDue: string;
  newDue: string;
  reason: string;
  /** Who granted it, as written (the court, the coordinator…). */
  grantedBy: string;
  recordedBy: string;
  recordedByName: string;
  recordedAt: string;
}

/** A deadline of one case (GET /api/cases/:caseId/deadlines), with its proroghe. */
export interface CaseDeadline {
  id: string;
  kind: string;
  label: string;
  legalBasis: string | null;
  dueDate: string;
  status: DeadlineStatus;
  processInstanceKey: string | null;
  elementId: string | null;
  createdAt: string;
  metAt: string | null;
  lastReminderAt: string | null;
  maxExtensions: number | null;
  extensions: DeadlineExtension[];
}

export type ExtensionUnit = 'calendarDays' | 'workingDays' | 'months';

/** POST /api/cases/:caseId/deadlines/:id/extensions: a new date, or an amount added. */
export type NewExtension = { reason: string; grantedBy: string } & (
  { newDueDate: string } | { extraDays: number; unit: ExtensionUnit }
);

export const EXTENSION_UNITS: Record<ExtensionUnit, string> = {
  calendarDays: 'giorni di calendario',
  workingDays: 'giorni lavorativi',
  months: 'mesi',
};

export const caseDeadlinesPath = (caseId: string) => `/cases/${caseId}/deadlines`;

export const extendDeadline = (caseId: string, deadlineId: string, extension: NewExtension) =>
  api<CaseDeadline>('POST', `/cases/${caseId}/deadlines/${deadlineId}/extensions`, extension);

/** What the law allows, in words; null when it sets no cap. */
export function capText(maxExtensions: number | null): string | null {
  if (maxExtensions === null) return null;
  if (maxExtensions === 0) return 'La legge non consente proroghe per questa scadenza.';
  return maxExtensions === 1
    ? 'La legge consente una sola proroga per questa scadenza.'
    : `La legge consente al massimo ${maxExtensions} proroghe per questa scadenza.`;
}

export const capReached = (deadline: { maxExtensions: number | null }, used: number) =>
  deadline.maxExtensions !== null && used >= deadline.maxExtensions;

/** "nessuna", "1", "1 di 1 consentita", "2 di 3 consentite". */
export function extensionsText(used: number, maxExtensions: number | null): string {
  if (maxExtensions === null) return used === 0 ? 'nessuna' : String(used);
  return `${used} di ${maxExtensions} ${maxExtensions === 1 ? 'consentita' : 'consentite'}`;
}

/**
 * Where a deadline stands, in words, and the badge colour that goes with them: "scade oggi",
 * "3 giorni lavorativi" (left, on Palermo's calendar), "scaduta". `today` is Rome's YYYY-MM-DD.
 */
export function deadlineState(
  deadline: { status: DeadlineStatus; dueDate: string; workingDaysLeft?: number | null },
  today = romeToday(),
): { label: string; color: string } {
  switch (deadline.status) {
    case 'met':
      return { label: 'rispettata', color: 'success' };
    case 'cancelled':
      return { label: 'annullata', color: 'secondary' };
    case 'breached':
      return { label: 'scaduta', color: 'danger' };
    case 'running': {
      const left = deadline.workingDaysLeft;
      if (left === null || left === undefined) return { label: 'in corso', color: 'primary' };
      if (deadline.dueDate < today || left < 0) return { label: 'scaduta', color: 'danger' };
      if (deadline.dueDate === today) return { label: 'scade oggi', color: 'danger' };
      // Due on a day off before the next working day (a Sunday seen on Saturday).
      if (left === 0)
        return {
          label: deadline.dueDate === nextDay(today) ? 'scade domani' : '0 giorni lavorativi',
          color: 'danger',
        };
      return {
        label: left === 1 ? '1 giorno lavorativo' : `${left} giorni lavorativi`,
        color: 'primary',
      };
    }
  }
}

/** A deadline's status as a caseworker says it, and the badge colour it shows in. */
export const DEADLINE_STATUSES: Record<DeadlineStatus, { label: string; color: string }> = {
  running: { label: 'in corso', color: 'primary' },
  met: { label: 'rispettata', color: 'success' },
  breached: { label: 'scaduta', color: 'danger' },
  cancelled: { label: 'annullata', color: 'secondary' },
};

/** Today in Rome, YYYY-MM-DD. */
export function romeToday(now = new Date()): string {
  return now.toLocaleDateString('en-CA', { timeZone: 'Europe/Rome' });
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(isoDay: string): string {
  const date = new Date(`${isoDay}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
