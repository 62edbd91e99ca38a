import { Badge, Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { Page as ListPage, query } from '../../api/client';
import { useAccount } from '../../session/use-session';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { day } from '../../ui/format';
import { Page } from '../../ui/page';
import { ResultNotice, useResultNotice } from '../../ui/result-notice';
import { useApi } from '../../ui/use-api';
import { CaseManagerDialog, CaseRef } from '../unit/case-manager-dialog';
import { StaffMember, staffPath } from '../unit/unit';
import { DeadlineListItem, deadlineState, extensionsText } from './deadlines';
import { ProrogaDialog, ProrogaTarget } from './proroga-dialog';

const PAGE = 50;

const STATUSES = [
  { value: 'atRisk', label: 'A rischio' },
  { value: 'open', label: 'In corso' },
  { value: 'breached', label: 'Scadute' },
  { value: 'met', label: 'Rispettate' },
  { value: 'all', label: 'Tutte' },
];

interface Criteria {
  status: string;
  /** Working days, as typed. */
  within: string;
  caseManager: string;
}

/**
 * The legal deadlines, most urgent first: for a coordinator the unit's (filter by case manager),
 * for a caseworker those of the cases they manage. Each row names the person, links the case,
 * says the deadline and its legal basis, the due day with the working days left, the proroghe;
 * a proroga is recorded from the row, and a coordinator can change the case's manager.
 */
export function DeadlinesScreen() {
  const account = useAccount();
  const coordinator = account.role === 'coordinator';
  const search = useSearch();
  const params = new URLSearchParams(search);
  const criteria: Criteria = {
    status: params.get('stato') ?? 'atRisk',
    within: params.get('entro') ?? '',
    caseManager: coordinator ? (params.get('caseManager') ?? '') : '',
  };
  const [, navigate] = useLocation();
  const [limit, setLimit] = useState(PAGE);
  const deadlines = useApi<ListPage<DeadlineListItem>>(
    `/deadlines${query({
      status: criteria.status,
      dueWithinWorkingDays: criteria.within,
      caseManagerId: criteria.caseManager,
      limit,
    })}`,
  );
  const staff = useApi<StaffMember[]>(
    coordinator && account.unitCode ? staffPath(account.unitCode) : null,
  );
  const [proroga, setProroga] = useState<ProrogaTarget | null>(null);
  const [caseTarget, setCaseTarget] = useState<CaseRef | null>(null);
  const notice = useResultNotice();

  const apply = (next: Criteria) => {
    setLimit(PAGE);
    navigate(
      `/scadenze${query({ stato: next.status === 'atRisk' ? '' : next.status, entro: next.within, caseManager: next.caseManager })}`,
      { replace: true },
    );
  };

  const columns: Column<DeadlineListItem>[] = [
    { label: 'Persona', cell: (d) => <span className="fw-semibold">{d.personName}</span> },
    { label: 'Cartella', cell: (d) => <Link href={`/casi/${d.caseNumber}`}>{d.caseNumber}</Link> },
    {
      label: 'Scadenza',
      cell: (d) => (
        <>
          {d.label}
          <div className="small text-secondary">
            {d.legalBasis ?? 'base giuridica non indicata'}
          </div>
          {d.pathName && <div className="small text-secondary">Percorso: {d.pathName}</div>}
        </>
      ),
    },
    {
      label: 'Scade il',
      cell: (d) => {
        const state = deadlineState(d);
        return (
          <>
            {day(d.dueDate)}
            <div>
              <Badge color={state.color}>{state.label}</Badge>
            </div>
          </>
        );
      },
    },
    ...(coordinator
      ? [
          {
            label: 'Case manager',
            cell: (d: DeadlineListItem) => (
              <>
                {d.caseManagerName ?? 'nessuno'}
                <div>
                  <Button
                    color="link"
                    size="xs"
                    className="p-0"
                    onClick={() =>
                      setCaseTarget({
                        caseId: d.caseId,
                        caseNumber: d.caseNumber,
                        personName: d.personName,
                        caseManager:
                          d.caseManagerId && d.caseManagerName
                            ? { id: d.caseManagerId, displayName: d.caseManagerName }
                            : null,
                      })
                    }
                  >
                    {d.caseManagerId ? 'Cambia' : 'Assegna'}
                    <span className="visually-hidden">
                      {' '}
                      il case manager della cartella {d.caseNumber}
                    </span>
                  </Button>
                </div>
              </>
            ),
          },
        ]
      : []),
    { label: 'Proroghe', cell: (d) => extensionsText(d.extensionsCount, d.maxExtensions) },
    {
      label: 'Azioni',
      hiddenLabel: true,
      cell: (d) =>
        d.status === 'running' || d.extensionsCount > 0 ? (
          <Button
            color="primary"
            outline={d.status !== 'running'}
            size="xs"
            onClick={() =>
              setProroga({
                caseId: d.caseId,
                deadlineId: d.id,
                caseNumber: d.caseNumber,
                personName: d.personName,
              })
            }
          >
            {d.status === 'running' ? 'Proroga' : 'Proroghe'}
            <span className="visually-hidden">
              {' '}
              «{d.label}» di {d.personName}
            </span>
          </Button>
        ) : null,
    },
  ];

  return (
    <Page
      title="Scadenze"
      lead={
        coordinator
          ? `Le scadenze legali delle cartelle dell’unità ${account.unitCode ?? ''}`
          : 'Le scadenze legali delle cartelle di cui è case manager'
      }
    >
      <ResultNotice text={notice.text} noticeRef={notice.noticeRef} />
      <Filters
        key={search}
        criteria={criteria}
        staff={coordinator ? (staff.data ?? []) : null}
        onApply={apply}
      />
      {criteria.status === 'atRisk' && (
        <p className="small">
          A rischio: in scadenza entro pochi giorni lavorativi (calendario di Palermo), o già
          scadute su cartelle ancora aperte.
        </p>
      )}
      <Loaded state={deadlines}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Nessuna scadenza con questi criteri.</Empty>
          ) : (
            <>
              <DataTable
                caption={`Scadenze: ${page.total}`}
                showCaption
                columns={columns}
                rows={page.items}
                rowKey={(d) => d.id}
                rowProps={(d) => ({ 'data-deadline': d.id, 'data-case': d.caseNumber })}
                rowClass={(d) => (deadlineState(d).color === 'danger' ? 'is-overdue' : undefined)}
              />
              {page.items.length < page.total && (
                <Button color="primary" outline onClick={() => setLimit(limit + PAGE)}>
                  Mostra altre ({page.total - page.items.length})
                </Button>
              )}
            </>
          )
        }
      </Loaded>
      <ProrogaDialog
        target={proroga}
        onClose={() => setProroga(null)}
        onRecorded={deadlines.reload}
      />
      {coordinator && account.unitCode && (
        <CaseManagerDialog
          target={caseTarget}
          unitCode={account.unitCode}
          onClose={() => setCaseTarget(null)}
          onAssigned={(message) => {
            notice.done(message);
            setCaseTarget(null);
            deadlines.reload();
          }}
          afterClose={notice.afterClose}
        />
      )}
    </Page>
  );
}

