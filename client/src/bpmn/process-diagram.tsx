import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../ui/feedback';
import { ProcessState } from './process-state';

/**
 * Where an instance stands, on its model's diagram (bpmn-js, loaded with this component's
 * chunk): the current step, the steps done and flows taken, incidents.
 */
export function ProcessDiagram({ state, label }: { state: ProcessState; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let release: (() => void) | undefined;
    let live = true;
    void import('./process-viewer')
      .then(({ showProcess }) => showProcess(container.current!, state))
      .then(
        (done) => (live ? (release = done) : done()),
        (failure: Error) => live && setError(`Diagramma non disponibile: ${failure.message}`),
      );
    return () => {
      live = false;
      release?.();
    };
  }, [state]);
  return (
    <>
      <ErrorAlert error={error} />
      <div
        ref={container}
        className="diagram"
        // A group, not an image: the viewer's canvas takes the keyboard focus (to move and
        // zoom), and an image may not hold anything interactive.
        role="group"
        aria-label={label}
        data-process-instance={state.processInstanceKey}
      />
    </>
  );
}
