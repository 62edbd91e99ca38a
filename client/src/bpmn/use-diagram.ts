import { RefObject, useEffect, useRef, useState } from 'react';

/**
 * Draws a diagram into a container with a viewer loaded on first use (bpmn-js stays out of the
 * screen's chunk), redraws when `draw` changes, and destroys the viewer when the screen goes.
 * `draw` resolves to the viewer's release; a failure becomes an Italian message.
 */
export function useDiagram(draw: (container: HTMLElement) => Promise<() => void>): {
  container: RefObject<HTMLDivElement>;
  error: string | null;
} {
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let release: (() => void) | undefined;
    let live = true;
    draw(container.current!).then(
      (done) => (live ? (release = done) : done()),
      (failure: Error) => live && setError(`Diagramma non disponibile: ${failure.message}`),
    );
    return () => {
      live = false;
      release?.();
    };
  }, [draw]);
  return { container, error };
}
