import { Badge, Button } from 'design-react-kit';
import { MouseEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { query } from '../../api/client';
import { Empty, ErrorAlert, Loaded, Notice } from '../../ui/feedback';
import { dateTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { Tabs } from '../../ui/tabs';
import { useAction, useApi } from '../../ui/use-api';
import { isCaseNumber } from '../tasks/tasks';
import {
  AppNotification,
  KIND_LABELS,
  markAllRead,
  markRead,
  NotificationPage,
  refreshUnread,
  useUnreadCount,
} from './notifications';

const PAGE = 20;
type View = 'all' | 'unread';

/** The caller's notifications, newest first: follow one to what it is about, mark them read. */
export function NotificationsScreen() {
  const [, navigate] = useLocation();
  const [view, setView] = useState<View>('all');
  const [limit, setLimit] = useState(PAGE);
  const unread = useUnreadCount();
  const list = useApi<NotificationPage>(
    `/notifications${query({ unread: view === 'unread' ? true : undefined, limit })}`,
  );
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  const changed = () => {
    list.reload();
    void refreshUnread();
  };
  const read = (notification: AppNotification) =>
    void action.run(() => markRead(notification.id)).then((done) => done && changed());
  const readAll = () =>
    void action.run(markAllRead).then((done) => {
      if (!done) return;
      setNotice('Tutte le notifiche sono segnate come lette.');
      changed();
    });
  /** Following a notification marks it read first, so the bell counts right where it leads. */
  const follow = (event: MouseEvent, notification: AppNotification) => {
    if (notification.readAt || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    void markRead(notification.id)
      .catch(() => undefined)
      .finally(() => {
        void refreshUnread();
        navigate(notification.link!);
      });
  };

  return (
    <Page
      title="Notifiche"
      lead={
        unread === null ? undefined : unread === 0 ? 'Nessuna da leggere' : `${unread} da leggere`
      }
      actions={
        <Button
          color="primary"
          outline
          size="sm"
          disabled={action.busy || !unread}
          onClick={readAll}
        >
          Segna tutte come lette
        </Button>
      }
    >
      <Notice>{notice}</Notice>
      <ErrorAlert error={action.error} />
      <Tabs<View>
        label="Quali notifiche"
        idPrefix="notifiche"
        items={[
          { key: 'all', label: 'Tutte' },
          { key: 'unread', label: 'Da leggere', count: unread },
        ]}
        selected={view}
        onSelect={(key) => {
          setView(key);
          setLimit(PAGE);
        }}
      >
        <Loaded state={list}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>
                {view === 'unread' ? 'Nessuna notifica da leggere.' : 'Nessuna notifica.'}
              </Empty>
            ) : (
              <>
                <ul className="list-unstyled mb-3" aria-label="Notifiche">
                  {page.items.map((notification) => (
                    <NotificationItem
                      key={notification.id}
                      notification={notification}
                      busy={action.busy}
                      onRead={() => read(notification)}
                      onFollow={(event) => follow(event, notification)}
                    />
                  ))}
                </ul>
                {page.items.length < page.total && (
                  <Button color="primary" outline onClick={() => setLimit(limit + PAGE)}>
                    Mostra altre ({page.total - page.items.length})
                  </Button>
                )}
              </>
            )
          }
        </Loaded>
      </Tabs>
    </Page>
  );
}

function NotificationItem({
  notification,
  busy,
  onRead,
  onFollow,
}: {
  notification: AppNotification;
  busy: boolean;
  onRead: () => void;
  onFollow: (event: MouseEvent) => void;
}) {
  const unread = !notification.readAt;
  return (
    <li
      className={`border rounded p-3 mb-2${unread ? ' border-primary' : ''}`}
      data-notification={notification.id}
    >
      <div className="d-flex flex-wrap align-items-center gap-2 mb-1">
        <Badge color="secondary">{KIND_LABELS[notification.kind] ?? 'Avviso'}</Badge>
        {unread && <Badge color="primary">Da leggere</Badge>}
        <span className="small text-secondary">{dateTime(notification.createdAt)}</span>
      </div>
      <p className={`mb-1${unread ? ' fw-semibold' : ''}`}>
        {notification.link ? (
          <Link href={notification.link} onClick={onFollow}>
            {notification.subject}
          </Link>
        ) : (
          notification.subject
        )}
      </p>
      <p className="mb-1 text-prewrap">{notification.body}</p>
      <div className="d-flex flex-wrap align-items-center gap-2">
        {notification.caseNumber && (
          <span className="small">
            {isCaseNumber(notification.caseNumber) ? 'Cartella' : 'Segnalazione'}{' '}
            {notification.caseNumber}
          </span>
        )}
        {unread && (
          <Button color="secondary" outline size="xs" disabled={busy} onClick={onRead}>
            Segna come letta
          </Button>
        )}
      </div>
    </li>
  );
}
