import { Badge, Button, Icon } from 'design-react-kit';
import { FormEvent, lazy, Suspense, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api/client';
import { useAccount } from '../../session/use-session';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, ErrorAlert, Loaded, useFlash } from '../../ui/feedback';
import { dateTime, dueDateTime, dueIn, isPast } from '../../ui/format';
import { Page } from '../../ui/page';
import { ResultNotice, useResultNotice } from '../../ui/result-notice';
import { TabItem, Tabs } from '../../ui/tabs';
import { useAction, useApi } from '../../ui/use-api';
import { nameOf, StaffMember, staffPath } from '../unit/unit';
import {
  claim,
  isCaseNumber,
  Task,
  TaskCounts,
  TaskCriteria,
  TaskFilter,
  taskPath,
  TaskView,
  unclaim,
  urgencyOf,
} from './tasks';

const PAGE = 50;

/** The coordinator's assignment dialog, loaded on its first use: not part of the first screen. */
const AssignTaskDialog = lazy(async () => ({
  default: (await import('../unit/assign-task-dialog')).AssignTaskDialog,
}));

/** Kept while the tab lives: coming back from a task shows the same view and filter. */
let remembered: TaskCriteria = { view: 'mine' };

/** The caller's tasks, the most urgent first (the server's order), in views with their counts. */
export function TasklistScreen() {
  const account = useAccount();
  const flash = useFlash();
  const [criteria, setCriteria] = useState<TaskCriteria>(remembered);
  const [limit, setLimit] = useState(PAGE);
  const notice = useResultNotice(flash);
  const [assigning, setAssigning] = useState<Task | null>(null);
  // Drawn from its first use on, so it can close (and give the focus back) like any dialog.
  const [assignUsed, setAssignUsed] = useState(false);
  const assign = (task: Task) => {
    setAssignUsed(true);
    setAssigning(task);
  };
  const tasks = useApi<{ items: Task[]; total: number }>(taskPath(criteria, limit));
  const counts = useApi<TaskCounts>('/tasks/counts');
  const filters = useApi<TaskFilter[]>('/task-filters');
  const action = useAction();
  // The unit's people, to name a task's holder (and, for a coordinator, to assign it).
  const staff = useApi<StaffMember[]>(account.unitCode ? staffPath(account.unitCode) : null);
  const coordinator = account.role === 'coordinator';
  // A coordinator claims only the coordinators' tasks; the others they assign.
  const mayClaim = (task: Task) =>
    !coordinator ||
    task.candidateGroups.some(
      (g) => g === 'coordinator' || g === `coordinator-${account.unitCode}`,
    );

  const apply = (next: TaskCriteria) => {
    remembered = next;
    setCriteria(next);
    setLimit(PAGE);
  };
  const view = criteria.view ?? 'mine';
  const c = counts.data;
  const views: TabItem<TaskView>[] = [
    { key: 'mine', label: 'Le mie attività', count: c?.mine },
    { key: 'unit-unassigned', label: 'Da prendere in carico', count: c?.unitUnassigned },
    ...(account.role === 'coordinator'
      ? [{ key: 'unit' as const, label: 'Tutta l’unità', count: c?.unit }]
      : []),
    { key: 'completed', label: 'Completate', count: null },
  ];

  const act = (task: Task, what: 'claim' | 'unclaim') =>
    void action
      .run(() => (what === 'claim' ? claim(task) : unclaim(task)))
      .then((done) => {
        if (!done) return;
        notice.setText(
          what === 'claim' ? `Presa in carico: ${task.name}.` : `Rilasciata: ${task.name}.`,
        );
        tasks.reload();
        counts.reload();
      });

  const columns: Column<Task>[] = [
    {
      label: 'Attività',
      cell: (task) => (
        <>
          <Link href={`/attivita/${task.id}`} className="fw-semibold">
            {task.name}
          </Link>
          <div className="small text-secondary">
            {task.pathName ?? task.processName ?? task.bpmnProcessId}
          </div>
        </>
      ),
    },
    { label: 'Persona', cell: (task) => task.personName ?? '—' },
    {
      label: 'Cartella',
      cell: (task) =>
        isCaseNumber(task.caseNumber) ? (
          <Link href={`/casi/${task.caseNumber}`}>{task.caseNumber}</Link>
        ) : (
          (task.caseNumber ?? '—')
        ),
    },
    {
      label: view === 'completed' ? 'Completata' : 'Scadenza',
      cell: (task) =>
        view === 'completed' ? (
          dateTime(task.completedAt)
        ) : (
          <>
            {dueDateTime(task.dueDate)}
            {task.dueDate && (
              <div
                className={`small ${isPast(task.dueDate) ? 'text-danger fw-semibold' : 'text-secondary'}`}
              >
                {dueIn(task.dueDate)}
              </div>
            )}
          </>
        ),
    },
    {
      label: 'Urgenza',
      cell: (task) => {
        const urgency = urgencyOf(task.priority);
        return <Badge color={urgency.color}>{urgency.label}</Badge>;
      },
    },
    { label: 'Assegnata a', cell: (task) => nameOf(task.assignee, staff.data) ?? 'nessuno' },
    {
      label: 'Azioni',
      hiddenLabel: true,
      cell: (task) =>
        task.state !== 'CREATED' ? null : (
          <div className="d-flex flex-wrap gap-2">
            {!task.assignee ? (
              mayClaim(task) && (
                <Button
                  color="primary"
                  outline={coordinator}
                  size="xs"
                  disabled={action.busy}
                  onClick={() => act(task, 'claim')}
                >
                  Prendi in carico
                </Button>
              )
            ) : task.assignee === account.username ? (
              <Button
                color="secondary"
                outline
                size="xs"
                disabled={action.busy}
                onClick={() => act(task, 'unclaim')}
              >
                Rilascia
              </Button>
            ) : null}
            {coordinator && view !== 'mine' && (
              <Button
                color="primary"
                outline={!!task.assignee}
                size="xs"
                onClick={() => assign(task)}
              >
                {task.assignee ? 'Riassegna' : 'Assegna'}
                <span className="visually-hidden"> «{task.name}»</span>
              </Button>
            )}
          </div>
        ),
    },
  ];

  return (
    <Page
      title="Attività"
      lead={
        c && c.overdueMine > 0 ? (
          <span className="text-danger fw-semibold">
            {c.overdueMine === 1 ? '1 attività scaduta' : `${c.overdueMine} attività scadute`} tra
            le sue
          </span>
        ) : undefined
      }
    >
      <ResultNotice text={notice.text} noticeRef={notice.noticeRef} />
      <ErrorAlert error={action.error} />
      <Tabs
        label="Viste delle attività"
        idPrefix="viste"
        items={views}
        selected={view}
        onSelect={(key) => apply({ ...criteria, view: key })}
      >
        <FilterBar
          criteria={criteria}
          onApply={apply}
          filters={filters.data ?? []}
          onSaved={filters.reload}
        />
        <Loaded state={tasks}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>Nessuna attività in questa vista.</Empty>
            ) : (
              <>
                <DataTable
                  caption={`${views.find((v) => v.key === view)?.label}: ${page.total} attività`}
                  columns={columns}
                  rows={page.items}
                  rowKey={(task) => task.id}
                  rowProps={(task) => ({ 'data-task': task.id })}
                  rowClass={(task) =>
                    task.state === 'CREATED' && isPast(task.dueDate) ? 'is-overdue' : undefined
                  }
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
      </Tabs>
      {coordinator && account.unitCode && assignUsed && (
        <Suspense fallback={null}>
          <AssignTaskDialog
            task={assigning}
            unitCode={account.unitCode}
            onClose={() => setAssigning(null)}
            onAssigned={(message) => {
              notice.done(message);
              setAssigning(null);
              tasks.reload();
              counts.reload();
            }}
            afterClose={notice.afterClose}
          />
        </Suspense>
      )}
    </Page>
  );
}

