import { Injectable } from '@nestjs/common';
import { LoadedOnce } from '../common/loaded-once';
import { parseBpmnXml } from '../engine/embedded/moddle';
import { EngineReadRepository } from '../engine/http/engine-read.repository';

/** Element names of this many deployed versions are kept in memory (a version never changes). */
const CACHE_SIZE = 100;

/** What a step without a name in the model is called, by its BPMN type. */
const UNNAMED: Record<string, string> = {
  'bpmn:UserTask': 'Attività senza nome',
  'bpmn:ServiceTask': 'Passaggio automatico',
  'bpmn:CallActivity': 'Sotto-percorso',
  'bpmn:IntermediateCatchEvent': 'Attesa di un evento',
  'bpmn:EventBasedGateway': 'Attesa di un evento',
  'bpmn:ReceiveTask': 'Attesa di un messaggio',
  'bpmn:BoundaryEvent': 'Evento',
};

export type StepNames = (elementId: string) => string;

interface ModelElement {
  $type?: string;
  name?: unknown;
  $parent?: ModelElement & { id?: string };
}

/**
 * The names a person reads for the steps of a deployed path version, from its BPMN: the
 * element's `name`, or what kind of step it is. Reads the engine's tables through
 * EngineReadRepository, outside any transaction (PGlite has one connection).
 */
@Injectable()
export class PathNames {
  private readonly elements = new LoadedOnce(CACHE_SIZE, (key) => this.read(key));

  constructor(private readonly engine: EngineReadRepository) {}

  async of(definitionKey: string): Promise<StepNames> {
    const elements = await this.elements.get(definitionKey);
    return (elementId) => {
      const element = elements[elementId];
      const name = typeof element?.name === 'string' ? element.name.trim() : '';
      return name || UNNAMED[element?.$type ?? ''] || 'Passaggio del percorso';
    };
  }

  /**
   * Of the active elements, those a person waits on: a sub-process is left out while a step
   * inside it is active (its name is the step's context, not a step).
   */
  async innermost(definitionKey: string, activeElementIds: string[]): Promise<string[]> {
    const elements = await this.elements.get(definitionKey);
    const containers = new Set(activeElementIds.map((id) => elements[id]?.$parent?.id));
    return activeElementIds.filter((id) => !containers.has(id));
  }

  /** One lookup per distinct version, for a list of instances. */
  async ofAll(definitionKeys: Iterable<string>): Promise<Map<string, StepNames>> {
    const keys = [...new Set(definitionKeys)];
    return new Map(await Promise.all(keys.map(async (k) => [k, await this.of(k)] as const)));
  }

  private async read(definitionKey: string): Promise<Record<string, ModelElement>> {
    const definition = await this.engine.definitionXml(definitionKey);
    return definition
      ? ((await parseBpmnXml(definition.xml)).elementsById as Record<string, ModelElement>)
      : {};
  }
}
