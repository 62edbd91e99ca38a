import { Badge, Button } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { query } from '../../api/client';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/feedback';
import { dueDateTime, dueIn, isPast } from '../../ui/format';
import { useApi } from '../../ui/use-api';
import { isCaseNumber, Task, urgencyOf } from '../tasks/tasks';
import { nameOf, StaffMember } from './unit';

const PAGE = 25;

/**
 * A list of the unit's open tasks for the board: the unassigned ones (`assigned=false`, every
 * task of the unit nobody holds, as the board counts them) or the overdue ones (due before the
 * moment the board opened), each with its assign or reassign button.
 */
export function UnitTaskList({
  kind,
  caption,
  staff,
  round,
  onAssign,
}: {
  kind: 'unassigned' | 'overdue';
  caption: string;
  staff: StaffMember[];
  /** Changes after an assignment: the list is asked again. */
  round: number;
  onAssign: (task: Task) => void;
}) {
  const [now] = useState(() => new Date().toISOString());
  const [limit, setLimit] = useState(PAGE);
  const criteria = kind === 'unassigned' ? { assigned: false } : { dueBefore: now };
  const tasks = useApi<{ items: Task[]; total: number }>(
    `/tasks${query({ view: 'unit', ...criteria, limit })}`,
  );
  useReloadOn(round, tasks.reload);
  const columns: Column<Task>[] = [
    {
      label: 'Attività',
      cell: (task) => (
        <>
          <Link href={`/attivita/${task.id}`} className="fw-semibold">
            {task.name}
          </Link>
          <div className="small text-secondary">{task.pathName ?? task.processName ?? ''}</div>
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
      label: 'Scadenza',
      cell: (task) => (
        <>
          {task.dueDate ? dueDateTime(task.dueDate) : 'nessuna'}
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
    ...(kind === 'overdue'
      ? [
          {
            label: 'Assegnata a',
            cell: (task: Task) => nameOf(task.assignee, staff) ?? 'nessuno',
          },
        ]
      : []),
    {
      label: 'Azioni',
      hiddenLabel: true,
      cell: (task) => (
        <Button color="primary" outline={!!task.assignee} size="xs" onClick={() => onAssign(task)}>
          {task.assignee ? 'Riassegna' : 'Assegna'}
          <span className="visually-hidden">
            {' '}
            «{task.name}»{task.personName ? ` di ${task.personName}` : ''}
          </span>
        </Button>
      ),
    },
  ];
  return (
    <Loaded state={tasks}>
      {(page) =>
        page.items.length === 0 ? (
          <Empty>
            {kind === 'unassigned'
              ? 'Nessuna attività da assegnare.'
              : 'Nessuna attività scaduta nell’unità.'}
          </Empty>
        ) : (
          <>
            <DataTable
              caption={`${caption}: ${page.total}`}
              columns={columns}
              rows={page.items}
              rowKey={(task) => task.id}
              rowProps={(task) => ({ 'data-task': task.id })}
              rowClass={(task) => (isPast(task.dueDate) ? 'is-overdue' : undefined)}
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
  );
}

/** Calls `reload` whenever `round` changes after the first render (a change made elsewhere). */
export function useReloadOn(round: number, reload: () => void): void {
  const first = useRef(round);
  useEffect(() => {
    if (round !== first.current) reload();
  }, [round, reload]);
}
