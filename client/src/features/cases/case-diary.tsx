import { Badge, Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { Empty, ErrorAlert, Loaded, Notice } from '../../ui/feedback';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { dateTime, nowInRome, romeLocalToIso } from '../../ui/format';
import { Section } from '../../ui/page';
import { useAction } from '../../ui/use-api';
import { useCaseApi, useCaseFile } from './case-file';
import { DIARY_KINDS, TimelineItem, TIMELINE_TYPES } from './cases';

type Show = 'all' | 'diary' | 'path' | 'other';

const SHOW: Record<Show, (item: TimelineItem) => boolean> = {
  all: () => true,
  diary: (item) => item.type === 'diary',
  path: (item) => item.type === 'path',
  other: (item) => item.type !== 'diary' && item.type !== 'path',
};

/**
 * The social diary and everything else that happened, newest first. History is never
 * rewritten: a correction is a new entry; the entry it corrects stays, marked, linked to it.
 */
export function CaseDiary() {
  const { base, canWrite } = useCaseFile();
  const timeline = useCaseApi<TimelineItem[]>(`${base}/timeline`);
  const [show, setShow] = useState<Show>('all');
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      {canWrite ? (
        <Section title="Scrivi nel diario" id="scrivi-diario">
          <DiaryForm onWritten={setNotice} />
        </Section>
      ) : (
        <p className="text-secondary">
          Nel diario scrivono il case manager e il coordinatore dell’unità.
        </p>
      )}
      <Notice>{notice}</Notice>
      <Section
        title="Diario e cronologia"
        id="cronologia"
        actions={
          <SelectField
            id="cronologia-mostra"
            label="Mostra"
            className="mb-0 timeline-filter"
            value={show}
            options={[
              { value: 'all', label: 'Tutto' },
              { value: 'diary', label: 'Solo il diario' },
              { value: 'path', label: 'Solo i passi dei percorsi' },
              { value: 'other', label: 'Documenti, decisioni, case manager' },
            ]}
            onChange={(value) => setShow(value as Show)}
          />
        }
      >
        <Loaded state={timeline}>
          {(items) => {
            const shown = items.filter(SHOW[show]).reverse();
            return shown.length === 0 ? (
              <Empty>Nessuna voce.</Empty>
            ) : (
              <ol className="timeline-list" aria-label="Voci, dalla più recente">
                {shown.map((item, index) => (
                  <TimelineEntry
                    key={item.id ?? `${item.at}-${index}`}
                    item={item}
                    items={items}
                    onCorrected={setNotice}
                  />
                ))}
              </ol>
            );
          }}
        </Loaded>
      </Section>
    </>
  );
}

function TimelineEntry({
  item,
  items,
  onCorrected,
}: {
  item: TimelineItem;
  items: TimelineItem[];
  onCorrected: (notice: string) => void;
}) {
  const { canWrite } = useCaseFile();
  const [correcting, setCorrecting] = useState(false);
  const corrects = item.correctsEntryId
    ? items.find((other) => other.id === item.correctsEntryId)
    : undefined;
  const corrected = !!item.correctedByEntryId;
  return (
    <li
      id={item.id && item.type === 'diary' ? `voce-${item.id}` : undefined}
      className={`timeline-entry timeline-${item.type}${corrected ? ' is-corrected' : ''}`}
      data-type={item.type}
    >
      <div className="d-flex flex-wrap align-items-center gap-2">
        <time dateTime={item.at} className="small text-secondary">
          {dateTime(item.at)}
        </time>
        <Badge color={item.type === 'diary' ? 'primary' : 'secondary'}>
          {TIMELINE_TYPES[item.type] ?? item.type}
        </Badge>
        {corrected && <Badge color="warning">Corretta</Badge>}
      </div>
      <p className="fw-semibold mb-1 mt-1">{item.title}</p>
      {item.text && <p className="text-prewrap mb-1">{item.text}</p>}
      {item.author && <p className="small text-secondary mb-1">{item.author}</p>}
      {corrected && (
        <p className="small mb-1">
          Voce sostituita da una correzione: il testo originale resta qui.{' '}
          <a href={`#voce-${item.correctedByEntryId}`}>Vai alla correzione</a>
        </p>
      )}
      {item.correctsEntryId && (
        <p className="small mb-1">
          Corregge la voce del {corrects ? dateTime(corrects.at) : 'diario'}.{' '}
          <a href={`#voce-${item.correctsEntryId}`}>Vai alla voce corretta</a>
        </p>
      )}
      {canWrite && item.type === 'diary' && !corrected && item.id && (
        <>
          {!correcting && (
            <Button
              color="primary"
              outline
              size="xs"
              onClick={() => setCorrecting(true)}
              aria-label={`Correggi la voce del ${dateTime(item.at)}`}
            >
              Correggi
            </Button>
          )}
          {correcting && (
            <CorrectionForm
              item={item}
              onCancel={() => setCorrecting(false)}
              onDone={() => {
                setCorrecting(false);
                onCorrected(
                  'Correzione registrata: la voce originale resta nel diario, segnata come corretta.',
                );
              }}
            />
          )}
        </>
      )}
    </li>
  );
}

