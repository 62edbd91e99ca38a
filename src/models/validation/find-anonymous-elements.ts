import type { ModdleElement } from 'bpmn-moddle';
import type { ValidationProblem } from './validation-result';
import type { XmlPositions } from './xml-positions';

/** What a diagram draws, a token reaches or a case view marks: each needs an id. */
const NEEDS_ID = [
  'bpmn:Process',
  'bpmn:Collaboration',
  'bpmn:Participant',
  'bpmn:MessageFlow',
  'bpmn:FlowElement',
  'bpmn:Lane',
  'bpmn:Artifact',
];

/**
 * Elements without an id. BPMN makes the id optional, but such an element can
 * be neither drawn (the diagram refers to elements by id) nor reported where
 * it is: bpmnlint's findings would name no element. Zeebe needs the ids too.
 * Each is reported at the nearest enclosing element that has an id.
 */
export function findAnonymousElements(
  definitions: ModdleElement,
  positions: XmlPositions,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const visit = (element: ModdleElement, owner: ModdleElement | undefined) => {
    if (!element.id && NEEDS_ID.some((type) => element.$instanceOf(type))) {
      const name = typeof element.name === 'string' ? element.name.trim() : '';
      problems.push({
        code: 'MODEL_INVALID',
        message: `Un elemento ${element.$type.replace('bpmn:', '')}${name ? ` «${name}»` : ''} non ha un identificativo (id): ogni elemento deve averne uno per comparire nel diagramma e nella vista del caso.`,
        elementId: owner?.id,
        ...(owner?.id ? positions.ofElementId(owner.id) : undefined),
      });
    }
    const next = element.id ? element : owner;
    for (const child of childrenOf(element)) visit(child, next);
  };
  for (const root of list(definitions, 'rootElements')) visit(root, undefined);
  return problems;
}

function childrenOf(element: ModdleElement): ModdleElement[] {
  const lanes = list(element, 'laneSets').flatMap((set) => list(set, 'lanes'));
  const childLanes = element.$instanceOf('bpmn:Lane')
    ? list(element.get('childLaneSet') as ModdleElement | undefined, 'lanes')
    : [];
  return [
    ...list(element, 'flowElements'),
    ...list(element, 'artifacts'),
    ...list(element, 'participants'),
    ...list(element, 'messageFlows'),
    ...lanes,
    ...childLanes,
  ];
}

function list(element: ModdleElement | undefined, property: string): ModdleElement[] {
  if (!element) return [];
  try {
    return (element.get(property) as ModdleElement[] | undefined) ?? [];
  } catch {
    return []; // not a property of this type
  }
}
