import { Alert, Badge, Button } from 'design-react-kit';
import { ReactNode, useState } from 'react';
import { day, dueIn, isPast, personName } from '../../ui/format';
import { CaseManagerDialog } from '../unit/case-manager-dialog';
import { useCaseFile } from './case-file';
import { AvailableDecision, CaseDeadline, CASE_STATUSES, PATH_STATES } from './cases';
import { deadlineEnd } from './deadline-time';

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
        <h2 className="h6 text-uppercase mb-2">Percorsi e dove si trovano</h2>
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
      </div>
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
