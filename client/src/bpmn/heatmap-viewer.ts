import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { DIAGRAM_TEXT } from './diagram-text';

export interface HeatStep {
  elementId: string;
  waitingNow: number;
  level: 'ok' | 'amber' | 'red' | null;
  /** A short line for the step's badge, e.g. «3 in attesa · p90 2 g». */
  badge: string | null;
}

export interface HeatFlow {
  flowId: string;
  /** «45%» on a gateway's exit; null draws nothing. */
  label: string | null;
}

/**
 * A path's bottlenecks on its diagram: each step coloured by its level against the thresholds
 * (markers `heat-ok|amber|red`, styles/app.scss), a badge with its figures, and each gateway
 * exit's share on the flow.
 */
export async function showHeatmap(
  container: HTMLElement,
  xml: string,
  steps: HeatStep[],
  flows: HeatFlow[],
): Promise<() => void> {
  const viewer = new NavigatedViewer({ container, ...DIAGRAM_TEXT });
  try {
    await viewer.importXML(xml);
    const canvas = viewer.get<{
      addMarker(id: string, marker: string): void;
      zoom(level: string): void;
    }>('canvas');
    const registry = viewer.get<{ get(id: string): unknown }>('elementRegistry');
    const overlays = viewer.get<{
      add(id: string, overlay: { position: Record<string, number>; html: HTMLElement }): void;
    }>('overlays');
    const badge = (className: string, text: string) => {
      const element = document.createElement('span');
      element.className = className;
      element.textContent = text;
      return element;
    };
    for (const step of steps) {
      if (!registry.get(step.elementId)) continue;
      if (step.level) canvas.addMarker(step.elementId, `heat-${step.level}`);
      if (step.badge) {
        overlays.add(step.elementId, {
          position: { bottom: 14, left: -4 },
          html: badge(`heat-badge heat-badge-${step.level ?? 'none'}`, step.badge),
        });
      }
    }
    for (const flow of flows) {
      if (!flow.label || !registry.get(flow.flowId)) continue;
      overlays.add(flow.flowId, {
        position: { top: -18, left: 8 },
        html: badge('heat-share', flow.label),
      });
    }
    canvas.zoom('fit-viewport');
  } catch (error) {
    viewer.destroy();
    throw error;
  }
  return () => viewer.destroy();
}
