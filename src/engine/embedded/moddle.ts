import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The parts of a bpmn-moddle element the compiler reads; everything else stays unknown. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $parent?: ModdleElement;
  [property: string]: unknown;
}

export interface ModdleWarning {
  message: string;
}

export interface ModdleContext {
  rootElement: ModdleElement;
  warnings: ModdleWarning[];
  /** Passed unchanged to moddle-context-serializer. */
  elementsById: Record<string, ModdleElement>;
  references: unknown[];
}

interface BpmnModdleInstance {
  fromXML(xml: string): Promise<ModdleContext>;
}
type BpmnModdleConstructor = new (packages?: Record<string, unknown>) => BpmnModdleInstance;

// bpmn-moddle 10 exports only its ESM build; its CommonJS build sits beside it and works in
// Node, Jest and Nest alike (the ESM one needs a transform under Jest).
const loadCommonJs = createRequire(__filename);
let cached: { BpmnModdle: BpmnModdleConstructor; zeebe: Record<string, unknown> } | undefined;

function modules(): { BpmnModdle: BpmnModdleConstructor; zeebe: Record<string, unknown> } {
  if (!cached) {
    const root = dirname(loadCommonJs.resolve('bpmn-moddle/package.json'));
    const BpmnModdle = loadCommonJs(join(root, 'dist/index.cjs')) as BpmnModdleConstructor;
    const zeebe = loadCommonJs('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;
    cached = { BpmnModdle, zeebe };
  }
  return cached;
}

/** Parses BPMN XML with the Zeebe extension descriptor. */
export async function parseBpmnXml(xml: string): Promise<ModdleContext> {
  const { BpmnModdle, zeebe } = modules();
  const moddle = new BpmnModdle({ zeebe });
  return moddle.fromXML(xml.trim());
}

/** Extension values of an element (bpmn:extensionElements/values). */
export function extensionValues(element: ModdleElement | undefined): ModdleElement[] {
  const ext = element?.extensionElements as { values?: ModdleElement[] } | undefined;
  return ext?.values ?? [];
}

export function findExtension(
  element: ModdleElement | undefined,
  type: string,
): ModdleElement | undefined {
  return extensionValues(element).find((v) => v.$type === type);
}
