import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { api, ApiError } from '../../api/client';
import { Role, ROLE_LABELS } from '../../session/session';
import { ErrorAlert, flashNext, Loaded, Notice } from '../../ui/feedback';
import { CheckboxField, ErrorSummary, SelectField, TextField } from '../../ui/fields';
import { dateTime } from '../../ui/format';
import { Page, Section } from '../../ui/page';
import { useAction, useApi } from '../../ui/use-api';
import { ManagedAccount, PASSWORD_HINT, UNIT_ROLES } from './accounts';

const LABELS: Record<string, string> = {
  username: 'Nome utente',
  displayName: 'Nome e cognome',
  role: 'Ruolo',
  unitCode: 'Unità territoriale',
  email: 'Email',
  fte: 'Tempo di lavoro (quota di un tempo pieno)',
  password: 'Password iniziale',
  active: 'Attivo',
};

type Problems = Array<{ field: string; messages: string[] }>;

/** A new account (`/amministrazione/utenti/nuovo`) or an existing one (`…/:id`). */
export function AccountFormScreen({ params }: { params: { id?: string } }) {
  const existing = useApi<ManagedAccount>(params.id ? `/accounts/${params.id}` : null);
  if (!params.id) return <AccountForm />;
  return <Loaded state={existing}>{(account) => <AccountForm account={account} />}</Loaded>;
}

