import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
// After the libraries' style sheets, which it adjusts.
import '../../styles/admin.scss';
import '../constructed-styles';
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import zeebeBehaviors from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { italianModule } from './italian';
import { LintFinding, LintOverlays } from './lint-overlays';

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

export type { LintFinding };

/**
 * Camunda 8's modeler as Camunda Modeler builds it: bpmn-js with the properties panel and its
 * Zeebe provider (task definitions, headers, assignment, schedule, forms, io mappings, timers,
 * messages, called elements, multi-instance), Camunda 8's behaviors keeping the zeebe:*
 * extension elements consistent, and Italian labels. Loaded only by the modeler's screen.
 */
export class ModelModeler {
  private readonly modeler: Modeler;
  private readonly lint: LintOverlays;

  constructor(canvas: HTMLElement, panel: HTMLElement) {
    this.modeler = new Modeler({
      container: canvas,
      propertiesPanel: { parent: panel },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        ZeebePropertiesProviderModule,
        zeebeBehaviors,
        italianModule,
      ],
      moddleExtensions: { zeebe },
    });
    this.lint = new LintOverlays(this.modeler, (id) => this.reveal(id));
  }

  /** Opens a model; the import's warnings (unresolved references…) for the administrator. */
  async open(xml: string): Promise<string[]> {
    this.lint.clear();
    const { warnings } = await this.modeler.importXML(xml);
    const canvas = this.modeler.get<Canvas>('canvas');
    canvas.zoom('fit-viewport');
    // Leave room on the left for the palette, which floats over the canvas.
    canvas.zoom(canvas.zoom() * 0.88);
    canvas.scroll({ dx: 60, dy: 0 });
    // Typed as strings, given as Error objects.
    return warnings.map((warning) => (warning as unknown as Error).message ?? String(warning));
  }

  async xml(): Promise<string> {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml ?? '';
  }

  /** Called on every edit (not on opening a model). */
  onChange(listener: () => void): void {
    this.modeler
      .get<EventBus>('eventBus')
      .on('commandStack.changed', (event: { trigger?: string }) => {
        if (event.trigger !== 'clear') listener();
      });
  }

  /**
   * The server's findings on their elements (see LintOverlays); those of elements not drawn
   * (the process itself, an unknown id) are only in the screen's list.
   */
  showFindings(findings: LintFinding[], onActivate: (elementId: string) => void): void {
    this.lint.show(findings, onActivate);
  }

  clearFindings(): void {
    this.lint.clear();
  }

  /** Whether the diagram draws this element (so a problem can point at it). */
  has(elementId: string): boolean {
    return !!this.modeler.get<ElementRegistry>('elementRegistry').get(elementId);
  }

  /** How the screen names an element: its name, else its id. */
  labelOf(elementId: string): string {
    const element = this.modeler.get<ElementRegistry>('elementRegistry').get(elementId);
    const name = (element?.businessObject as { name?: string } | undefined)?.name;
    return name?.trim() || elementId;
  }

  /** The process's name (or id), for the screen's messages. */
  processLabel(): string {
    const root = this.modeler.get<Canvas>('canvas').getRootElement();
    const process = root.businessObject as { id?: string; name?: string; processRef?: unknown };
    return process.name?.trim() || process.id || '';
  }

  /** Selects an element (the properties panel shows it) and scrolls it into view. */
  reveal(elementId: string): void {
    const element = this.modeler.get<ElementRegistry>('elementRegistry').get(elementId);
    if (!element) return;
    this.modeler.get<Selection>('selection').select(element);
    this.modeler.get<Canvas>('canvas').scrollToElement(element, 80);
  }

  destroy(): void {
    this.modeler.destroy();
  }
}
