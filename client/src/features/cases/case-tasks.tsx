import { Badge } from 'design-react-kit';
import { Link } from 'wouter';
import { Page as ApiPage, query } from '../../api/client';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, ErrorAlert, Loading } from '../../ui/feedback';
import { dueDateTime, dueIn, isPast } from '../../ui/format';
import { useApi } from '../../ui/use-api';
import { Task, urgencyOf } from '../tasks/tasks';
import { useCaseApi, useCaseFile } from './case-file';
import { StaffMember } from './cases';

const tasksOf = (view: string, caseNumber: string) =>
  `/tasks${query({ view, caseNumber, limit: 100 })}`;

/**
 * The case's open tasks, most urgent first, each a link to its form: the whole unit's for a
 * coordinator; for a caseworker those they hold and those they may take (a colleague's own are
 * theirs to see).
 */
export function CaseTasks() {
  const { detail, isCoordinator } = useCaseFile();
  const unit = useCaseApi<ApiPage<Task>>(isCoordinator ? tasksOf('unit', detail.caseNumber) : null);
  const mine = useCaseApi<ApiPage<Task>>(isCoordinator ? null : tasksOf('mine', detail.caseNumber));
  const free = useCaseApi<ApiPage<Task>>(
    isCoordinator ? null : tasksOf('unit-unassigned', detail.caseNumber),
  );
  const staff = useApi<StaffMember[]>(`/units/${detail.unitCode}/staff`);
  const parts = isCoordinator ? [unit] : [mine, free];
  const error = parts.find((p) => p.error)?.error;
  if (error) return <ErrorAlert error={error} />;
  if (parts.some((p) => !p.data)) return <Loading />;
  const tasks = parts
    .flatMap((p) => p.data!.items)
    .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  const names = new Map((staff.data ?? []).map((s) => [s.username, s.displayName]));
  const columns: Column<Task>[] = [
    {
      label: 'Attività',
      cell: (task) => (
        <>
          <Link href={`/attivita/${task.id}`} className="fw-semibold">
            {task.name}
          </Link>
          <div className="small text-secondary">
            {[task.pathName, task.processName !== task.pathName ? task.processName : null]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </>
      ),
    },
    {
      label: 'Scadenza',
      cell: (task) => (
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
    {
      label: 'Assegnata a',
      cell: (task) =>
        task.assignee ? (names.get(task.assignee) ?? task.assignee) : 'da prendere in carico',
    },
  ];
  return tasks.length === 0 ? (
    <Empty>
      {isCoordinator
        ? 'Nessuna attività aperta per questa cartella.'
        : 'Nessuna attività aperta per lei o da prendere in carico in questa cartella.'}
    </Empty>
  ) : (
    <DataTable
      caption="Attività aperte della cartella"
      columns={columns}
      rows={tasks}
      rowKey={(task) => task.id}
      rowProps={(task) => ({ 'data-task': task.id })}
      rowClass={(task) => (isPast(task.dueDate) ? 'is-overdue' : undefined)}
    />
  );
}