function AccountForm({ account }: { account?: ManagedAccount }) {
  const [, navigate] = useLocation();
  const units = useApi<Array<{ code: string; name: string }>>('/units');
  const [form, setForm] = useState({
    username: account?.username ?? '',
    displayName: account?.displayName ?? '',
    role: (account?.role ?? 'caseworker') as Role,
    unitCode: account?.unitCode ?? '',
    email: account?.email ?? '',
    fte: String(account?.fte ?? 1).replace('.', ','),
    password: '',
    active: account?.active ?? true,
  });
  const [problems, setProblems] = useState<Problems>([]);
  const save = useAction();
  const set = (field: keyof typeof form) => (value: string | boolean) =>
    setForm((f) => ({ ...f, [field]: value }));
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.messages.join(' ');
  const needsUnit = UNIT_ROLES.includes(form.role);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      displayName: form.displayName.trim(),
      role: form.role,
      unitCode: needsUnit ? form.unitCode || null : null,
      email: form.email.trim() || null,
      // Not a number: sent as typed, for the server to name the field.
      fte: Number.isNaN(Number(form.fte.trim().replace(',', '.')))
        ? form.fte
        : Number(form.fte.trim().replace(',', '.')),
      ...(account
        ? { active: form.active }
        : { username: form.username.trim(), password: form.password }),
    };
    void save.run(async () => {
      try {
        await (account
          ? api('PATCH', `/accounts/${account.id}`, body)
          : api('POST', '/accounts', body));
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) setProblems(error.fieldProblems);
        throw error;
      }
      flashNext(
        account ? `Utente aggiornato: ${body.displayName}.` : `Utente creato: ${body.displayName}.`,
      );
      navigate('/amministrazione/utenti');
    });
  };

  return (
    <Page
      title={account ? account.displayName : 'Nuovo utente'}
      lead={account ? `${account.username} · creato il ${dateTime(account.createdAt)}` : undefined}
      back={{ href: '/amministrazione/utenti', label: 'Utenti' }}
    >
      <ErrorSummary problems={problems} labels={LABELS} fieldId={(f) => `utente-${f}`} />
      {save.error && (save.error.status !== 400 || problems.length === 0) && (
        <ErrorAlert error={save.error} />
      )}
      <form onSubmit={submit} noValidate className="row">
        {!account && (
          <TextField
            id="utente-username"
            className="col-12 col-md-6"
            label={LABELS.username}
            hint="Lettere, cifre, punto, trattino; da 3 a 64 caratteri. Per l’accesso con SPID/CIE è il codice fiscale."
            required
            autoComplete="off"
            value={form.username}
            maxLength={64}
            onChange={set('username')}
            error={errorOf('username')}
          />
        )}
        <TextField
          id="utente-displayName"
          className="col-12 col-md-6"
          label={LABELS.displayName}
          required
          value={form.displayName}
          maxLength={200}
          onChange={set('displayName')}
          error={errorOf('displayName')}
        />
        <SelectField
          id="utente-role"
          className="col-12 col-md-6"
          label={LABELS.role}
          required
          value={form.role}
          options={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={set('role')}
          error={errorOf('role')}
        />
        <SelectField
          id="utente-unitCode"
          className="col-12 col-md-6"
          label={LABELS.unitCode}
          hint={
            needsUnit
              ? 'Obbligatoria per sportello, assistenti sociali e coordinatori.'
              : 'Dirigenti, amministratori e programmi esterni non appartengono a un’unità.'
          }
          required={needsUnit}
          disabled={!needsUnit}
          value={needsUnit ? form.unitCode : ''}
          placeholder="Scegliere l’unità"
          options={(units.data ?? []).map((u) => ({
            value: u.code,
            label: `${u.code} · ${u.name}`,
          }))}
          onChange={set('unitCode')}
          error={errorOf('unitCode')}
        />
        <TextField
          id="utente-email"
          className="col-12 col-md-6"
          type="email"
          label={LABELS.email}
          hint="Per ricevere le notifiche anche per posta elettronica."
          value={form.email}
          maxLength={254}
          onChange={set('email')}
          error={errorOf('email')}
        />
        <TextField
          id="utente-fte"
          className="col-12 col-md-6"
          inputMode="decimal"
          label={LABELS.fte}
          hint="1 = tempo pieno; 0,5 = metà. I LEPS contano gli assistenti sociali in tempi pieni."
          value={form.fte}
          onChange={set('fte')}
          error={errorOf('fte')}
        />
        {!account && (
          <TextField
            id="utente-password"
            className="col-12 col-md-6"
            type="password"
            autoComplete="new-password"
            label={LABELS.password}
            hint={PASSWORD_HINT}
            required
            value={form.password}
            onChange={set('password')}
            error={errorOf('password')}
          />
        )}
        {account && (
          <div className="col-12 mt-3">
            <CheckboxField
              id="utente-active"
              label="Attivo (un utente disattivato non può accedere; le sue sessioni terminano)"
              checked={form.active}
              onChange={set('active')}
            />
          </div>
        )}
        <div className="col-12 mt-4">
          <Button color="primary" type="submit" disabled={save.busy}>
            {account ? 'Salva le modifiche' : 'Crea l’utente'}
          </Button>
        </div>
      </form>
      {account && <PasswordReset account={account} />}
    </Page>
  );
}

/** A new password set by the administrator: the account's sessions end, its login block clears. */
function PasswordReset({ account }: { account: ManagedAccount }) {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const reset = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    void reset
      .run(() => api('POST', `/accounts/${account.id}/password`, { password }))
      .then((ok) => {
        if (!ok) return;
        setPassword('');
        setDone(
          'Password reimpostata: comunicarla all’interessato, che potrà cambiarla dal proprio profilo.',
        );
      });
  };
  return (
    <Section title="Reimposta la password" id="reimposta">
      <form onSubmit={submit} className="row align-items-end" noValidate>
        <TextField
          id="utente-nuova-password"
          className="col-12 col-md-6"
          type="password"
          autoComplete="new-password"
          label="Nuova password"
          hint={PASSWORD_HINT}
          value={password}
          onChange={setPassword}
          error={reset.error?.message}
        />
        <div className="col-12 col-md-3 mb-4">
          <Button color="primary" outline type="submit" disabled={reset.busy || !password}>
            Reimposta
          </Button>
        </div>
      </form>
      <Notice>{done}</Notice>
    </Section>
  );
}
