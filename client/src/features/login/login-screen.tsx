import { Button } from 'design-react-kit';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { SessionTokens } from '../../session/session';
import { beginSession } from '../../session/use-session';
import { ErrorAlert } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { useAction } from '../../ui/use-api';
import { useDocumentTitle } from '../../ui/page';

/** Sign-in with the account the administrator created, or through SPID/CIE when configured. */
export function LoginScreen({ reason }: { reason: string | null }) {
  useDocumentTitle('Accesso');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [oidc, setOidc] = useState(false);
  const { run, busy, error } = useAction();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
    api<{ oidc: boolean }>('GET', '/auth/methods').then(
      (methods) => setOidc(methods.oidc),
      () => setOidc(false),
    );
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () =>
      beginSession(await api<SessionTokens>('POST', '/auth/login', { username, password })),
    );
  };

  return (
    <main id="contenuto" className="container my-5 login-main">
      <p className="text-uppercase fw-semibold text-primary mb-1">
        Comune di Palermo · Servizio Sociale di Comunità
      </p>
      <h1>Accesso a Percorsi</h1>
      {reason && (
        <div className="alert alert-info" role="status">
          {reason}
        </div>
      )}
      <div className="mt-4 p-4 border rounded shadow-sm bg-white">
        <form onSubmit={submit} noValidate>
          <TextField
            id="username"
            label="Nome utente"
            autoComplete="username"
            value={username}
            inputRef={first}
            onChange={setUsername}
          />
          <TextField
            id="password"
            type="password"
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
          />
          <ErrorAlert error={error} />
          <Button color="primary" type="submit" disabled={busy} className="w-100">
            Entra
          </Button>
        </form>
        {oidc && (
          <p className="mt-3 mb-0 text-center">
            <a className="btn btn-outline-primary w-100" href="/api/auth/oidc/login">
              Entra con SPID o CIE
            </a>
          </p>
        )}
      </div>
    </main>
  );
}
