import { Badge, Button } from 'design-react-kit';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { ErrorAlert, Loaded } from '../../ui/feedback';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { day } from '../../ui/format';
import { ModalDialog } from '../../ui/modal-dialog';
import { useAction, useApi } from '../../ui/use-api';
import {
  capReached,
  capText,
  CaseDeadline,
  caseDeadlinesPath,
  DEADLINE_STATUSES,
  extendDeadline,
  EXTENSION_UNITS,
  ExtensionUnit,
  extensionsText,
  NewExtension,
  nextDay,
} from './deadlines';
import { ExtensionHistory } from './extension-history';

/** The deadline to extend; the case's number and person, when the caller knows them. */
export interface ProrogaTarget {
  caseId: string;
  deadlineId: string;
  caseNumber?: string;
  personName?: string;
}

const LABELS: Record<string, string> = {
  newDueDate: 'Nuova scadenza',
  extraDays: 'Quanti',
  unit: 'Unità di misura',
  reason: 'Motivo',
  grantedBy: 'Concessa da',
};

/** Who usually grants one: suggestions, any other can be written. */
const GRANTORS = [
  'Tribunale per i Minorenni',
  'Procura della Repubblica presso il Tribunale per i Minorenni',
  'Giudice Tutelare',
  'Prefettura',
  'Coordinatore di unità',
];

/**
 * Records a proroga of a legal deadline (the unit's coordinator or the case manager): a new due
 * date, or days or months added; why, and who granted it. The deadline's earlier proroghe are
 * listed, and the cap when the law sets one (the API refuses one more with 409, said here in
 * Italian). The dialog stays open after recording, the new proroga in the history. Reused by
 * the case file for its deadlines. Open while `target` is set.
 */
export function ProrogaDialog({
  target,
  onClose,
  onRecorded,
  afterClose,
}: {
  target: ProrogaTarget | null;
  onClose: () => void;
  /** After a proroga is recorded (the caller's lists change). */
  onRecorded?: (deadline: CaseDeadline) => void;
  afterClose?: () => HTMLElement | null | undefined;
}) {
  return (
    <ModalDialog
      open={target !== null}
      title="Proroga della scadenza"
      onClose={onClose}
      afterClose={afterClose}
      size="lg"
    >
      {target && <ProrogaBody key={target.deadlineId} target={target} onRecorded={onRecorded} />}
    </ModalDialog>
  );
}

function ProrogaBody({
  target,
  onRecorded,
}: {
  target: ProrogaTarget;
  onRecorded?: (deadline: CaseDeadline) => void;
}) {
  const deadlines = useApi<CaseDeadline[]>(caseDeadlinesPath(target.caseId));
  const [recorded, setRecorded] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  // What was done, or why not, takes the focus: the form it came from may have gone.
  const message = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (recorded || refusal) message.current?.focus();
  }, [recorded, refusal]);

  return (
    <Loaded state={deadlines}>
      {(list) => {
        const deadline = list.find((d) => d.id === target.deadlineId);
        if (!deadline) return <ErrorAlert error="Scadenza non trovata in questa cartella." />;
        const used = deadline.extensions.length;
        const cap = capText(deadline.maxExtensions);
        const full = capReached(deadline, used);
        const running = deadline.status === 'running';
        return (
          <>
            {recorded && (
              <div ref={message} className="alert alert-success" role="status" tabIndex={-1}>
                {recorded}
              </div>
            )}
            {refusal && (
              <div ref={message} className="alert alert-danger" role="alert" tabIndex={-1}>
                {refusal.message}
              </div>
            )}
            <dl className="facts mb-3">
              <dt>Scadenza</dt>
              <dd>{deadline.label}</dd>
              <dt>Base giuridica</dt>
              <dd>{deadline.legalBasis ?? 'non indicata'}</dd>
              {target.caseNumber && (
                <>
                  <dt>Cartella</dt>
                  <dd>
                    {target.caseNumber}
                    {target.personName ? ` · ${target.personName}` : ''}
                  </dd>
                </>
              )}
              <dt>Scade il</dt>
              <dd>
                <span className="fw-semibold" data-testid="due-date">
                  {day(deadline.dueDate)}
                </span>{' '}
                <Badge color={running ? 'primary' : 'secondary'}>
                  {DEADLINE_STATUSES[deadline.status].label}
                </Badge>
              </dd>
              <dt>Proroghe</dt>
              <dd data-testid="extensions-count">{extensionsText(used, deadline.maxExtensions)}</dd>
            </dl>
            {cap && !full && <p className="alert alert-info">{cap}</p>}
            {/* A refusal for the cap says it already. */}
            {full && running && refusal?.status !== 409 && (
              <div className="alert alert-warning" role="status" data-testid="cap-reached">
                {deadline.maxExtensions === 1
                  ? 'La legge consente una sola proroga per questa scadenza, già registrata: non se ne possono registrare altre.'
                  : `La legge consente al massimo ${deadline.maxExtensions} proroghe per questa scadenza, già registrate: non se ne possono registrare altre.`}
              </div>
            )}
            {!running && (
              <p>
                La scadenza è {DEADLINE_STATUSES[deadline.status].label}: non può essere prorogata.
              </p>
            )}
            <h3 className="h5 mt-3">Proroghe registrate</h3>
            <ExtensionHistory extensions={deadline.extensions} />
            {running && !full && (
              <ProrogaForm
                target={target}
                deadline={deadline}
                onRefused={(error) => {
                  setRecorded(null);
                  setRefusal(error);
                  // Someone else may have recorded one meanwhile: show what is there now.
                  if (error.status === 409) deadlines.reload();
                }}
                onRecorded={(updated) => {
                  setRefusal(null);
                  setRecorded(
                    `Proroga registrata: la scadenza passa dal ${day(deadline.dueDate)} al ${day(updated.dueDate)}.`,
                  );
                  deadlines.reload();
                  onRecorded?.(updated);
                }}
              />
            )}
          </>
        );
      }}
    </Loaded>
  );
}

