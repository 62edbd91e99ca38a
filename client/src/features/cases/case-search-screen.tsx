import { Badge, Button, Icon } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { Page as ApiPage } from '../../api/client';
import { useAccount } from '../../session/use-session';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { day, personName } from '../../ui/format';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { useApi } from '../../ui/use-api';
import {
  CASE_STATUSES,
  CaseCriteria,
  casesPath,
  CaseSummary,
  PathOption,
  StaffMember,
} from './cases';

const PAGE = 25;
const UNASSIGNED = 'nessuno';

/** Kept while the tab lives (never in the browser's storage): back from a case, the same search. */
let remembered: CaseCriteria = { status: 'open' };

const COLUMNS: Column<CaseSummary>[] = [
  {
    label: 'Persona',
    cell: (c) => (
      <>
        <span className="fw-semibold">{personName(c.person)}</span>
        {c.person.taxCode && <div className="small text-secondary">{c.person.taxCode}</div>}
      </>
    ),
  },
  {
    label: 'Cartella',
    cell: (c) => (
      <>
        <Link href={`/casi/${c.caseNumber}`}>{c.caseNumber}</Link>
        {c.status !== 'open' && (
          <div>
            <Badge color={CASE_STATUSES[c.status]?.color ?? 'secondary'}>
              {CASE_STATUSES[c.status]?.label ?? c.status}
            </Badge>
          </div>
        )}
      </>
    ),
  },
  {
    label: 'Percorsi',
    cell: (c) =>
      c.pathNames.length === 0 ? (
        'nessun percorso avviato'
      ) : (
        <ul className="list-unstyled mb-0">
          {c.pathNames.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      ),
  },
  { label: 'Case manager', cell: (c) => c.caseManager?.displayName ?? 'da assegnare' },
  { label: 'Aperta il', cell: (c) => day(c.openedAt) },
];

/**
 * Finding a case: by number, the person's name or tax code, path, status, case manager. The
 * API shows only the cases the caller may open (a caseworker's own and those they work on, a
 * coordinator's unit).
 */
export function CaseSearchScreen() {
  const account = useAccount();
  const [criteria, setCriteria] = useState<CaseCriteria>(remembered);
  const [offset, setOffset] = useState(0);
  const results = useApi<ApiPage<CaseSummary>>(casesPath(criteria, PAGE, offset));
  const apply = (next: CaseCriteria) => {
    remembered = next;
    setCriteria(next);
    setOffset(0);
  };
  return (
    <Page
      title="Cartelle"
      lead={
        account.role === 'coordinator'
          ? `Le cartelle dell’unità ${account.unitCode ?? ''}`
          : 'Le cartelle di cui è case manager o su cui ha un’attività'
      }
    >
      <SearchForm criteria={criteria} onApply={apply} unitCode={account.unitCode} />
      <Loaded state={results}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Nessuna cartella corrisponde alla ricerca.</Empty>
          ) : (
            <>
              <p className="mt-3" role="status">
                {page.total === 1 ? '1 cartella trovata' : `${page.total} cartelle trovate`}
              </p>
              <DataTable
                caption="Cartelle trovate"
                columns={COLUMNS}
                rows={page.items}
                rowKey={(c) => c.id}
                rowProps={(c) => ({ 'data-case': c.caseNumber })}
              />
              <Pager
                label="Pagine delle cartelle trovate"
                total={page.total}
                offset={offset}
                limit={PAGE}
                onChange={setOffset}
              />
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

function SearchForm({
  criteria,
  onApply,
  unitCode,
}: {
  criteria: CaseCriteria;
  onApply: (criteria: CaseCriteria) => void;
  unitCode: string | null;
}) {
  const paths = useApi<PathOption[]>('/cases/paths');
  const staff = useApi<StaffMember[]>(unitCode ? `/units/${unitCode}/staff` : null);
  const [caseNumber, setCaseNumber] = useState(criteria.caseNumber ?? '');
  const [name, setName] = useState(criteria.name ?? '');
  const [taxCode, setTaxCode] = useState(criteria.taxCode ?? '');
  const [path, setPath] = useState(criteria.path ?? '');
  const [status, setStatus] = useState<string>(criteria.status ?? '');
  const [manager, setManager] = useState(
    criteria.unassigned ? UNASSIGNED : (criteria.caseManagerId ?? ''),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      caseNumber: caseNumber.trim().toUpperCase() || undefined,
      name: name.trim() || undefined,
      taxCode: taxCode.replace(/\s/g, '').toUpperCase() || undefined,
      path: path || undefined,
      status: (status || undefined) as CaseCriteria['status'],
      caseManagerId: manager && manager !== UNASSIGNED ? manager : undefined,
      unassigned: manager === UNASSIGNED ? true : undefined,
    });
  };
  const clear = () => {
    setCaseNumber('');
    setName('');
    setTaxCode('');
    setPath('');
    setStatus('open');
    setManager('');
    onApply({ status: 'open' });
  };

  return (
    <form role="search" aria-label="Cerca una cartella" onSubmit={submit} className="mb-3">
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <TextField
            id="cerca-numero"
            label="Numero di cartella"
            hint="Es. SSC-III-2026-000123"
            value={caseNumber}
            maxLength={32}
            onChange={setCaseNumber}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            id="cerca-nome"
            label="Cognome e nome"
            hint="Anche solo l’inizio del cognome"
            value={name}
            maxLength={100}
            onChange={setName}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            id="cerca-cf"
            label="Codice fiscale"
            value={taxCode}
            maxLength={20}
            autoComplete="off"
            onChange={setTaxCode}
          />
        </div>
        <div className="col-12 col-md-4">
          <SelectField
            id="cerca-percorso"
            label="Percorso"
            value={path}
            placeholder="Tutti i percorsi"
            options={(paths.data ?? []).map((p) => ({ value: p.bpmnProcessId, label: p.name }))}
            onChange={setPath}
          />
        </div>
        <div className="col-12 col-md-4">
          <SelectField
            id="cerca-stato"
            label="Stato"
            value={status}
            placeholder="Aperte e chiuse"
            options={[
              { value: 'open', label: 'Aperte' },
              { value: 'closed', label: 'Chiuse' },
            ]}
            onChange={setStatus}
          />
        </div>
        <div className="col-12 col-md-4">
          <SelectField
            id="cerca-case-manager"
            label="Case manager"
            value={manager}
            placeholder="Qualsiasi"
            options={[
              { value: UNASSIGNED, label: 'Senza case manager' },
              ...(staff.data ?? []).map((s) => ({ value: s.accountId, label: s.displayName })),
            ]}
            onChange={setManager}
          />
        </div>
      </div>
      <div className="toolbar-row mt-3">
        <Button color="primary" type="submit">
          <Icon icon="it-search" size="sm" color="white" aria-hidden /> Cerca
        </Button>
        <Button color="secondary" outline type="button" onClick={clear}>
          Nuova ricerca
        </Button>
      </div>
    </form>
  );
}
