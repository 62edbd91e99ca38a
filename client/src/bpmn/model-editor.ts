import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import Modeler from 'bpmn-js/lib/Modeler';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';

/** An empty executable process, what "Nuovo modello" opens. */
export const NEW_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.5.0">
  <bpmn:process id="nuovo-percorso" name="Nuovo percorso" isExecutable="true">
    <bpmn:startEvent id="start" name="Inizio" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="nuovo-percorso">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="180" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** The BPMN modeler with Zeebe's extension elements, so zeebe:* survive a round trip. */
export class ModelEditor {
  private readonly modeler: Modeler;

  constructor(container: HTMLElement) {
    this.modeler = new Modeler({ container, moddleExtensions: { zeebe } });
  }

  /** Opens a model; the import's warnings (unresolved references…) for the administrator. */
  async open(xml: string): Promise<string[]> {
    const { warnings } = await this.modeler.importXML(xml);
    const canvas = this.modeler.get<{
      zoom(level?: string | number, center?: 'auto'): number;
      scroll(delta: { dx: number; dy: number }): void;
    }>('canvas');
    canvas.zoom('fit-viewport', 'auto');
    // Leave room on the left for the palette, which floats over the canvas.
    canvas.zoom(canvas.zoom() * 0.88, 'auto');
    canvas.scroll({ dx: 60, dy: 0 });
    // Typed as strings, given as Error objects.
    return warnings.map((warning) => (warning as unknown as Error).message ?? String(warning));
  }

  async xml(): Promise<string> {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml ?? '';
  }

  destroy(): void {
    this.modeler.destroy();
  }
}
