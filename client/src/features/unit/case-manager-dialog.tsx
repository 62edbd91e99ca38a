import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { ErrorAlert, Loaded } from '../../ui/feedback';
import { TextAreaField } from '../../ui/fields';
import { ModalDialog } from '../../ui/modal-dialog';
import { useAction, useApi } from '../../ui/use-api';
import { StaffChoice } from './staff-choice';
import { assignCaseManager, boardPath, UnitBoard } from './unit';

/** The case whose manager is (re)assigned, as a list row knows it. */
export interface CaseRef {
  caseId: string;
  caseNumber: string;
  personName: string;
  caseManager: { id: string; displayName: string } | null;
}

const FORM = 'assegna-case-manager';

/**
 * The unit's coordinator gives a case its case manager, or a new one (POST
 * /api/cases/:id/case-manager): the choice shows each person's load, the reason is kept with
 * the case; the new manager is notified and gets the paths' next tasks. Open while `target` is set.
 */
export function CaseManagerDialog({
  target,
  unitCode,
  onClose,
  onAssigned,
  afterClose,
}: {
  target: CaseRef | null;
  unitCode: string;
  onClose: () => void;
  onAssigned: (message: string) => void;
  afterClose?: () => HTMLElement | null | undefined;
}) {
  const save = useAction();
  const change = !!target?.caseManager;
  return (
    <ModalDialog
      open={target !== null}
      title={change ? 'Cambia il case manager' : 'Assegna il case manager'}
      onClose={onClose}
      afterClose={afterClose}
      footer={
        <Button color="primary" size="sm" type="submit" form={FORM} disabled={save.busy}>
          {change ? 'Cambia il case manager' : 'Assegna'}
        </Button>
      }
    >
      {target && (
        <CaseManagerForm target={target} unitCode={unitCode} onAssigned={onAssigned} save={save} />
      )}
    </ModalDialog>
  );
}

function CaseManagerForm({
  target,
  unitCode,
  onAssigned,
  save,
}: {
  target: CaseRef;
  unitCode: string;
  onAssigned: (message: string) => void;
  save: ReturnType<typeof useAction>;
}) {
  const board = useApi<UnitBoard>(boardPath(unitCode));
  const [chosen, setChosen] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const member = board.data?.staff.find((m) => m.accountId === chosen);
    if (!member) return setProblem('Scegliere chi sarà il case manager.');
    setProblem(null);
    void save
      .run(() => assignCaseManager(target.caseId, member.accountId, reason))
      .then((done) => {
        if (done)
          onAssigned(
            `Cartella ${target.caseNumber} (${target.personName}): case manager ${member.displayName}.`,
          );
      });
  };
  return (
    <form id={FORM} onSubmit={submit} noValidate>
      <dl className="facts mb-3">
        <dt>Cartella</dt>
        <dd>{target.caseNumber}</dd>
        <dt>Persona</dt>
        <dd>{target.personName}</dd>
        <dt>Case manager ora</dt>
        <dd>{target.caseManager?.displayName ?? 'nessuno'}</dd>
      </dl>
      <Loaded state={board}>
        {(data) => (
          <StaffChoice
            id="case-manager"
            legend="Nuovo case manager"
            staff={data.staff}
            value={chosen}
            onChange={setChosen}
            current={target.caseManager?.id}
            currentLabel="case manager ora"
            error={problem}
          />
        )}
      </Loaded>
      <TextAreaField
        id="case-manager-motivo"
        label="Motivo"
        hint="Facoltativo; resta nella storia della cartella. Es. «Riequilibrio dei carichi di lavoro»."
        rows={2}
        maxLength={500}
        value={reason}
        onChange={setReason}
      />
      <p className="small mb-0">
        Il nuovo case manager riceve una notifica e le prossime attività dei percorsi della
        cartella.
      </p>
      <ErrorAlert error={save.error} />
    </form>
  );
}
