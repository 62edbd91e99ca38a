import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Key } from '../engine.port';

/** What the gateway reads that the engine's read sides do not offer. */
@Injectable()
export class GatewayReads {
  constructor(private readonly dataSource: DataSource) {}

  /** A deployed process version by its definition key (the port starts instances by id and version). */
  async definition(key: Key): Promise<{ bpmnProcessId: string; version: number } | null> {
    const [row] = await this.dataSource.query(
      `SELECT bpmn_process_id AS "bpmnProcessId", version FROM process_definition WHERE key = $1`,
      [key],
    );
    return row ?? null;
  }
}
