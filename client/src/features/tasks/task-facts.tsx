import { Badge } from 'design-react-kit';
import { Link } from 'wouter';
import { dateTime, dueDateTime, dueIn, isPast } from '../../ui/format';
import { holderOf, TaskDetail } from './task-detail';
import { isCaseNumber, urgencyOf } from './tasks';

/** What the task is: its path, person, case, due date, urgency, who holds it, how it ended. */
export function TaskFacts({ task, username }: { task: TaskDetail; username: string }) {
  const urgency = urgencyOf(task.priority);
  const open = task.state === 'CREATED';
  const overdue = open && isPast(task.dueDate);
  const path = task.pathName ?? task.processName ?? task.bpmnProcessId;
  return (
    <dl className="facts mb-3" data-testid="task-facts">
      <dt>Percorso</dt>
      <dd>
        {path}
        {task.processName && task.processName !== path && (
          <span className="text-secondary"> · fase: {task.processName}</span>
        )}
      </dd>
      <dt>Persona</dt>
      <dd>{task.personName ?? '—'}</dd>
      <dt>{numberLabel(task.caseNumber)}</dt>
      <dd>
        {isCaseNumber(task.caseNumber) ? (
          <Link href={`/casi/${task.caseNumber}`}>{task.caseNumber}</Link>
        ) : (
          (task.caseNumber ?? '—')
        )}
      </dd>
      <dt>Scadenza</dt>
      <dd>
        {task.dueDate ? (
          <>
            {dueDateTime(task.dueDate)}{' '}
            {open && (
              <span className={overdue ? 'text-danger fw-semibold' : 'text-secondary'}>
                ({dueIn(task.dueDate)})
              </span>
            )}
          </>
        ) : (
          'Senza scadenza'
        )}
      </dd>
      <dt>Urgenza</dt>
      <dd>
        <Badge color={urgency.color}>{urgency.label}</Badge>
      </dd>
      {open ? (
        <>
          <dt>In carico a</dt>
          <dd data-testid="task-holder">{holderOf(task, username)}</dd>
        </>
      ) : (
        <>
          <dt>Stato</dt>
          <dd data-testid="task-state">{closedState(task)}</dd>
        </>
      )}
    </dl>
  );
}

/** "Completata da Anna Rinaldi il 02/03/2026, 10:32", "Annullata il …". */
function closedState(task: TaskDetail): string {
  if (task.state === 'COMPLETED')
    return `Completata${task.completedByName ? ` da ${task.completedByName}` : ''} il ${dateTime(task.completedAt)}`;
  return `Annullata${task.canceledAt ? ` il ${dateTime(task.canceledAt)}` : ''}: il percorso è proseguito senza questa attività o è stato chiuso`;
}

/** The business key names a case, an intake referral (SEG-…) or one of the unit's duties (ATT-…). */
function numberLabel(businessKey: string | null): string {
  if (businessKey?.startsWith('ATT-')) return 'Attività dell’unità';
  return isCaseNumber(businessKey) ? 'Cartella' : 'Segnalazione';
}