function ProrogaForm({
  target,
  deadline,
  onRecorded,
  onRefused,
}: {
  target: ProrogaTarget;
  deadline: CaseDeadline;
  onRecorded: (deadline: CaseDeadline) => void;
  onRefused: (error: ApiError) => void;
}) {
  const [mode, setMode] = useState<'date' | 'amount'>('amount');
  const [newDueDate, setNewDueDate] = useState('');
  const [extraDays, setExtraDays] = useState('');
  const [unit, setUnit] = useState<ExtensionUnit>('calendarDays');
  const [reason, setReason] = useState('');
  const [grantedBy, setGrantedBy] = useState('');
  const [problems, setProblems] = useState<Array<{ field: string; messages: string[] }>>([]);
  const save = useAction();
  const errorOf = (field: string) =>
    problems.find((p) => p.field === field)?.messages.join(' ') ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amount = Number(extraDays);
    const local = [
      ...(mode === 'date' && !(newDueDate > deadline.dueDate)
        ? [
            {
              field: 'newDueDate',
              messages: [`Indicare una data successiva al ${day(deadline.dueDate)}.`],
            },
          ]
        : []),
      ...(mode === 'amount' && !(Number.isInteger(amount) && amount >= 1 && amount <= 3650)
        ? [{ field: 'extraDays', messages: ['Indicare un numero intero da 1 a 3650.'] }]
        : []),
      ...(reason.trim().length < 3
        ? [{ field: 'reason', messages: ['Indicare il motivo della proroga.'] }]
        : []),
      ...(grantedBy.trim().length < 2
        ? [{ field: 'grantedBy', messages: ['Indicare chi ha concesso la proroga.'] }]
        : []),
    ];
    setProblems(local);
    if (local.length) return;
    const extension: NewExtension =
      mode === 'date'
        ? { newDueDate, reason: reason.trim(), grantedBy: grantedBy.trim() }
        : { extraDays: amount, unit, reason: reason.trim(), grantedBy: grantedBy.trim() };
    void save.run(async () => {
      try {
        const updated = await extendDeadline(target.caseId, deadline.id, extension);
        setReason('');
        setGrantedBy('');
        setExtraDays('');
        setNewDueDate('');
        onRecorded(updated);
      } catch (error) {
        if (error instanceof ApiError) {
          setProblems(error.fieldProblems);
          if (error.fieldProblems.length === 0) onRefused(error);
        }
        throw error;
      }
    });
  };

  return (
    <form onSubmit={submit} noValidate className="mt-4" aria-labelledby="proroga-nuova">
      <h3 className="h5" id="proroga-nuova">
        Nuova proroga
      </h3>
      <ErrorSummary problems={problems} labels={LABELS} fieldId={(f) => `proroga-${f}`} />
      <fieldset className="mt-3">
        <legend className="h6">Come si proroga</legend>
        <div className="form-check form-check-inline">
          <input
            id="proroga-modo-amount"
            type="radio"
            name="proroga-modo"
            checked={mode === 'amount'}
            onChange={() => setMode('amount')}
          />
          <label htmlFor="proroga-modo-amount">Di giorni o mesi</label>
        </div>
        <div className="form-check form-check-inline">
          <input
            id="proroga-modo-date"
            type="radio"
            name="proroga-modo"
            checked={mode === 'date'}
            onChange={() => setMode('date')}
          />
          <label htmlFor="proroga-modo-date">Fino a una nuova data</label>
        </div>
      </fieldset>
      {mode === 'date' ? (
        <TextField
          id="proroga-newDueDate"
          type="date"
          label={LABELS.newDueDate}
          required
          min={nextDay(deadline.dueDate)}
          value={newDueDate}
          onChange={setNewDueDate}
          error={errorOf('newDueDate')}
        />
      ) : (
        <div className="row">
          <TextField
            id="proroga-extraDays"
            className="col-12 col-sm-5"
            type="number"
            inputMode="numeric"
            label={LABELS.extraDays}
            required
            min={1}
            max={3650}
            value={extraDays}
            onChange={setExtraDays}
            error={errorOf('extraDays')}
          />
          <SelectField
            id="proroga-unit"
            className="col-12 col-sm-7"
            label={LABELS.unit}
            value={unit}
            options={Object.entries(EXTENSION_UNITS).map(([value, label]) => ({ value, label }))}
            onChange={(value) => setUnit(value as ExtensionUnit)}
            error={errorOf('unit')}
          />
          <p className="small col-12 mb-0">
            Aggiunti alla scadenza attuale del {day(deadline.dueDate)}; i giorni lavorativi seguono
            il calendario di Palermo.
          </p>
        </div>
      )}
      <TextAreaField
        id="proroga-reason"
        label={LABELS.reason}
        required
        rows={3}
        maxLength={2000}
        value={reason}
        onChange={setReason}
        error={errorOf('reason')}
      />
      <TextField
        id="proroga-grantedBy"
        label={LABELS.grantedBy}
        hint="L’autorità o la persona che l’ha concessa, es. «Tribunale per i Minorenni»."
        required
        maxLength={200}
        list="proroga-autorita"
        autoComplete="off"
        value={grantedBy}
        onChange={setGrantedBy}
        error={errorOf('grantedBy')}
      />
      <datalist id="proroga-autorita">
        {GRANTORS.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <Button color="primary" type="submit" disabled={save.busy}>
        Registra la proroga
      </Button>
    </form>
  );
}
