import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ProcessEngine } from '../engine/engine.port';
import { SHIPPED_BY } from './shipped-by';

/** The paths shipped with Percorsi (bpmn/paths), found from src/ and from dist/ alike. */
export const SHIPPED_PATHS_DIR = join(__dirname, '..', '..', 'bpmn', 'paths');

/**
 * Deploys each shipped path whose content was never deployed: on the first
 * start and after an upgrade that changed it. A restart never re-deploys a
 * shipped file over a newer version an administrator published.
 */
@Injectable()
export class ShippedModels implements OnApplicationBootstrap {
  private readonly logger = new Logger(ShippedModels.name);

  constructor(
    @Inject(ProcessEngine) private readonly engine: ProcessEngine,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const name of readdirSync(SHIPPED_PATHS_DIR)
      .filter((f) => f.endsWith('.bpmn'))
      .sort()) {
      const content = readFileSync(join(SHIPPED_PATHS_DIR, name), 'utf8');
      const checksum = createHash('sha256').update(content).digest('hex');
      const known = await this.dataSource.query(
        `SELECT 1 FROM process_definition WHERE checksum = $1 LIMIT 1`,
        [checksum],
      );
      if (known.length > 0) continue;
      const deployed = await this.engine.deploy([{ name, content }], SHIPPED_BY);
      this.logger.log(
        `shipped path deployed: ${deployed.map((d) => `${d.bpmnProcessId} v${d.version}`).join(', ')}`,
      );
    }
  }
}
