import { Button } from 'design-react-kit';
import { useEffect } from 'react';
import { SESSION_EXPIRED } from '../api/client';
import { session } from '../session/session';
import { useSession } from '../session/use-session';
import { useNow } from '../ui/feedback';

/** Warn this long before the session (12 h from sign-in by default) ends. */
const WARN_MS = 5 * 60_000;

/**
 * The session cannot be renewed past its end: the user is warned before, and when it ends the
 * sign-in opens on the same address, so the work continues where it was (task answers are kept
 * as a server-side draft).
 */
export function SessionWarning() {
  const { endsAt } = useSession();
  const now = useNow(15_000);
  useEffect(() => {
    if (endsAt && now >= endsAt) session.end(SESSION_EXPIRED);
  }, [endsAt, now]);
  if (!endsAt || endsAt - now > WARN_MS || now >= endsAt) return null;
  const at = new Date(endsAt).toLocaleTimeString('it-IT', {
    timeZone: 'Europe/Rome',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <div className="session-warning">
      <div className="alert alert-warning bg-white shadow" role="alert">
        <p className="mb-2">
          La sessione termina alle <strong>{at}</strong>. Le risposte dei moduli sono salvate come
          bozza: dopo un nuovo accesso le ritroverà.
        </p>
        <Button
          color="primary"
          size="xs"
          onClick={() => session.end('Nuovo accesso richiesto prima della fine della sessione.')}
        >
          Accedi di nuovo ora
        </Button>
      </div>
    </div>
  );
}