function DiaryForm({ onWritten }: { onWritten: (notice: string) => void }) {
  const { base, refresh } = useCaseFile();
  const [kind, setKind] = useState<keyof typeof DIARY_KINDS>('note');
  const [occurredAt, setOccurredAt] = useState(nowInRome);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<{ text?: string; occurredAt?: string }>({});
  const save = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(text.trim() ? {} : { text: 'Scrivere il testo della voce.' }),
      ...(occurredAt ? {} : { occurredAt: 'Indicare quando è avvenuto.' }),
    };
    setProblems(found);
    if (found.text || found.occurredAt) return;
    void save
      .run(() =>
        api('POST', `${base}/diary`, {
          kind,
          occurredAt: romeLocalToIso(occurredAt),
          text: text.trim(),
        }),
      )
      .then((done) => {
        if (!done) return;
        setText('');
        setOccurredAt(nowInRome());
        onWritten(`Voce registrata nel diario: ${DIARY_KINDS[kind]}.`);
        refresh();
      });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Nuova voce del diario">
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <SelectField
            id="diario-tipo"
            label="Tipo"
            value={kind}
            options={Object.entries(DIARY_KINDS).map(([value, label]) => ({ value, label }))}
            onChange={(value) => setKind(value as keyof typeof DIARY_KINDS)}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="diario-quando"
            label="Quando"
            type="datetime-local"
            required
            value={occurredAt}
            error={problems.occurredAt}
            onChange={setOccurredAt}
          />
        </div>
      </div>
      <TextAreaField
        id="diario-testo"
        label="Testo"
        required
        rows={4}
        maxLength={20000}
        value={text}
        error={problems.text}
        onChange={setText}
      />
      <ErrorAlert error={save.error} />
      <Button color="primary" type="submit" disabled={save.busy}>
        Registra nel diario
      </Button>
    </form>
  );
}

function CorrectionForm({
  item,
  onCancel,
  onDone,
}: {
  item: TimelineItem;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { base, refresh } = useCaseFile();
  const [text, setText] = useState(item.text ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useAction();
  const id = `correzione-${item.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setProblem('Scrivere il testo corretto.');
    if (text.trim() === (item.text ?? '').trim())
      return setProblem('Il testo è uguale a quello della voce: modificarlo.');
    setProblem(null);
    void save
      .run(() =>
        api('POST', `${base}/diary`, {
          kind: 'correction',
          occurredAt: new Date().toISOString(),
          text: text.trim(),
          correctsEntryId: item.id,
        }),
      )
      .then((done) => {
        if (!done) return;
        onDone();
        refresh();
      });
  };
  return (
    <form onSubmit={submit} noValidate className="border rounded p-3 mt-2" aria-label="Correzione">
      <TextAreaField
        id={id}
        label="Testo corretto"
        hint="La voce originale non si cancella: resta nel diario, segnata come corretta."
        required
        rows={4}
        maxLength={20000}
        value={text}
        error={problem}
        onChange={setText}
      />
      <ErrorAlert error={save.error} />
      <div className="toolbar-row">
        <Button color="primary" type="submit" size="sm" disabled={save.busy}>
          Registra la correzione
        </Button>
        <Button color="secondary" outline type="button" size="sm" onClick={onCancel}>
          Annulla
        </Button>
      </div>
    </form>
  );
}
