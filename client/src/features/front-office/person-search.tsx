import { Button } from 'design-react-kit';
import { KeyboardEvent, ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, ErrorAlert } from '../../ui/feedback';
import { day } from '../../ui/format';
import { asApiError } from '../../ui/use-api';
import { findPersons, fullName, Person } from './persons';

/**
 * Finds a person of the registry by tax code or by surname (and name); `actions` draws what can
 * be done with each one found (open, choose as the person concerned…).
 */
export function PersonSearch({
  id,
  actions,
  label = 'Codice fiscale oppure cognome e nome',
}: {
  id: string;
  actions: (person: Person) => ReactNode;
  label?: string;
}) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const search = () => {
    if (text.trim().length < 2) return;
    setBusy(true);
    setError(null);
    findPersons(text)
      .then(setFound, (failure: unknown) => setError(asApiError(failure)))
      .finally(() => setBusy(false));
  };
  const columns: Column<Person>[] = [
    { label: 'Cognome e nome', cell: (p) => fullName(p) },
    { label: 'Codice fiscale', cell: (p) => p.taxCode ?? 'non indicato' },
    { label: 'Nato/a il', cell: (p) => day(p.birthDate) },
    { label: 'Azioni', hiddenLabel: true, cell: actions },
  ];
  return (
    <div>
      {/* Not a <form>: the search sits inside the forms of a household or a referral. */}
      <div className="row g-2 align-items-end" role="search" aria-label="Cerca una persona">
        <div className="col-12 col-md-8">
          <label htmlFor={id} className="form-label fw-semibold">
            {label}
          </label>
          <input
            id={id}
            className="form-control"
            value={text}
            autoComplete="off"
            placeholder="RSSMRA80A41G273L oppure Rossi Maria"
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event: KeyboardEvent) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              search();
            }}
          />
        </div>
        <div className="col-auto">
          <Button
            color="primary"
            type="button"
            disabled={busy || text.trim().length < 2}
            onClick={search}
          >
            Cerca
          </Button>
        </div>
      </div>
      <ErrorAlert error={error} />
      <div aria-live="polite">
        {found &&
          (found.length === 0 ? (
            <Empty>Nessuna persona trovata: si può registrarla.</Empty>
          ) : (
            <DataTable
              caption={`Persone trovate: ${found.length}`}
              showCaption
              columns={columns}
              rows={found}
              rowKey={(p) => p.id}
            />
          ))}
      </div>
    </div>
  );
}
