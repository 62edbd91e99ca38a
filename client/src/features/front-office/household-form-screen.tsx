import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, ApiError } from '../../api/client';
import { useAccount } from '../../session/use-session';
import { Empty, ErrorAlert, flashNext } from '../../ui/feedback';
import { ErrorSummary, SelectField, TextField } from '../../ui/fields';
import { Page, Section } from '../../ui/page';
import { useAction, useApi } from '../../ui/use-api';
import { RELATIONSHIPS } from './labels';
import { PersonSearch } from './person-search';
import { fullName, Person } from './persons';

interface Member {
  person: Person;
  relationship: string;
}

const LABELS: Record<string, string> = {
  address: 'Indirizzo',
  unitCode: 'Unità territoriale',
  members: 'Componenti',
};

/** A household (nucleo familiare): its address, the unit it belongs to, its members. */
export function HouseholdFormScreen() {
  const account = useAccount();
  const [, navigate] = useLocation();
  const preset = new URLSearchParams(useSearch()).get('persona');
  const first = useApi<Person>(preset ? `/persons/${preset}` : null);
  const units = useApi<Array<{ code: string; name: string }>>('/units');
  const [address, setAddress] = useState('');
  const [unitCode, setUnitCode] = useState(account.unitCode ?? '');
  const [added, setAdded] = useState<Member[]>([]);
  const [firstRelationship, setFirstRelationship] = useState('intestatario');
  const [problems, setProblems] = useState<Array<{ field: string; messages: string[] }>>([]);
  const save = useAction();

  const members: Member[] = [
    ...(first.data ? [{ person: first.data, relationship: firstRelationship }] : []),
    ...added,
  ];
  const setRelationship = (index: number, relationship: string) => {
    if (first.data && index === 0) return setFirstRelationship(relationship);
    const at = index - (first.data ? 1 : 0);
    setAdded((list) => list.map((m, i) => (i === at ? { ...m, relationship } : m)));
  };
  const remove = (id: string) => setAdded((list) => list.filter((m) => m.person.id !== id));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local = [
      ...(address.trim().length < 3
        ? [{ field: 'address', messages: ['Indicare l’indirizzo del nucleo.'] }]
        : []),
      ...(members.length === 0
        ? [{ field: 'members', messages: ['Aggiungere almeno un componente.'] }]
        : []),
    ];
    setProblems(local);
    if (local.length) return;
    void save.run(async () => {
      try {
        await api('POST', '/households', {
          address: address.trim(),
          unitCode: unitCode || undefined,
          members: members.map((m) => ({ personId: m.person.id, relationship: m.relationship })),
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) setProblems(error.fieldProblems);
        throw error;
      }
      flashNext(`Nucleo familiare registrato: ${address.trim()}.`);
      navigate(`/sportello/persone/${members[0].person.id}`);
    });
  };

  return (
    <Page title="Registra un nucleo familiare" back={{ href: '/sportello', label: 'Sportello' }}>
      <ErrorSummary problems={problems} labels={LABELS} fieldId={(f) => `nucleo-${f}`} />
      {save.error && (save.error.status !== 400 || problems.length === 0) && (
        <ErrorAlert error={save.error} />
      )}
      <form onSubmit={submit} noValidate>
        <div className="row">
          <TextField
            id="nucleo-address"
            className="col-12 col-md-8"
            label={LABELS.address}
            required
            value={address}
            maxLength={300}
            onChange={setAddress}
            error={problems.find((p) => p.field === 'address')?.messages.join(' ')}
          />
          <SelectField
            id="nucleo-unitCode"
            className="col-12 col-md-4"
            label={LABELS.unitCode}
            hint="L’unità della circoscrizione dell’indirizzo."
            value={unitCode}
            options={(units.data ?? []).map((u) => ({
              value: u.code,
              label: `${u.code} · ${u.name}`,
            }))}
            onChange={setUnitCode}
          />
        </div>
        <Section title="Componenti" id="nucleo-members">
          {members.length === 0 ? (
            <Empty>Nessun componente: cercarli nell’anagrafe qui sotto.</Empty>
          ) : (
            <ul className="list-unstyled">
              {members.map((m, index) => (
                <li
                  key={m.person.id}
                  className="d-flex flex-wrap align-items-end gap-3 border-bottom pb-2 mb-2"
                >
                  <span className="fw-semibold">{fullName(m.person)}</span>
                  <SelectField
                    id={`nucleo-relazione-${m.person.id}`}
                    className="mb-0"
                    label={`Relazione di ${fullName(m.person)}`}
                    value={m.relationship}
                    options={RELATIONSHIPS.map((r) => ({ value: r, label: r }))}
                    onChange={(value) => setRelationship(index, value)}
                  />
                  {!(first.data && index === 0) && (
                    <Button color="secondary" outline size="xs" onClick={() => remove(m.person.id)}>
                      Togli
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <PersonSearch
            id="nucleo-cerca"
            label="Aggiungi un componente: codice fiscale oppure cognome e nome"
            actions={(person) =>
              members.some((m) => m.person.id === person.id) ? (
                <span className="small">già nel nucleo</span>
              ) : (
                <Button
                  color="primary"
                  size="xs"
                  onClick={() =>
                    setAdded((list) => [...list, { person, relationship: 'figlio/a' }])
                  }
                >
                  Aggiungi
                </Button>
              )
            }
          />
        </Section>
        <Button color="primary" type="submit" disabled={save.busy}>
          Registra il nucleo
        </Button>
      </form>
    </Page>
  );
}
