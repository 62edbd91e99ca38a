import { useCallback } from 'react';
import { ErrorAlert } from '../ui/feedback';
import { ProcessState } from './process-state';
import { useDiagram } from './use-diagram';

/**
 * Where an instance stands, on its model's diagram (bpmn-js, loaded with this component's
 * chunk): the current step, the steps done and flows taken, incidents.
 */
export function ProcessDiagram({ state, label }: { state: ProcessState; label: string }) {
  const draw = useCallback(
    (element: HTMLElement) =>
      import('./process-viewer').then(({ showProcess }) => showProcess(element, state)),
    [state],
  );
  const { container, error } = useDiagram(draw);
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
