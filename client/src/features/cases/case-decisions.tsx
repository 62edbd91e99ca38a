import { Badge, Button } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { download } from '../../api/client';
import { Empty, ErrorAlert, Loaded, Notice } from '../../ui/feedback';
import { dateTime } from '../../ui/format';
import { Section } from '../../ui/page';
import { Loaded as LoadedState, useAction } from '../../ui/use-api';
import { DocumentItem } from '../documents/documents';
import { useCaseApi, useCaseFile } from './case-file';
import { AvailableDecision, Decision, DECISION_STATUSES } from './cases';
import { DecisionForm } from './decision-form';

/** While a recorded decision is on its way to the path, ask again this often. */
const PENDING_POLL_MS = 1500;
const PENDING_POLLS = 10;
const FOLLOW_UPS_MS = [1000, 2500, 5000];

/**
 * The decisions an outside party takes (the Prefettura's eviction date, a court decree, a
 * placement) that the case's paths wait for now, recorded here so the path moves on without an
 * administrator; and those recorded before, with whether the path received them.
 */
export function CaseDecisions({ awaited }: { awaited: LoadedState<AvailableDecision[]> }) {
  const { base, canWrite, refresh } = useCaseFile();
  const decisions = useCaseApi<Decision[]>(`${base}/decisions`);
  const documents = useCaseApi<DocumentItem[]>(`${base}/documents`);
  const [chosen, setChosen] = useState<AvailableDecision | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<Decision | null>(null);
  const pending = (decisions.data ?? []).some((d) => d.status === 'pending');
  const polls = useRef(0);
  // The path receives the decision through the outbox, moments later: refresh until it has
  // (a while, not for ever: an engine that is down keeps it pending for longer).
  useEffect(() => {
    if (!pending) {
      polls.current = 0;
      return;
    }
    if (polls.current >= PENDING_POLLS) return;
    const timer = setTimeout(() => {
      polls.current += 1;
      refresh();
    }, PENDING_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, refresh, decisions.data]);
  // Once received, the path runs its automatic steps (a deadline recorded…) before the next one
  // that waits for a person: look again a few times while it does.
  useEffect(() => {
    if (!recorded) return;
    const timers = FOLLOW_UPS_MS.map((ms) => setTimeout(refresh, ms));
    return () => timers.forEach(clearTimeout);
  }, [recorded, refresh]);

  return (
    <>
      <Notice>{notice}</Notice>
      <Section title="Decisioni attese dai percorsi" id="decisioni-attese">
        <Loaded state={awaited}>
          {(items) =>
            items.length === 0 ? (
              <Empty>Nessun percorso della cartella attende ora una decisione esterna.</Empty>
            ) : (
              <ul className="list-unstyled">
                {items.map((a) => {
                  const key = `${a.kind}-${a.processInstanceKey}`;
                  const open =
                    chosen !== null && `${chosen.kind}-${chosen.processInstanceKey}` === key;
                  return (
                    <li key={key} className="card-frame mb-3" data-decision-kind={a.kind}>
                      <p className="fw-semibold mb-1">{a.label}</p>
                      <p className="small mb-2">
                        Decide: {a.authority} · Percorso: {a.pathName} · Passo in attesa:{' '}
                        {a.stepName}
                      </p>
                      {canWrite && !open && (
                        <Button
                          color="primary"
                          size="sm"
                          onClick={() => {
                            setNotice(null);
                            setChosen(a);
                          }}
                        >
                          Registra: {a.label}
                        </Button>
                      )}
                      {open && (
                        <DecisionForm
                          decision={a}
                          documents={documents.data ?? []}
                          onDocumentUploaded={documents.reload}
                          onCancel={() => setChosen(null)}
                          onRecorded={(recorded) => {
                            setChosen(null);
                            setRecorded(recorded);
                            setNotice(
                              `Decisione registrata: ${recorded.label}. Il percorso «${recorded.pathName}» prosegue.`,
                            );
                            refresh();
                          }}
                          onGone={refresh}
                        />
                      )}
                    </li>
                  );
                })}
              </ul>
            )
          }
        </Loaded>
        {!canWrite && (
          <p className="text-secondary small">
            Le decisioni esterne le registrano il case manager e il coordinatore dell’unità.
          </p>
        )}
      </Section>
      <Section title="Decisioni registrate" id="decisioni-registrate">
        <Loaded state={decisions}>
          {(items) =>
            items.length === 0 ? (
              <Empty>Nessuna decisione registrata.</Empty>
            ) : (
              <RecordedDecisions items={items} documents={documents.data ?? []} />
            )
          }
        </Loaded>
      </Section>
    </>
  );
}

function RecordedDecisions({ items, documents }: { items: Decision[]; documents: DocumentItem[] }) {
  const { base } = useCaseFile();
  const fetching = useAction();
  return (
    <>
      <ErrorAlert error={fetching.error} />
      <ul className="list-unstyled">
        {[...items].reverse().map((d) => {
          const status = DECISION_STATUSES[d.status];
          const document = d.documentId ? documents.find((x) => x.id === d.documentId) : undefined;
          return (
            <li key={d.id} className="card-frame mb-3" data-decision={d.id}>
              <div className="d-flex flex-wrap gap-2 align-items-center">
                <span className="fw-semibold">{d.label}</span>
                <Badge color={status?.color ?? 'secondary'}>{status?.label ?? d.status}</Badge>
              </div>
              <p className="small mb-2">
                {d.authority} · {d.pathName} · registrata da {d.recordedBy} il{' '}
                {dateTime(d.recordedAt)}
              </p>
              <dl className="facts small mb-2">
                {d.details.map((x) => (
                  <div key={x.key} className="contents">
                    <dt>{x.label}</dt>
                    <dd>{x.text}</dd>
                  </div>
                ))}
              </dl>
              {d.note && <p className="text-prewrap small mb-2">{d.note}</p>}
              {d.documentId && (
                <p className="small mb-0">
                  Documento allegato:{' '}
                  <Button
                    color="link"
                    size="xs"
                    className="p-0"
                    onClick={() =>
                      void fetching.run(() =>
                        download(
                          `${base}/documents/${d.documentId}`,
                          document?.fileName ?? 'documento',
                        ),
                      )
                    }
                  >
                    {document?.fileName ?? 'scarica'}
                  </Button>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
