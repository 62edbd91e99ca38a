import { Link, useLocation } from 'wouter';
import { useUnreadCount, useUnreadRefresh } from './notifications';

/** The header's bell: the unread count, a link to the notifications. */
export function NotificationBell() {
  const [location] = useLocation();
  useUnreadRefresh(location);
  const count = useUnreadCount();
  const label =
    count === null || count === 0
      ? 'Notifiche, nessuna da leggere'
      : `Notifiche, ${count === 1 ? '1 da leggere' : `${count} da leggere`}`;
  return (
    <Link
      href="/notifiche"
      className="d-inline-flex align-items-center gap-1 text-white text-decoration-none me-3"
      aria-label={label}
      title={label}
      aria-current={location === '/notifiche' ? 'page' : undefined}
      data-testid="notification-bell"
    >
      <BellIcon />
      {!!count && (
        <span className="badge bg-white text-primary rounded-pill" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}

/** A bell (the design system's icons have none), drawn in the text's colour. */
function BellIcon() {
  return (
    <svg
      className="icon icon-sm icon-white"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="currentColor"
    >
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Zm-2 1H7v-6a5 5 0 0 1 10 0v6Z" />
    </svg>
  );
}
