import '../../styles/admin.scss';
import { Button } from 'design-react-kit';
import { dateTime } from '../../ui/format';
import { Incident } from '../instances/instances';

/** What stopped a path at one step: the error, since when, what the job has left; "Riprova". */
export function IncidentCard({
  incident,
  busy,
  onRetry,
}: {
  incident: Incident;
  busy: boolean;
  onRetry: () => void;
}) {
  const step = incident.elementName ?? incident.elementId;
  return (
    <div className="incident-card" data-incident={incident.key}>
      <div>
        <h3 className="h6 mb-1">Fermo su «{step}»</h3>
        <p className="mb-1 text-prewrap" data-testid="errore">
          {incident.errorMessage}
        </p>
        <p className="small text-secondary mb-2">
          Dal {dateTime(incident.createdAt)} ·{' '}
          {ERROR_TYPES[incident.errorType] ?? incident.errorType}
          {incident.retries !== null && ` · tentativi rimasti: ${incident.retries}`}
        </p>
        <Button color="primary" size="sm" disabled={busy} onClick={onRetry}>
          Riprova <span className="visually-hidden">«{step}»</span>
        </Button>
      </div>
    </div>
  );
}

/** The engine's error types in an administrator's words. */
export const ERROR_TYPES: Record<string, string> = {
  JOB_NO_RETRIES: 'il servizio ha esaurito i tentativi',
  EXTRACT_VALUE_ERROR: 'un’espressione non si è potuta calcolare',
  CONDITION_ERROR: 'nessuna condizione di uscita vera',
  CALLED_ELEMENT_ERROR: 'il processo chiamato non si è potuto avviare',
  UNHANDLED_ERROR_EVENT: 'errore non gestito',
  IO_MAPPING_ERROR: 'mappatura delle variabili non riuscita',
  FORM_NOT_FOUND: 'modulo non trovato',
};
