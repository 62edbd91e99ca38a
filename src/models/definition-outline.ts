import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { formIdOfKey } from './forms/form-id.util';

/** A user task and the form it names (`zeebe:formDefinition formId`, or `formKey`). */
export interface FormLink {
  elementId: string;
  elementName: string | null;
  formId: string;
}

/** What the administrator's screens need of a deployed model besides its XML. */
export interface DefinitionOutline {
  /** Element id → its name, for the elements that have one. */
  names: ReadonlyMap<string, string>;
  formLinks: readonly FormLink[];
}

/**
 * Reads the names and the form links of a model. Only for a model that passed
 * validation (deployed, or just validated): it parses without the checks.
 */
export async function outlineBpmn(xml: string): Promise<DefinitionOutline> {
  const { elementsById } = await BpmnModdle({ zeebe: zeebeSchema }).fromXML(
    xml,
    'bpmn:Definitions',
  );
  const names = new Map<string, string>();
  const formLinks: FormLink[] = [];
  for (const [id, element] of Object.entries(elementsById)) {
    const name = typeof element.name === 'string' ? element.name.trim() : '';
    if (name) names.set(id, name);
    if (element.$type !== 'bpmn:UserTask') continue;
    const definition = extensionsOf(element).find((v) => v.$type === 'zeebe:FormDefinition');
    const reference = definition?.get('formId') ?? definition?.get('formKey');
    if (typeof reference === 'string' && reference) {
      formLinks.push({ elementId: id, elementName: name || null, formId: formIdOfKey(reference) });
    }
  }
  return { names, formLinks };
}

function extensionsOf(element: ModdleElement): ModdleElement[] {
  const extensions = element.get('extensionElements') as ModdleElement | undefined;
  return (extensions?.get('values') as ModdleElement[] | undefined) ?? [];
}
