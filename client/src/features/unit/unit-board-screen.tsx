import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { query } from '../../api/client';
import { useAccount } from '../../session/use-session';
import { Column, DataTable } from '../../ui/data-table';
import { Loaded } from '../../ui/feedback';
import { Page, Section } from '../../ui/page';
import { ResultNotice, useResultNotice } from '../../ui/result-notice';
import { TabItem, Tabs } from '../../ui/tabs';
import { useApi } from '../../ui/use-api';
import { Task } from '../tasks/tasks';
import { AssignTaskDialog } from './assign-task-dialog';
import { CaseManagerDialog, CaseRef } from './case-manager-dialog';
import { CasesWithoutManager } from './cases-without-manager';
import { boardPath, StaffLoad, STAFF_ROLES, UnitBoard } from './unit';
import { UnitDuties } from './unit-duties';
import { UnitTaskList } from './unit-task-list';

type ListKey = 'da-assegnare' | 'scadute' | 'senza-case-manager';
const LISTS: ListKey[] = ['da-assegnare', 'scadute', 'senza-case-manager'];

/** A figure that needs attention: the number in bold red, the words saying what it is. */
const late = (n: number) => (n > 0 ? <span className="text-danger fw-semibold">{n}</span> : n);

const STAFF_COLUMNS: Column<StaffLoad>[] = [
  {
    label: 'Persona',
    cell: (m) => (
      <>
        <span className="fw-semibold">{m.displayName}</span>
        <div className="small text-secondary">{STAFF_ROLES[m.role]}</div>
      </>
    ),
  },
  { label: 'Cartelle aperte', cell: (m) => m.openCases },
  { label: 'Attività aperte', cell: (m) => m.openTasks },
  { label: 'di cui scadute', cell: (m) => late(m.overdueTasks) },
  { label: 'In scadenza questa settimana', cell: (m) => m.tasksDueThisWeek },
  {
    label: 'Scadenze a rischio',
    cell: (m) =>
      m.deadlinesAtRisk > 0 ? (
        <Link href={`/scadenze${query({ caseManager: m.accountId })}`}>
          {late(m.deadlinesAtRisk)}
          <span className="visually-hidden"> scadenze a rischio di {m.displayName}</span>
        </Link>
      ) : (
        0
      ),
  },
];

/**
 * The unit coordinator's home: what waits for someone (tasks nobody holds, late tasks, cases
 * without a case manager, deadlines at risk), each count leading to its list, and what each
 * person of the unit carries, so an assignment is an informed choice.
 */
export function UnitBoardScreen() {
  const account = useAccount();
  const unitCode = account.unitCode ?? '';
  const board = useApi<UnitBoard>(boardPath(unitCode));
  const search = new URLSearchParams(useSearch()).get('elenco');
  const list: ListKey = LISTS.includes(search as ListKey) ? (search as ListKey) : 'da-assegnare';
  const [, navigate] = useLocation();
  const [round, setRound] = useState(0);
  const [task, setTask] = useState<Task | null>(null);
  const [caseTarget, setCaseTarget] = useState<CaseRef | null>(null);
  const notice = useResultNotice();

  // A count's link opens its list: the keyboard and the eye go there.
  const shown = useRef(list);
  useEffect(() => {
    if (shown.current === list) return;
    shown.current = list;
    document.getElementById(`elenchi-tab-${list}`)?.focus();
  }, [list]);

  const changed = (message: string) => {
    notice.done(message);
    setTask(null);
    setCaseTarget(null);
    setRound((n) => n + 1);
    board.reload();
  };

  return (
    <Page
      title="Bacheca dell’unità"
      lead={board.data ? `Unità ${board.data.unitCode} · ${board.data.unitName}` : undefined}
    >
      <ResultNotice text={notice.text} noticeRef={notice.noticeRef} />
      <Loaded state={board}>
        {(data) => {
          const tabs: TabItem<ListKey>[] = [
            { key: 'da-assegnare', label: 'Da assegnare', count: data.unassignedTasks },
            { key: 'scadute', label: 'Scadute', count: data.overdueTasks },
            {
              key: 'senza-case-manager',
              label: 'Senza case manager',
              count: data.casesWithoutManager,
            },
          ];
          return (
            <>
              <ul className="row g-3 list-unstyled mb-4" aria-label="In attesa nell’unità">
                <Counter
                  n={data.unassignedTasks}
                  label="attività da assegnare"
                  href="/unita?elenco=da-assegnare"
                />
                <Counter
                  n={data.overdueTasks}
                  label="attività scadute"
                  href="/unita?elenco=scadute"
                  alarm
                />
                <Counter
                  n={data.casesWithoutManager}
                  label="cartelle senza case manager"
                  href="/unita?elenco=senza-case-manager"
                />
                <Counter
                  n={data.deadlinesAtRisk}
                  label="scadenze legali a rischio"
                  href="/scadenze"
                  alarm
                />
              </ul>
              <Section title="Da fare nell’unità" id="elenchi">
                <Tabs
                  label="Elenchi dell’unità"
                  idPrefix="elenchi"
                  items={tabs}
                  selected={list}
                  onSelect={(key) => navigate(`/unita?elenco=${key}`, { replace: true })}
                >
                  {list === 'senza-case-manager' ? (
                    <CasesWithoutManager round={round} onAssign={setCaseTarget} />
                  ) : (
                    <UnitTaskList
                      key={list}
                      kind={list === 'scadute' ? 'overdue' : 'unassigned'}
                      caption={list === 'scadute' ? 'Attività scadute' : 'Attività da assegnare'}
                      staff={data.staff}
                      round={round}
                      onAssign={setTask}
                    />
                  )}
                </Tabs>
              </Section>
              <Section title="Carichi di lavoro delle persone dell’unità" id="persone">
                <DataTable
                  caption="Carichi di lavoro delle persone dell’unità"
                  columns={STAFF_COLUMNS}
                  rows={data.staff}
                  rowKey={(m) => m.accountId}
                  rowProps={(m) => ({ 'data-member': m.displayName })}
                />
              </Section>
              <Section title="Attività dell’unità: rete, progetti, tirocini" id="attivita-unita">
                <UnitDuties unitCode={unitCode} />
              </Section>
            </>
          );
        }}
      </Loaded>
      <AssignTaskDialog
        task={task}
        unitCode={unitCode}
        onClose={() => setTask(null)}
        onAssigned={changed}
        afterClose={notice.afterClose}
      />
      <CaseManagerDialog
        target={caseTarget}
        unitCode={unitCode}
        onClose={() => setCaseTarget(null)}
        onAssigned={changed}
        afterClose={notice.afterClose}
      />
    </Page>
  );
}

/** One of the board's counts, as a link to its list. */
function Counter({
  n,
  label,
  href,
  alarm = false,
}: {
  n: number;
  label: string;
  href: string;
  alarm?: boolean;
}) {
  return (
    <li className="col-6 col-lg-3">
      <Link
        href={href}
        className={`board-counter${alarm && n > 0 ? ' board-counter-alarm' : ''}`}
        data-counter={label}
      >
        <span className="board-counter-number">{n}</span>
        <span className="board-counter-label">{label}</span>
      </Link>
    </li>
  );
}
