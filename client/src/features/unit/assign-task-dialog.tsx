import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { ErrorAlert, Loaded } from '../../ui/feedback';
import { dueDateTime, dueIn } from '../../ui/format';
import { ModalDialog } from '../../ui/modal-dialog';
import { useAction, useApi } from '../../ui/use-api';
import { Task } from '../tasks/tasks';
import { StaffChoice } from './staff-choice';
import { assignTask, boardPath, nameOf, UnitBoard } from './unit';

const FORM = 'assegna-attivita';

/**
 * The coordinator assigns a task of the unit, or gives it to someone else: the choice shows
 * each person's load (GET /api/units/:code/board) beside their name. Open while `task` is set.
 */
export function AssignTaskDialog({
  task,
  unitCode,
  onClose,
  onAssigned,
  afterClose,
}: {
  task: Task | null;
  unitCode: string;
  onClose: () => void;
  /** After the assignment, with what to tell the user. */
  onAssigned: (message: string) => void;
  afterClose?: () => HTMLElement | null | undefined;
}) {
  const reassign = !!task?.assignee;
  const save = useAction();
  return (
    <ModalDialog
      open={task !== null}
      title={reassign ? 'Riassegna l’attività' : 'Assegna l’attività'}
      onClose={onClose}
      afterClose={afterClose}
      footer={
        <Button color="primary" size="sm" type="submit" form={FORM} disabled={save.busy}>
          {reassign ? 'Riassegna' : 'Assegna'}
        </Button>
      }
    >
      {task && (
        <AssignTaskForm task={task} unitCode={unitCode} onAssigned={onAssigned} save={save} />
      )}
    </ModalDialog>
  );
}

function AssignTaskForm({
  task,
  unitCode,
  onAssigned,
  save,
}: {
  task: Task;
  unitCode: string;
  onAssigned: (message: string) => void;
  save: ReturnType<typeof useAction>;
}) {
  const board = useApi<UnitBoard>(boardPath(unitCode));
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const staff = board.data?.staff;
  const holder = staff?.find((member) => member.username === task.assignee);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const member = staff?.find((m) => m.accountId === chosen);
    if (!member) return setProblem('Scegliere a chi assegnare l’attività.');
    setProblem(null);
    void save
      .run(() => assignTask(task.id, member.username))
      .then((done) => {
        if (done) onAssigned(`«${task.name}» assegnata a ${member.displayName}.`);
      });
  };
  return (
    <form id={FORM} onSubmit={submit} noValidate>
      <dl className="facts mb-3">
        <dt>Attività</dt>
        <dd>{task.name}</dd>
        <dt>Persona</dt>
        <dd>{task.personName ?? '—'}</dd>
        <dt>Cartella</dt>
        <dd>{task.caseNumber ?? '—'}</dd>
        <dt>Scadenza</dt>
        <dd>
          {task.dueDate ? `${dueDateTime(task.dueDate)} (${dueIn(task.dueDate)})` : 'nessuna'}
        </dd>
        <dt>Ora è di</dt>
        <dd>{nameOf(task.assignee, staff) ?? 'nessuno'}</dd>
      </dl>
      <Loaded state={board}>
        {(data) => (
          <StaffChoice
            id="assegna-a"
            legend={task.assignee ? 'Riassegnare a' : 'Assegnare a'}
            staff={data.staff}
            value={chosen}
            onChange={setChosen}
            current={holder?.accountId}
            currentLabel="ha l’attività ora"
            error={problem}
          />
        )}
      </Loaded>
      <ErrorAlert error={save.error} />
    </form>
  );
}
