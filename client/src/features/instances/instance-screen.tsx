import { Badge, Button } from 'design-react-kit';
import { useState } from 'react';
import { ProcessDiagram } from '../../bpmn/process-diagram';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert, Loaded, Notice } from '../../ui/feedback';
import { dateTime } from '../../ui/format';
import { Page, Section } from '../../ui/page';
import { useAction, useAsync } from '../../ui/use-api';
import { IncidentCard } from '../incidents/incident-card';
import {
  cancelInstance,
  INSTANCE_STATES,
  instanceLabel,
  instancesHome,
  InstanceView,
  loadInstance,
  retryIncident,
} from './instances';

/** " (2 volte)" for a step in progress more than once (tokens that met there). */
const times = (count: number | undefined) => (count ? ` (${count} volte)` : '');

/**
 * One instance of a path: where it is on its model (the current steps, those done, incidents
 * marked), its open incidents with "Riprova", and "Annulla l’istanza" after a question.
 */
export function InstanceScreen({ params }: { params: { key?: string } }) {
  const key = params.key ?? '';
  const view = useAsync(key, () => loadInstance(key));
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Loaded state={view}>
      {(data) => (
        <Instance
          view={data}
          notice={notice}
          onChanged={(text) => {
            setNotice(text);
            view.reload();
          }}
        />
      )}
    </Loaded>
  );
}

function Instance({
  view,
  notice,
  onChanged,
}: {
  view: InstanceView;
  notice: string | null;
  onChanged: (notice: string) => void;
}) {
  const { instance, processName, names, incidents, diagram } = view;
  const [asking, setAsking] = useState(false);
  const action = useAction();
  const cancel = useAction();
  const label = instanceLabel(instance);
  const state = INSTANCE_STATES[instance.state];
  const nameOf = (id: string) => names.get(id) ?? id;

  const retry = (incident: (typeof incidents)[number]) =>
    void action.run(async () => {
      await retryIncident(incident);
      onChanged(
        `Incidente risolto: il passo «${incident.elementName ?? incident.elementId}» viene ritentato.`,
      );
    });
  const confirmCancel = () =>
    void cancel
      .run(() => cancelInstance(instance.processInstanceKey))
      .then((done) => {
        if (!done) return;
        setAsking(false);
        onChanged(`Istanza annullata: ${processName}, ${label}.`);
      });

  return (
    <Page
      title={`${processName} · ${label}`}
      lead={
        <>
          <span data-testid="stato-istanza">
            <Badge color={state.color} className="me-2">
              {state.label}
            </Badge>
          </span>
          versione {instance.version} · avviata il {dateTime(instance.startedAt)}
          {instance.endedAt && ` · conclusa il ${dateTime(instance.endedAt)}`}
        </>
      }
      back={{ href: instancesHome, label: 'Istanze' }}
      actions={
        instance.state === 'ACTIVE' && (
          <Button color="danger" outline onClick={() => setAsking(true)}>
            Annulla l’istanza
          </Button>
        )
      }
    >
      <Notice>{notice}</Notice>
      <ErrorAlert error={action.error} />
      <Section title="Dove si trova" id="posizione">
        <p data-testid="posizione">
          {instance.state !== 'ACTIVE'
            ? `L’istanza è ${state.label.toLowerCase()}.`
            : instance.activeElementIds.length === 0
              ? 'Nessun passo in corso.'
              : `In corso: ${instance.activeElementIds.map((id) => `«${nameOf(id)}»${times(instance.repeatedActiveElements[id])}`).join(', ')}.`}
        </p>
        <ProcessDiagram state={diagram} label={`Il percorso ${processName} per ${label}`} />
        <p className="small text-secondary mt-2">
          Sul diagramma: il passo in corso bordato in rosso, i passi svolti in grigio, un incidente
          tratteggiato.
        </p>
      </Section>
      <Section title={`Incidenti aperti (${incidents.length})`} id="incidenti">
        {incidents.length === 0 ? (
          <p className="text-secondary">Nessun incidente aperto.</p>
        ) : (
          incidents.map((incident) => (
            <IncidentCard
              key={incident.key}
              incident={incident}
              busy={action.busy}
              onRetry={() => retry(incident)}
            />
          ))
        )}
      </Section>
      <ConfirmDialog
        open={asking}
        title="Annullare l’istanza?"
        confirmLabel="Annulla l’istanza"
        cancelLabel="Non annullare"
        danger
        busy={cancel.busy}
        error={cancel.error}
        onCancel={() => {
          setAsking(false);
          cancel.clearError();
        }}
        onConfirm={confirmCancel}
      >
        <p>
          Il percorso «{processName}» della pratica <strong>{label}</strong> sarà interrotto: i suoi
          passi aperti si chiudono e non riprenderà più.
        </p>
        <p className="mb-0">Non si può annullare questa operazione.</p>
      </ConfirmDialog>
    </Page>
  );
}
