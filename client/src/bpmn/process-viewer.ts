import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { DIAGRAM_TEXT } from './diagram-text';
import { ProcessState } from './process-state';

/**
 * Where an instance is, on its model: active elements marked `active`, completed ones and
 * taken flows `done`, incidents `incident`, by markers (styles/app.scss), only after the import
 * resolved; a step in progress more than once (tokens that met there) carries how many times.
 */
export async function showProcess(
  container: HTMLElement,
  state: ProcessState,
): Promise<() => void> {
  const viewer = new NavigatedViewer({ container, ...DIAGRAM_TEXT });
  try {
    await viewer.importXML(state.xml);
    const canvas = viewer.get<{
      addMarker(id: string, marker: string): void;
      zoom(level: string): void;
    }>('canvas');
    const registry = viewer.get<{ get(id: string): unknown }>('elementRegistry');
    const mark = (ids: string[], marker: string) =>
      ids.filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, marker));
    mark(state.completedElementIds, 'done');
    mark(state.takenSequenceFlowIds, 'done');
    mark(state.activeElementIds, 'active');
    mark(state.incidentElementIds ?? [], 'incident');
    const overlays = viewer.get<{
      add(
        id: string,
        overlay: { position: { top: number; right: number }; html: HTMLElement },
      ): void;
    }>('overlays');
    for (const [id, count] of Object.entries(state.repeatedActiveElements ?? {})) {
      if (!registry.get(id)) continue;
      const badge = document.createElement('span');
      badge.className = 'instance-count';
      badge.textContent = `×${count}`;
      badge.title = `${count} volte in corso`;
      overlays.add(id, { position: { top: -12, right: 12 }, html: badge });
    }
    canvas.zoom('fit-viewport');
  } catch (error) {
    // A diagram that could not be drawn leaves nothing behind.
    viewer.destroy();
    throw error;
  }
  return () => viewer.destroy();
}
