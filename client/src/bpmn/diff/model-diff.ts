import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
// After the libraries' style sheets, which it adjusts.
import '../../styles/admin.scss';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { diff } from 'bpmn-js-differ';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { describeProperty, describeType } from './labels';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

/** One element that differs between the two versions, with what changed in it. */
export interface ElementChange {
  id: string;
  name: string;
  /** "Compito utente", "Evento di bordo"… */
  type: string;
  kind: ChangeKind;
  details: Array<{ property: string; before: string; after: string }>;
}

export interface Comparison {
  changes: ElementChange[];
  /** Selects an element on both diagrams (where it exists) and scrolls to it. */
  reveal(id: string): void;
  destroy(): void;
}

/** A moddle element as far as this module reads it. */
interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $descriptor: {
    properties: Array<{ name: string; isMany?: boolean; isReference?: boolean; isAttr?: boolean }>;
  };
  get(name: string): unknown;
}

const MARKER: Record<ChangeKind, string> = {
  added: 'diff-added',
  removed: 'diff-removed',
  changed: 'diff-changed',
  moved: 'diff-moved',
};
const BADGE: Record<ChangeKind, string> = {
  added: 'aggiunto',
  removed: 'tolto',
  changed: 'modificato',
  moved: 'spostato',
};

/**
 * Two versions of a model side by side: bpmn-js-differ finds the elements added, removed,
 * changed (their own attributes) and moved; what it does not look into — a Zeebe extension
 * element (candidate groups, job type, due date…), a timer's expression, a condition — is
 * found by comparing each element's properties flattened to paths, which also gives every
 * change its old and new value for the list. Marked on both diagrams, by colour and a badge.
 */
