import { Alert, Badge, Button } from 'design-react-kit';
import { ReactNode, useState } from 'react';
import { day, dueIn, isPast, personName } from '../../ui/format';
import { CaseManagerDialog } from '../unit/case-manager-dialog';
import { useCaseFile } from './case-file';
import { Link } from 'wouter';
import { AvailableDecision, CaseDeadline, CASE_STATUSES, FamilyCase, PATH_STATES } from './cases';
import { deadlineEnd } from './deadline-time';
import { StartPathForm } from './start-path-form';

/**
 * The top of the case file, what a caseworker looks for first: who, who manages it, each path
 * and where it stands, the next deadline, what an outside party is awaited for.
 */
export function CaseSummary({
  deadlines,
  awaited,
}: {
  deadlines: CaseDeadline[] | undefined;
  awaited: AvailableDecision[] | undefined;
}) {
  const { detail, isCoordinator, canWrite, show, refresh } = useCaseFile();
  const [assigning, setAssigning] = useState(false);
  const [assigned, setAssigned] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  const next = (deadlines ?? [])
    .filter((d) => d.status === 'running' || d.status === 'breached')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  const status = CASE_STATUSES[detail.status];
  return (
    <section aria-label="Sintesi della cartella" className="case-summary mb-4">
      <div className="row g-3">
        <Fact title="Persona">
          <p className="fw-semibold mb-1">{personName(detail.person)}</p>
          <p className="mb-1 small">{detail.person.taxCode ?? 'Codice fiscale non indicato'}</p>
          {detail.person.birthDate && (
            <p className="mb-1 small">Nato/a il {day(detail.person.birthDate)}</p>
          )}
          <Button color="link" size="xs" className="p-0" onClick={() => show('persona')}>
            Persona e nucleo familiare
          </Button>
        </Fact>
        <Fact title="Case manager">
          <p className="fw-semibold mb-1" data-testid="case-manager">
            {detail.caseManager?.displayName ?? 'Da assegnare'}
          </p>
          {isCoordinator && detail.status === 'open' && (
            <>
              <Button color="primary" outline size="xs" onClick={() => setAssigning(true)}>
                {detail.caseManager ? 'Cambia case manager' : 'Assegna il case manager'}
              </Button>
              <CaseManagerDialog
                target={
                  assigning
                    ? {
                        caseId: detail.id,
                        caseNumber: detail.caseNumber,
                        personName: personName(detail.person),
                        caseManager: detail.caseManager,
                      }
                    : null
                }
                unitCode={detail.unitCode}
                onClose={() => setAssigning(false)}
                onAssigned={(message) => {
                  setAssigning(false);
                  setAssigned(message);
                  refresh();
                }}
              />
              {assigned && (
                <p className="small text-success mb-0" role="status">
                  {assigned}
                </p>
              )}
            </>
          )}
        </Fact>
        <Fact title="Prossima scadenza">
          {next ? (
            <>
              <p className="fw-semibold mb-1">{next.label}</p>
              <p className="mb-1">
                entro il {day(next.dueDate)}{' '}
                <span
                  className={
                    next.status === 'breached' || isPast(deadlineEnd(next.dueDate))
                      ? 'text-danger fw-semibold'
                      : 'text-secondary'
                  }
                >
                  ({next.status === 'breached' ? 'superata' : dueIn(deadlineEnd(next.dueDate))})
                </span>
              </p>
              <Button color="link" size="xs" className="p-0" onClick={() => show('scadenze')}>
                Tutte le scadenze
              </Button>
            </>
          ) : (
            <p className="mb-1">{deadlines ? 'Nessuna scadenza in corso.' : '…'}</p>
          )}
        </Fact>
        <Fact title="Cartella">
          <p className="mb-1">
            <Badge color={status?.color ?? 'secondary'}>{status?.label ?? detail.status}</Badge>
          </p>
          <p className="mb-1 small">
            Unità {detail.unitCode} · aperta il {day(detail.openedAt)}
            {detail.closedAt ? ` · chiusa il ${day(detail.closedAt)}` : ''}
          </p>
        </Fact>
      </div>
      <div className="card-frame mt-3">
        <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
          <h2 className="h6 text-uppercase mb-2">Percorsi e dove si trovano</h2>
          {canWrite && detail.status === 'open' && !starting && (
            <Button
              color="primary"
              outline
              size="xs"
              onClick={() => {
                setStarted(null);
                setStarting(true);
              }}
            >
              Avvia un altro percorso
            </Button>
          )}
        </div>
        {detail.pathInstances.length === 0 ? (
          <p className="mb-0">Nessun percorso avviato.</p>
        ) : (
          <ul className="list-unstyled mb-0 path-list">
            {detail.pathInstances.map((path) => (
              <li key={path.processInstanceKey} data-path={path.processInstanceKey}>
                <span className="fw-semibold">{path.name}</span>{' '}
                <Badge color={PATH_STATES[path.state]?.color ?? 'secondary'}>
                  {PATH_STATES[path.state]?.label ?? path.state}
                </Badge>
                {path.incidents > 0 && (
                  <Badge color="danger" className="ms-1">
                    {path.incidents === 1 ? '1 errore tecnico' : `${path.incidents} errori tecnici`}
                  </Badge>
                )}
                {path.currentSteps.length > 0 && (
                  <div className="small">
                    Passo attuale: {path.currentSteps.map((s) => s.name).join(', ')}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {starting && (
          <StartPathForm
            onCancel={() => setStarting(false)}
            onStarted={(notice) => {
              setStarting(false);
              setStarted(notice);
            }}
          />
        )}
        {started && (
          <p className="small text-success mt-2 mb-0" role="status">
            {started}
          </p>
        )}
      </div>
      {detail.familyCases.length > 0 && <FamilyCases cases={detail.familyCases} />}
      {awaited && awaited.length > 0 && (
        <Alert color="info" fade={false} className="mt-3 mb-0">
          <p className="mb-2">
            {awaited.length === 1 ? 'Un percorso attende' : 'I percorsi attendono'} una decisione
            esterna:
          </p>
          <ul className="mb-2">
            {awaited.map((a) => (
              <li key={`${a.kind}-${a.processInstanceKey}`}>
                <strong>{a.label}</strong> ({a.authority}) · {a.pathName}
              </li>
            ))}
          </ul>
          <Button color="primary" size="xs" onClick={() => show('decisioni')}>
            {canWrite ? 'Registra la decisione' : 'Decisioni esterne'}
          </Button>
        </Alert>
      )}
    </section>
  );
}

/** The household's other cases, for help to the whole family: who, their case, its paths. */
function FamilyCases({ cases }: { cases: FamilyCase[] }) {
  return (
    <div className="card-frame mt-3" data-testid="family-cases">
      <h2 className="h6 text-uppercase mb-2">Altre cartelle del nucleo familiare</h2>
      <ul className="list-unstyled mb-0 path-list">
        {cases.map((c) => (
          <li key={c.id}>
            <span className="fw-semibold">{personName(c.person)}</span>
            {c.relationship ? ` (${c.relationship})` : ''} ·{' '}
            <Link href={`/casi/${c.caseNumber}`}>{c.caseNumber}</Link>{' '}
            <Badge color={CASE_STATUSES[c.status]?.color ?? 'secondary'}>
              {CASE_STATUSES[c.status]?.label ?? c.status}
            </Badge>
            <div className="small">
              {c.pathNames.length > 0
                ? `Percorsi: ${c.pathNames.join(', ')}`
                : 'Nessun percorso avviato'}
              {' · case manager: '}
              {c.caseManager?.displayName ?? 'da assegnare'}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Fact({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="col-12 col-md-6 col-xl-3">
      <div className="card-frame h-100">
        <h2 className="h6 text-uppercase mb-2">{title}</h2>
        {children}
      </div>
    </div>
  );
}
