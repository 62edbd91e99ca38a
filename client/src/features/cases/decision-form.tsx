import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/feedback';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { day, romeLocalToIso } from '../../ui/format';
import { useAction } from '../../ui/use-api';
import { DocumentItem, DocumentUpload } from '../documents/documents';
import { useCaseFile } from './case-file';
import { AvailableDecision, Decision, DecisionField } from './cases';

type Values = Record<string, string>;

const isRequired = (field: DecisionField, values: Values) =>
  field.required ||
  (!!field.requiredWhen && values[field.requiredWhen.field] === field.requiredWhen.value);

/** The field's id in the page, from the API's name for it (`fields.evictionDate`). */
const fieldId = (decision: AvailableDecision, field: string) =>
  `decisione-${decision.kind}-${field.replace(/^fields\./, '')}`;

/**
 * The form of one kind of decision, built from the fields the API gives for it (a date, a text,
 * a choice; some required only when another field has a value), with a document of the case —
 * one already there or uploaded now — and a note.
 */
export function DecisionForm({
  decision,
  documents,
  onDocumentUploaded,
  onCancel,
  onRecorded,
  onGone,
}: {
  decision: AvailableDecision;
  documents: DocumentItem[];
  onDocumentUploaded: () => void;
  onCancel: () => void;
  onRecorded: (decision: Decision) => void;
  /** The path no longer waits for it (409): the list of what is awaited is stale. */
  onGone: () => void;
}) {
  const { base } = useCaseFile();
  const [values, setValues] = useState<Values>({});
  const [documentId, setDocumentId] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Array<{ field: string; messages: string[] }>>([]);
  const save = useAction();
  const set = (key: string, value: string) => {
    setValues((all) => ({ ...all, [key]: value }));
    // A field put right is no longer listed as a problem.
    setProblems((all) => all.filter((p) => p.field !== `fields.${key}`));
  };
  const problemOf = (key: string) =>
    problems.find((p) => p.field === `fields.${key}` || p.field === key)?.messages.join(' ');
  const labels: Record<string, string> = {
    documentId: 'Documento allegato',
    note: 'Nota',
    ...Object.fromEntries(decision.fields.map((f) => [`fields.${f.key}`, f.label])),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = decision.fields
      .filter((f) => isRequired(f, values) && !values[f.key]?.trim())
      .map((f) => ({ field: `fields.${f.key}`, messages: ['campo obbligatorio'] }));
    setProblems(missing);
    if (missing.length) return;
    const fields = Object.fromEntries(
      decision.fields
        .filter((f) => values[f.key]?.trim())
        .map((f) => [
          f.key,
          f.type === 'datetime' ? romeLocalToIso(values[f.key]) : values[f.key].trim(),
        ]),
    );
    let recorded: Decision | undefined;
    void save
      .run(async () => {
        try {
          recorded = await api<Decision>('POST', `${base}/decisions`, {
            kind: decision.kind,
            processInstanceKey: decision.processInstanceKey,
            fields,
            documentId: documentId || undefined,
            note: note.trim() || undefined,
          });
        } catch (error) {
          if (error instanceof ApiError) {
            setProblems(error.fieldProblems);
            if (error.status === 409) onGone();
          }
          throw error;
        }
      })
      .then((done) => done && recorded && onRecorded(recorded));
  };

  return (
    <div className="border-top pt-3 mt-2">
      {/* Its own form, before the decision's (forms do not nest): the document is chosen below. */}
      <details className="mb-2">
        <summary>Il provvedimento non è ancora tra i documenti? Caricarlo ora</summary>
        <DocumentUpload
          base={`${base}/documents`}
          onUploaded={(document) => {
            onDocumentUploaded();
            setDocumentId(document.id);
          }}
        />
      </details>
      <form onSubmit={submit} noValidate aria-label={`Registra: ${decision.label}`}>
        <ErrorSummary
          problems={problems}
          labels={labels}
          fieldId={(field) =>
            field === 'documentId' ? 'decisione-documento' : fieldId(decision, field)
          }
        />
        <div className="row g-3">
          {decision.fields.map((field) => (
            <div key={field.key} className="col-12 col-md-6">
              <DecisionInput
                id={fieldId(decision, field.key)}
                field={field}
                condition={conditionOf(decision, field)}
                required={isRequired(field, values)}
                value={values[field.key] ?? ''}
                error={problemOf(field.key)}
                onChange={(value) => set(field.key, value)}
              />
            </div>
          ))}
        </div>
        <SelectField
          id="decisione-documento"
          label="Documento allegato (facoltativo)"
          hint="Il provvedimento o la comunicazione, tra i documenti della cartella"
          value={documentId}
          placeholder="Nessun documento"
          error={problemOf('documentId')}
          options={documents.map((d) => ({
            value: d.id,
            label: `${d.fileName} (caricato il ${day(d.uploadedAt)})`,
          }))}
          onChange={setDocumentId}
        />
        <TextAreaField
          id={`decisione-${decision.kind}-nota`}
          label="Nota (facoltativa)"
          rows={3}
          maxLength={5000}
          value={note}
          error={problemOf('note')}
          onChange={setNote}
        />
        <ErrorAlert error={save.error} />
        <div className="toolbar-row">
          <Button color="primary" type="submit" disabled={save.busy}>
            Registra la decisione
          </Button>
          <Button color="secondary" outline type="button" onClick={onCancel}>
            Annulla
          </Button>
        </div>
      </form>
    </div>
  );
}

/** "Obbligatorio se «Esito» è «Provvedimento convalidato»", in the form's own words. */
function conditionOf(decision: AvailableDecision, field: DecisionField): string | undefined {
  const when = field.requiredWhen;
  if (!when) return undefined;
  const other = decision.fields.find((f) => f.key === when.field);
  const option = other?.options?.find((o) => o.value === when.value);
  return `Obbligatorio se «${other?.label ?? when.field}» è «${option?.label ?? when.value}»`;
}

function DecisionInput({
  id,
  field,
  condition,
  required,
  value,
  error,
  onChange,
}: {
  id: string;
  field: DecisionField;
  condition: string | undefined;
  required: boolean;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  if (field.type === 'choice')
    return (
      <SelectField
        id={id}
        label={field.label}
        required={required}
        value={value}
        placeholder="Scegliere…"
        options={field.options ?? []}
        hint={condition}
        error={error}
        onChange={onChange}
      />
    );
  return (
    <TextField
      id={id}
      label={field.label}
      type={field.type === 'date' ? 'date' : field.type === 'datetime' ? 'datetime-local' : 'text'}
      required={required}
      value={value}
      hint={condition}
      error={error}
      maxLength={field.type === 'text' ? 500 : undefined}
      onChange={onChange}
    />
  );
}