/** Status, within how many working days, and (coordinators) whose cases. */
function Filters({
  criteria,
  staff,
  onApply,
}: {
  criteria: Criteria;
  /** The unit's people for the case manager filter; null for a caseworker (their own cases). */
  staff: StaffMember[] | null;
  onApply: (criteria: Criteria) => void;
}) {
  const [form, setForm] = useState(criteria);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const within = form.within.trim();
    if (within && !/^\d{1,3}$/.test(within)) {
      return setProblem('Indicare un numero di giorni lavorativi da 0 a 365.');
    }
    if (within && Number(within) > 365) {
      return setProblem('Indicare un numero di giorni lavorativi da 0 a 365.');
    }
    setProblem(null);
    onApply({ ...form, within });
  };
  return (
    <form
      className="row g-2 align-items-end mb-3"
      onSubmit={submit}
      role="search"
      aria-label="Filtra le scadenze"
      noValidate
    >
      <SelectField
        id="filtro-stato"
        className="col-12 col-md-4"
        label="Stato"
        value={form.status}
        options={STATUSES}
        onChange={(status) => setForm({ ...form, status })}
      />
      <TextField
        id="filtro-entro"
        className="col-12 col-md-3"
        label="Entro quanti giorni lavorativi"
        type="number"
        inputMode="numeric"
        min={0}
        max={365}
        value={form.within}
        onChange={(within) => setForm({ ...form, within })}
        error={problem}
      />
      {staff && (
        <SelectField
          id="filtro-case-manager"
          className="col-12 col-md-3"
          label="Case manager"
          value={form.caseManager}
          placeholder="Tutti"
          options={staff.map((m) => ({ value: m.accountId, label: m.displayName }))}
          onChange={(caseManager) => setForm({ ...form, caseManager })}
        />
      )}
      <div className="col-12 col-md-2 form-group">
        <Button color="primary" type="submit" className="w-100">
          Filtra
        </Button>
      </div>
    </form>
  );
}
