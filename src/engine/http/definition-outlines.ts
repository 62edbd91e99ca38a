import { Injectable } from '@nestjs/common';
import { LoadedOnce } from '../../common/loaded-once';
import { DefinitionOutline, outlineBpmn } from '../../models/definition-outline';
import { EngineReadRepository } from './engine-read.repository';

/** Outlines of this many process versions are kept in memory (a version never changes). */
const CACHE_SIZE = 200;
const EMPTY: DefinitionOutline = { names: new Map(), formLinks: [] };

/** Element names and form links of deployed process versions, read once per version. */
@Injectable()
export class DefinitionOutlines {
  private readonly outlines = new LoadedOnce(CACHE_SIZE, (key) => this.load(key));

  constructor(private readonly read: EngineReadRepository) {}

  of(definitionKey: string): Promise<DefinitionOutline> {
    return this.outlines.get(definitionKey);
  }

  /** Each key's outline, read at most once per key. */
  async ofEach(definitionKeys: readonly string[]): Promise<Map<string, DefinitionOutline>> {
    const keys = [...new Set(definitionKeys)];
    const outlines = await Promise.all(keys.map((key) => this.of(key)));
    return new Map(keys.map((key, i) => [key, outlines[i]]));
  }

  private async load(definitionKey: string): Promise<DefinitionOutline> {
    const definition = await this.read.definitionXml(definitionKey);
    return definition ? outlineBpmn(definition.xml) : EMPTY;
  }
}
