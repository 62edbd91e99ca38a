import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ROLE_LABELS } from '../../session/session';
import { useAccount } from '../../session/use-session';
import { ErrorAlert, Notice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { Page, Section } from '../../ui/page';
import { useAction } from '../../ui/use-api';
import { PASSWORD_HINT } from '../accounts/accounts';

/** Who one is here, and one's own password (the other sessions end when it changes). */
export function ProfileScreen() {
  const account = useAccount();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const change = useAction();
  const mismatch = repeat !== '' && repeat !== next ? 'Le due password non coincidono.' : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (mismatch || !next) return;
    void change
      .run(() => api('POST', '/auth/password', { currentPassword: current, newPassword: next }))
      .then((ok) => {
        if (!ok) return;
        setCurrent('');
        setNext('');
        setRepeat('');
        setDone('Password cambiata. Le altre sessioni aperte con questo utente sono terminate.');
      });
  };
  return (
    <Page title="Profilo">
      <dl className="facts">
        <dt>Nome</dt>
        <dd>{account.displayName}</dd>
        <dt>Nome utente</dt>
        <dd>{account.username}</dd>
        <dt>Ruolo</dt>
        <dd>{ROLE_LABELS[account.role]}</dd>
        <dt>Unità</dt>
        <dd>{account.unitCode ?? '—'}</dd>
      </dl>
      {account.role === 'worker' && (
        <p className="alert alert-info" data-testid="worker-account">
          Questo utente è di un programma che esegue i passi automatici dei percorsi attraverso
          l’interfaccia dei job (<code>/api/jobs</code>): non ha schermate. Ogni job che riceve è
          registrato nel registro degli accessi.
        </p>
      )}
      <Section title="Cambia la password" id="password">
        <form onSubmit={submit} noValidate className="row narrow-form">
          <TextField
            id="password-attuale"
            className="col-12"
            type="password"
            autoComplete="current-password"
            label="Password attuale"
            value={current}
            onChange={setCurrent}
          />
          <TextField
            id="password-nuova"
            className="col-12"
            type="password"
            autoComplete="new-password"
            label="Nuova password"
            hint={PASSWORD_HINT}
            value={next}
            onChange={setNext}
          />
          <TextField
            id="password-ripeti"
            className="col-12"
            type="password"
            autoComplete="new-password"
            label="Ripeti la nuova password"
            value={repeat}
            onChange={setRepeat}
            error={mismatch}
          />
          <div className="col-12">
            <ErrorAlert error={change.error} />
            <Notice>{done}</Notice>
            <Button color="primary" type="submit" disabled={change.busy}>
              Cambia la password
            </Button>
          </div>
        </form>
      </Section>
    </Page>
  );
}
