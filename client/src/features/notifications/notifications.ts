import { useEffect, useSyncExternalStore } from 'react';
import { api, Page } from '../../api/client';

export type NotificationKind =
  | 'deadline-near'
  | 'deadline-breached'
  | 'task-due-soon'
  | 'task-overdue'
  | 'task-assigned'
  | 'case-assigned'
  | 'generic';

/** A notification as GET /api/notifications gives it. */
export interface AppNotification {
  id: string;
  kind: NotificationKind;
  subject: string;
  body: string;
  /** A path of the app to follow (`/attivita/…`, `/casi/…`). */
  link: string | null;
  caseNumber: string | null;
  createdAt: string;
  readAt: string | null;
}

export type NotificationPage = Page<AppNotification>;

/** What each kind is, in the caseworker's words. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  'deadline-near': 'Scadenza vicina',
  'deadline-breached': 'Scadenza superata',
  'task-due-soon': 'Attività in scadenza',
  'task-overdue': 'Attività scaduta',
  'task-assigned': 'Attività assegnata',
  'case-assigned': 'Cartella assegnata',
  generic: 'Avviso',
};

export const markRead = (id: string) => api<void>('POST', `/notifications/${id}/read`);
export const markAllRead = () => api<void>('POST', '/notifications/read-all');

/** The unread count the header's bell shows, shared with the screen that changes it. */
let unread: number | null = null;
const listeners = new Set<() => void>();
let asking: Promise<void> | null = null;

/** Asks the server again (after a read, on navigation, every minute). */
export function refreshUnread(): Promise<void> {
  asking ??= api<{ count: number }>('GET', '/notifications/unread-count')
    .then(({ count }) => {
      unread = count;
      listeners.forEach((listener) => listener());
    })
    // The bell is not worth an error: it keeps the last count it had.
    .catch(() => undefined)
    .finally(() => {
      asking = null;
    });
  return asking;
}

/** The unread count as last asked (null before the first answer). */
export function useUnreadCount(): number | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => unread,
  );
}

const REFRESH_MS = 60_000;

/** Asks the count when `key` changes (the address) and every minute: the bell does. */
export function useUnreadRefresh(key: string): void {
  useEffect(() => {
    void refreshUnread();
  }, [key]);
  useEffect(() => {
    const timer = setInterval(() => void refreshUnread(), REFRESH_MS);
    return () => {
      clearInterval(timer);
      // Signed out: the next person's bell starts from nothing, not from this count.
      unread = null;
    };
  }, []);
}
