import { Injectable } from '@nestjs/common';
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

/**
 * The names a person reads for the steps of a deployed path version, from its BPMN: the
 * element's `name`, or what kind of step it is. Reads the engine's tables through
 * EngineReadRepository, outside any transaction (PGlite has one connection).
 */
@Injectable()
export class PathNames {
  private readonly cache = new Map<string, Promise<StepNames>>();

  constructor(private readonly engine: EngineReadRepository) {}

  of(definitionKey: string): Promise<StepNames> {
    let names = this.cache.get(definitionKey);
    if (!names) {
      names = this.read(definitionKey);
      names.catch(() => this.cache.delete(definitionKey));
      if (this.cache.size >= CACHE_SIZE) {
        this.cache.delete(this.cache.keys().next().value as string);
      }
      this.cache.set(definitionKey, names);
    }
    return names;
  }

  /** One lookup per distinct version, for a list of instances. */
  async ofAll(definitionKeys: Iterable<string>): Promise<Map<string, StepNames>> {
    const keys = [...new Set(definitionKeys)];
    return new Map(await Promise.all(keys.map(async (k) => [k, await this.of(k)] as const)));
  }

  private async read(definitionKey: string): Promise<StepNames> {
    const definition = await this.engine.definitionXml(definitionKey);
    const elements = definition ? (await parseBpmnXml(definition.xml)).elementsById : {};
    return (elementId) => {
      const element = elements[elementId];
      const name = typeof element?.name === 'string' ? element.name.trim() : '';
      return name || UNNAMED[element?.$type ?? ''] || 'Passaggio del percorso';
    };
  }
}