export async function compareModels(
  before: { container: HTMLElement; xml: string },
  after: { container: HTMLElement; xml: string },
): Promise<Comparison> {
  const oldViewer = new NavigatedViewer({
    container: before.container,
    moddleExtensions: { zeebe },
  });
  const newViewer = new NavigatedViewer({
    container: after.container,
    moddleExtensions: { zeebe },
  });
  try {
    await oldViewer.importXML(before.xml);
    await newViewer.importXML(after.xml);
  } catch (error) {
    oldViewer.destroy();
    newViewer.destroy();
    throw error;
  }
  const oldDefinitions = oldViewer.getDefinitions() as unknown as ModdleElement;
  const newDefinitions = newViewer.getDefinitions() as unknown as ModdleElement;
  const changes = changesBetween(oldDefinitions, newDefinitions);

  for (const [viewer, kinds] of [
    [oldViewer, ['removed', 'changed']],
    [newViewer, ['added', 'changed', 'moved']],
  ] as const) {
    const canvas = viewer.get<Canvas>('canvas');
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    const overlays = viewer.get<Overlays>('overlays');
    for (const change of changes) {
      if (!(kinds as readonly string[]).includes(change.kind) || !registry.get(change.id)) continue;
      canvas.addMarker(change.id, MARKER[change.kind]);
      const badge = document.createElement('span');
      badge.className = `diff-badge is-${change.kind}`;
      badge.textContent = BADGE[change.kind];
      // Beside an event or a gateway (a boundary event sits on its task's edge), above the rest.
      const small = ((registry.get(change.id) as { width?: number }).width ?? 100) < 60;
      overlays.add(change.id, 'percorsi-diff', {
        position: small ? { top: 0, right: -4 } : { top: -14, left: 0 },
        html: badge,
      });
    }
    // The whole diagram with a margin, so the badges at its edges stay in view.
    canvas.zoom('fit-viewport');
    const box = canvas.viewbox();
    canvas.zoom(box.scale * 0.85, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  }

  return {
    changes,
    reveal(id) {
      for (const viewer of [oldViewer, newViewer]) {
        const element = viewer.get<ElementRegistry>('elementRegistry').get(id);
        if (element) viewer.get<Canvas>('canvas').scrollToElement(element, 60);
      }
    },
    destroy() {
      oldViewer.destroy();
      newViewer.destroy();
    },
  };
}

/** The changes between two definitions, in the order of the newer model's elements. */
export function changesBetween(a: ModdleElement, b: ModdleElement): ElementChange[] {
  const result = diff(a, b);
  const oldElements = elementsOf(a);
  const newElements = elementsOf(b);
  const changes: ElementChange[] = [];
  const describe = (element: ModdleElement, kind: ChangeKind): ElementChange => ({
    id: element.id ?? '',
    name: element.name?.trim() || element.id || '',
    type: describeType(element.$type),
    kind,
    details: [],
  });

  for (const [id, element] of newElements) {
    const old = oldElements.get(id);
    if (!old) {
      changes.push(describe(element, 'added'));
      continue;
    }
    const before = flatten(old);
    const after = flatten(element);
    const details = [...new Set([...before.keys(), ...after.keys()])]
      .filter((path) => before.get(path) !== after.get(path))
      .map((path) => ({
        property: describeProperty(path),
        before: before.get(path) ?? '—',
        after: after.get(path) ?? '—',
      }));
    if (details.length > 0 || id in result._changed)
      changes.push({ ...describe(element, 'changed'), details });
    else if (id in result._layoutChanged) changes.push(describe(element, 'moved'));
  }
  for (const [id, element] of oldElements)
    if (!newElements.has(id)) changes.push(describe(element, 'removed'));
  return changes;
}

/** Processes, their elements (sub-processes included), messages: what a diagram draws or names. */
function elementsOf(definitions: ModdleElement): Map<string, ModdleElement> {
  const elements = new Map<string, ModdleElement>();
  const visit = (element: ModdleElement) => {
    if (element.id) elements.set(element.id, element);
    for (const key of ['flowElements', 'artifacts', 'participants', 'messageFlows'])
      for (const child of (element.get(key) as ModdleElement[] | undefined) ?? []) visit(child);
  };
  for (const root of (definitions.get('rootElements') as ModdleElement[]) ?? []) {
    if (root.$type === 'bpmn:Process' || root.$type === 'bpmn:Collaboration') visit(root);
    else if (root.id) elements.set(root.id, root);
  }
  return elements;
}

/** Children listed in elementsOf, or derived from the flows: not an element's own content. */
const SKIPPED = new Set([
  'id',
  'flowElements',
  'artifacts',
  'participants',
  'messageFlows',
  'laneSets',
  'incoming',
  'outgoing',
  'di',
]);

/**
 * An element's content as path → value ("extensionElements.values[zeebe:AssignmentDefinition]
 * .candidateGroups" → "caseworker"): nested elements by their type, references by the id they
 * point at.
 */
function flatten(element: ModdleElement, prefix = '', out = new Map<string, string>()) {
  for (const property of element.$descriptor.properties) {
    if (SKIPPED.has(property.name)) continue;
    const value = element.get(property.name);
    if (value === undefined || value === null || value === '') continue;
    const path = prefix ? `${prefix}.${property.name}` : property.name;
    const items = property.isMany ? (value as unknown[]) : [value];
    items.forEach((item, index) => {
      const at = property.isMany ? `${path}[${typeKey(item)}${sameTypeIndex(items, index)}]` : path;
      if (property.isReference) out.set(at, idOf(item));
      else if (isModdle(item)) flatten(item, at, out);
      else out.set(at, String(item));
    });
  }
  return out;
}

function isModdle(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && '$descriptor' in value;
}

function typeKey(item: unknown): string {
  return isModdle(item) ? item.$type : 'valore';
}

/** "#2" for the second of several items of one type (headers, mappings), nothing for the first. */
function sameTypeIndex(items: unknown[], index: number): string {
  const type = typeKey(items[index]);
  const position = items.slice(0, index).filter((i) => typeKey(i) === type).length;
  return position === 0 ? '' : `#${position + 1}`;
}

function idOf(item: unknown): string {
  if (isModdle(item)) return item.name?.trim() || item.id || item.$type;
  return String(item);
}
