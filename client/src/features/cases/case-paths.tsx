import { Alert, Badge } from 'design-react-kit';
import { useRef } from 'react';
import { ProcessDiagram } from '../../bpmn/process-diagram';
import { ProcessState } from '../../bpmn/process-state';
import { Empty, Loaded } from '../../ui/feedback';
import { day } from '../../ui/format';
import { Section } from '../../ui/page';
import { useCaseApi, useCaseFile } from './case-file';
import { CasePath, PATH_STATES } from './cases';

/**
 * Every path of the case by its name, on its diagram: the current step marked, the steps done
 * and the flows taken, an incident where it stopped — and the same said in words beside it, so
 * nothing rests on colour alone.
 */
export function CasePaths({ visible }: { visible: boolean }) {
  const { detail, base } = useCaseFile();
  const diagrams = useCaseApi<ProcessState[]>(`${base}/process`);
  const stable = useRef(new Map<string, { signature: string; state: ProcessState }>());
  /** The same object while nothing changed: a refresh redraws only a path that moved. */
  const unchanged = (state: ProcessState): ProcessState => {
    const signature = JSON.stringify({ ...state, xml: state.xml.length });
    const known = stable.current.get(state.processInstanceKey);
    if (known?.signature === signature) return known.state;
    stable.current.set(state.processInstanceKey, { signature, state });
    return state;
  };
  if (detail.pathInstances.length === 0) return <Empty>Nessun percorso avviato.</Empty>;
  return (
    <>
      <p className="small text-secondary diagram-legend">
        Sul diagramma: <span className="legend legend-active">passo attuale</span>{' '}
        <span className="legend legend-done">passi svolti e percorso seguito</span>{' '}
        <span className="legend legend-incident">errore tecnico</span>. Il diagramma si sposta
        trascinandolo e si ingrandisce con la rotella del mouse.
      </p>
      <Loaded state={diagrams}>
        {(states) => (
          <>
            {detail.pathInstances.map((path) => (
              <PathSection
                key={path.processInstanceKey}
                path={path}
                visible={visible}
                state={states
                  .filter((s) => s.processInstanceKey === path.processInstanceKey)
                  .map(unchanged)
                  .at(0)}
              />
            ))}
          </>
        )}
      </Loaded>
    </>
  );
}

function PathSection({
  path,
  state,
  visible,
}: {
  path: CasePath;
  state: ProcessState | undefined;
  /** A diagram is drawn to fit its box: not while its tab is hidden (no size to fit). */
  visible: boolean;
}) {
  const steps = path.currentSteps.map((s) => s.name).join(', ');
  const known = PATH_STATES[path.state];
  return (
    <Section title={path.name} id={`percorso-${path.processInstanceKey}`}>
      <p className="mb-2">
        <Badge color={known?.color ?? 'secondary'}>{known?.label ?? path.state}</Badge>{' '}
        <span className="small text-secondary">
          avviato il {day(path.startedAt)} · versione {path.version}
        </span>
      </p>
      {steps && (
        <p className="mb-2">
          Passo attuale: <strong data-testid="current-step">{steps}</strong>
        </p>
      )}
      {path.incidents > 0 && (
        <Alert color="danger" fade={false}>
          {path.incidents === 1
            ? 'Un errore tecnico ferma il percorso'
            : `${path.incidents} errori tecnici fermano il percorso`}{' '}
          nel passo segnato sul diagramma. L’amministratore di sistema è in grado di riprenderlo:
          segnalarglielo indicando il numero della cartella.
        </Alert>
      )}
      {!visible ? null : state ? (
        <ProcessDiagram
          state={state}
          label={`Diagramma del percorso «${path.name}»${steps ? `: passo attuale ${steps}` : ''}`}
        />
      ) : (
        <Empty>Diagramma non disponibile.</Empty>
      )}
    </Section>
  );
}
