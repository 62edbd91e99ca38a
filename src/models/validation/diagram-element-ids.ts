import type { ModdleElement } from 'bpmn-moddle';

/**
 * The id under which an element appears on the diagram. A process inside a
 * collaboration has no shape of its own: bpmn-js draws its pool, the
 * participant, so a finding about the process is marked on the participant.
 * Every other id is its own.
 */
export function diagramElementIds(definitions: ModdleElement): (id: string) => string {
  const pools = new Map<string, string>();
  for (const root of (definitions.get('rootElements') ?? []) as ModdleElement[]) {
    if (!root.$instanceOf('bpmn:Collaboration')) continue;
    for (const participant of (root.get('participants') ?? []) as ModdleElement[]) {
      const process = participant.get('processRef') as ModdleElement | undefined;
      if (process?.id && participant.id && !pools.has(process.id)) {
        pools.set(process.id, participant.id);
      }
    }
  }
  return (id) => pools.get(id) ?? id;
}