/** Case-number filter, and the saved filters of the caller and of the unit. */
function FilterBar({
  criteria,
  onApply,
  filters,
  onSaved,
}: {
  criteria: TaskCriteria;
  onApply: (criteria: TaskCriteria) => void;
  filters: TaskFilter[];
  onSaved: () => void;
}) {
  const [caseNumber, setCaseNumber] = useState(criteria.caseNumber ?? '');
  const [name, setName] = useState('');
  const save = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...criteria, caseNumber: caseNumber.trim().toUpperCase() || undefined });
  };
  const saveCurrent = () =>
    void save
      .run(() => api('POST', '/task-filters', { name: name.trim(), query: criteria }))
      .then((done) => {
        if (done) {
          setName('');
          onSaved();
        }
      });
  return (
    <div className="mb-3">
      <form
        className="row g-2 align-items-end"
        onSubmit={submit}
        role="search"
        aria-label="Filtra le attività"
      >
        <div className="col-12 col-md-5">
          <label htmlFor="filtro-numero" className="form-label">
            Numero di cartella o di segnalazione
          </label>
          <input
            id="filtro-numero"
            className="form-control"
            placeholder="SSC-III-2026-000123"
            value={caseNumber}
            onChange={(event) => setCaseNumber(event.target.value)}
          />
        </div>
        <div className="col-auto">
          <Button color="primary" outline type="submit" size="sm">
            <Icon icon="it-search" size="sm" color="primary" aria-hidden /> Filtra
          </Button>
        </div>
        {criteria.caseNumber && (
          <div className="col-auto">
            <Button
              color="secondary"
              outline
              size="sm"
              onClick={() => {
                setCaseNumber('');
                onApply({ view: criteria.view });
              }}
            >
              Togli il filtro
            </Button>
          </div>
        )}
      </form>
      <details className="mt-2">
        <summary>Filtri salvati ({filters.length})</summary>
        <ul className="list-unstyled my-2">
          {filters.map((filter) => (
            <li key={filter.id} className="d-flex align-items-center gap-2 mb-1">
              <Button color="link" size="xs" className="p-0" onClick={() => onApply(filter.query)}>
                {filter.name}
              </Button>
              {filter.sharedWithUnit && <Badge color="secondary">condiviso con l’unità</Badge>}
            </li>
          ))}
        </ul>
        <div className="row g-2 align-items-end">
          <div className="col-12 col-md-5">
            <label htmlFor="nome-filtro" className="form-label">
              Salva la vista attuale come
            </label>
            <input
              id="nome-filtro"
              className="form-control"
              value={name}
              maxLength={120}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <div className="col-auto">
            <Button
              color="primary"
              outline
              size="sm"
              disabled={!name.trim() || save.busy}
              onClick={saveCurrent}
            >
              Salva filtro
            </Button>
          </div>
        </div>
        <ErrorAlert error={save.error} />
      </details>
    </div>
  );
}
