import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModdleElement, parseBpmnXml } from '../../engine/embedded/moddle';
import { SHIPPED_PATHS_DIR } from '../../models/shipped-models';
import { DECISION_KINDS } from './decision-catalog';

interface Wait {
  bpmnProcessId: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
}

/** Every message catch event, message boundary event and receive task of the shipped paths. */
async function shippedWaits(): Promise<{ waits: Wait[]; xml: Map<string, string> }> {
  const waits: Wait[] = [];
  const xml = new Map<string, string>();
  for (const file of readdirSync(SHIPPED_PATHS_DIR).filter((f) => f.endsWith('.bpmn'))) {
    const content = readFileSync(join(SHIPPED_PATHS_DIR, file), 'utf8');
    const { elementsById } = await parseBpmnXml(content);
    for (const element of Object.values(elementsById)) {
      const definitions = (element.eventDefinitions as ModdleElement[] | undefined) ?? [];
      const message =
        element.$type === 'bpmn:ReceiveTask'
          ? (element.messageRef as ModdleElement | undefined)
          : (definitions.find((d) => d.$type === 'bpmn:MessageEventDefinition')?.messageRef as
              ModdleElement | undefined);
      if (!message || element.$type === 'bpmn:StartEvent') continue;
      let process = element.$parent;
      while (process && process.$type !== 'bpmn:Process') process = process.$parent;
      const subscription = (
        message.extensionElements as { values?: ModdleElement[] } | undefined
      )?.values?.find((v) => v.$type === 'zeebe:Subscription');
      waits.push({
        bpmnProcessId: process!.id!,
        elementId: element.id!,
        messageName: message.name as string,
        correlationKey: subscription?.correlationKey as string,
      });
      xml.set(process!.id!, content);
    }
  }
  return { waits, xml };
}

describe('the catalog of outside decisions', () => {
  it('has a kind for every wait of a shipped path on a message keyed by the case number, and no other', async () => {
    const { waits } = await shippedWaits();
    const outside = waits.filter((w) => w.correlationKey === '=caseNumber');
    // Proroghe have their own API; everything else keyed otherwise would be a new kind of wait.
    expect(
      new Set(waits.filter((w) => w.correlationKey !== '=caseNumber').map((w) => w.messageName)),
    ).toEqual(new Set(['deadline-extended']));
    const catalogued = DECISION_KINDS.flatMap((k) =>
      k.waitsIn.flatMap((w) =>
        w.elementIds.map((elementId) => `${w.bpmnProcessId}/${elementId} ${k.messageName}`),
      ),
    );
    expect(catalogued.sort()).toEqual(
      outside.map((w) => `${w.bpmnProcessId}/${w.elementId} ${w.messageName}`).sort(),
    );
  });

  it('sends the variables the models read, under the names they read', async () => {
    const { xml } = await shippedWaits();
    const unread = DECISION_KINDS.flatMap((kind) =>
      kind.fields
        .filter((f) => f.readBy)
        .filter(
          (f) =>
            !kind.waitsIn.some(
              (w) =>
                xml.get(w.bpmnProcessId)?.includes(`=${f.variable}`) ||
                xml.get(w.bpmnProcessId)?.includes(`value="${f.variable}"`),
            ),
        )
        .map((f) => `${kind.kind}.${f.key}`),
    );
    expect(unread).toEqual([]);
  });

  it('keeps every variable name apart within a kind, and every field labelled', () => {
    for (const kind of DECISION_KINDS) {
      expect(new Set(kind.fields.map((f) => f.variable)).size).toBe(kind.fields.length);
      expect(new Set(kind.fields.map((f) => f.key)).size).toBe(kind.fields.length);
      for (const field of kind.fields) expect(field.label.length).toBeGreaterThan(3);
    }
  });
});
