import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/feedback';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { day } from '../../ui/format';
import { useAction } from '../../ui/use-api';
import { ExtensionHistory } from './extension-history';
import { useCaseFile } from './case-file';
import { CaseDeadline } from './cases';

type Mode = 'date' | 'amount';
type Problems = Partial<Record<'newDueDate' | 'extraDays' | 'grantedBy' | 'reason', string>>;

/**
 * A proroga of a running deadline: a new date, or days or months added to the current one;
 * who granted it and why. The history of earlier ones is shown before choosing.
 */
export function ProrogaDialog({
  deadline,
  onClose,
  onRecorded,
}: {
  deadline: CaseDeadline | null;
  onClose: () => void;
  onRecorded: (updated: CaseDeadline) => void;
}) {
  return (
    <Dialog open={deadline !== null} title="Proroga della scadenza" onClose={onClose}>
      {deadline && <ProrogaForm deadline={deadline} onRecorded={onRecorded} />}
    </Dialog>
  );
}

function ProrogaForm({
  deadline,
  onRecorded,
}: {
  deadline: CaseDeadline;
  onRecorded: (updated: CaseDeadline) => void;
}) {
  const { base } = useCaseFile();
  const [mode, setMode] = useState<Mode>('date');
  const [newDueDate, setNewDueDate] = useState('');
  const [extraDays, setExtraDays] = useState('');
  const [unit, setUnit] = useState('calendarDays');
  const [grantedBy, setGrantedBy] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const save = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {};
    if (mode === 'date' && !newDueDate) found.newDueDate = 'Indicare la nuova scadenza.';
    if (mode === 'date' && newDueDate && newDueDate <= deadline.dueDate)
      found.newDueDate = `Deve essere successiva al ${day(deadline.dueDate)}.`;
    if (mode === 'amount' && !(Number(extraDays) >= 1))
      found.extraDays = 'Indicare di quanto prorogare (almeno 1).';
    if (grantedBy.trim().length < 2) found.grantedBy = 'Indicare chi ha concesso la proroga.';
    if (reason.trim().length < 3) found.reason = 'Indicare il motivo della proroga.';
    setProblems(found);
    if (Object.keys(found).length) return;
    let updated: CaseDeadline | undefined;
    void save
      .run(async () => {
        try {
          updated = await api<CaseDeadline>('POST', `${base}/deadlines/${deadline.id}/extensions`, {
            ...(mode === 'date'
              ? { newDueDate }
              : { extraDays: Number(extraDays), unit: unit || undefined }),
            grantedBy: grantedBy.trim(),
            reason: reason.trim(),
          });
        } catch (error) {
          // The server's per-field refusals beside the fields, the rest above the buttons.
          if (error instanceof ApiError && error.fieldProblems.length) {
            setProblems(
              Object.fromEntries(error.fieldProblems.map((p) => [p.field, p.messages.join(' ')])),
            );
          }
          throw error;
        }
      })
      .then((done) => done && updated && onRecorded(updated));
  };

  return (
    <form onSubmit={submit} noValidate>
      <p className="mb-1">
        <strong>{deadline.label}</strong>
      </p>
      <div className="mb-3">
        <p className="mb-1">
          Scadenza attuale: <strong>{day(deadline.dueDate)}</strong>.
        </p>
        <div>
          Proroghe precedenti: <ExtensionHistory deadline={deadline} />
        </div>
      </div>
      <fieldset className="mt-3">
        <legend className="h6">Come prorogare</legend>
        <div className="form-check form-check-inline">
          <input
            id="proroga-modo-data"
            type="radio"
            name="proroga-modo"
            checked={mode === 'date'}
            onChange={() => setMode('date')}
          />
          <label htmlFor="proroga-modo-data">Fino a una data</label>
        </div>
        <div className="form-check form-check-inline">
          <input
            id="proroga-modo-giorni"
            type="radio"
            name="proroga-modo"
            checked={mode === 'amount'}
            onChange={() => setMode('amount')}
          />
          <label htmlFor="proroga-modo-giorni">Di un numero di giorni o mesi</label>
        </div>
      </fieldset>
      {mode === 'date' ? (
        <TextField
          id="proroga-nuova-scadenza"
          label="Nuova scadenza"
          type="date"
          required
          min={deadline.dueDate}
          value={newDueDate}
          error={problems.newDueDate}
          onChange={setNewDueDate}
        />
      ) : (
        <div className="row g-3">
          <div className="col-6">
            <TextField
              id="proroga-quantita"
              label="Proroga di"
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              required
              value={extraDays}
              error={problems.extraDays}
              onChange={setExtraDays}
            />
          </div>
          <div className="col-6">
            <SelectField
              id="proroga-unita"
              label="Unità"
              value={unit}
              options={[
                { value: 'calendarDays', label: 'giorni di calendario' },
                { value: 'workingDays', label: 'giorni lavorativi' },
                { value: 'months', label: 'mesi' },
              ]}
              onChange={setUnit}
            />
          </div>
        </div>
      )}
      <TextField
        id="proroga-concessa-da"
        label="Concessa da"
        hint="Es. Tribunale per i Minorenni, Prefettura di Palermo, coordinatore di unità"
        required
        maxLength={200}
        value={grantedBy}
        error={problems.grantedBy}
        onChange={setGrantedBy}
      />
      <TextAreaField
        id="proroga-motivo"
        label="Motivo"
        required
        rows={3}
        maxLength={2000}
        value={reason}
        error={problems.reason}
        onChange={setReason}
      />
      <ErrorAlert error={save.error} />
      <div className="toolbar-row mt-3">
        <Button color="primary" type="submit" disabled={save.busy}>
          Registra la proroga
        </Button>
      </div>
    </form>
  );
}
