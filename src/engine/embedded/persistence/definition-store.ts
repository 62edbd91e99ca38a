import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { compileBpmn } from '../compile';
import { CompiledDefinition } from '../compiled-definition';
import { Key } from '../types';

export interface StoredDefinition {
  key: Key;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
}

export function checksum(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Deployed versions and their compiled form. A compiled definition is
 * immutable, so it is compiled once per process and kept for good.
 */
export class DefinitionStore {
  private readonly compiled = new Map<Key, Promise<CompiledDefinition>>();

  async compiledOf(manager: EntityManager, definitionKey: Key): Promise<CompiledDefinition> {
    let compiled = this.compiled.get(definitionKey);
    if (!compiled) {
      compiled = manager
        .query(`SELECT xml FROM process_definition WHERE key = $1`, [definitionKey])
        .then((rows: Array<{ xml: string }>) => {
          if (rows.length === 0) throw new Error(`process definition ${definitionKey} not found`);
          return compileBpmn(rows[0].xml);
        });
      compiled.catch(() => this.compiled.delete(definitionKey));
      this.compiled.set(definitionKey, compiled);
    }
    return compiled;
  }

  remember(definitionKey: Key, compiled: CompiledDefinition): void {
    this.compiled.set(definitionKey, Promise.resolve(compiled));
  }

  async latest(
    manager: EntityManager,
    bpmnProcessId: string,
    version?: number,
  ): Promise<StoredDefinition | null> {
    const rows: Array<{
      key: string;
      bpmn_process_id: string;
      version: number;
      resource_name: string;
    }> = await manager.query(
      version === undefined
        ? `SELECT key::text, bpmn_process_id, version, resource_name FROM process_definition
              WHERE bpmn_process_id = $1 ORDER BY version DESC LIMIT 1`
        : `SELECT key::text, bpmn_process_id, version, resource_name FROM process_definition
              WHERE bpmn_process_id = $1 AND version = $2`,
      version === undefined ? [bpmnProcessId] : [bpmnProcessId, version],
    );
    const row = rows[0];
    return row
      ? {
          key: row.key,
          bpmnProcessId: row.bpmn_process_id,
          version: row.version,
          resourceName: row.resource_name,
        }
      : null;
  }
}
