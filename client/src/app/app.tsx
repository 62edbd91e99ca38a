import { Component, ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { api } from '../api/client';
import { LoginScreen } from '../features/login/login-screen';
import { Account, SessionTokens } from '../session/session';
import { beginSession, resumeSession, useSession } from '../session/use-session';
import { ErrorAlert, Loading } from '../ui/feedback';
import { Page } from '../ui/page';
import { HOME, ROUTES } from './routes';
import { Shell } from './shell';

/**
 * Without a session the sign-in is drawn at the address asked for, so after signing in (or in
 * again, when a session ended) the user is where they were.
 */
export function App() {
  const { account, endedBecause } = useSession();
  const [ready, setReady] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  useEffect(() => {
    void start()
      .catch((error: Error) => setStartError(error.message))
      .finally(() => setReady(true));
  }, []);
  if (!ready) return <Loading />;
  if (!account) return <LoginScreen reason={startError ?? endedBecause} />;
  return (
    <Shell account={account}>
      <ScreenBoundary>
        <Suspense fallback={<Loading />}>
          <Screens account={account} />
        </Suspense>
      </ScreenBoundary>
    </Shell>
  );
}

/** A login through the city's identity provider comes back with a one-time code (`?login_code=`). */
async function start(): Promise<void> {
  const url = new URL(location.href);
  const code = url.searchParams.get('login_code');
  if (code) {
    url.searchParams.delete('login_code');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    await beginSession(await api<SessionTokens>('POST', '/auth/oidc/token', { code }));
    return;
  }
  await resumeSession();
}

function Screens({ account }: { account: Account }) {
  const [location] = useLocation();
  return (
    <Switch>
      <Route path="/">
        <Redirect to={HOME[account.role]} replace />
      </Route>
      {ROUTES.map(({ path, roles, screen: Screen }) => (
        <Route key={path} path={path}>
          {(params) => (roles.includes(account.role) ? <Screen params={params} /> : <NotAllowed />)}
        </Route>
      ))}
      <Route>
        <Page title="Pagina non trovata">
          <p>
            L’indirizzo <code>{location}</code> non corrisponde a nessuna pagina.{' '}
            <Link href={HOME[account.role]}>Torna alla pagina iniziale</Link>.
          </p>
        </Page>
      </Route>
    </Switch>
  );
}

function NotAllowed() {
  const { account } = useSession();
  return (
    <Page title="Accesso non consentito">
      <p>
        Questa pagina non è disponibile per il proprio ruolo.{' '}
        {account && <Link href={HOME[account.role]}>Torna alla pagina iniziale</Link>}
      </p>
    </Page>
  );
}

/** A screen that fails to draw (or a chunk that fails to load) leaves the shell usable. */
class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(error: unknown) {
    console.error(error);
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorAlert error="Errore imprevisto nel disegnare la pagina: ricaricarla. Se si ripete, segnalarlo all’amministratore." />
    );
  }
}
