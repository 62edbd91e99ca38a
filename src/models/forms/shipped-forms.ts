import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { SHIPPED_BY } from '../shipped-by';
import { FormDefinitionsRepository } from './form-definitions.repository';
import { formChecksum, FormRegistry, FormRejectedError } from './form-registry';

/**
 * Deploys each form of FORMS_DIR (`*.form`, form-js JSON) whose content was
 * never deployed under its id: on the first start and after an upgrade that
 * changed it, never over a version an administrator published since. A broken
 * file is reported and left out rather than stopping the service: the other
 * paths keep working.
 */
@Injectable()
export class ShippedForms implements OnApplicationBootstrap {
  private readonly logger = new Logger(ShippedForms.name);

  constructor(
    private readonly config: AppConfig,
    private readonly registry: FormRegistry,
    private readonly definitions: FormDefinitionsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dir = this.config.formsDir;
    let files: string[];
    try {
      files = (await readdir(dir)).filter((name) => name.endsWith('.form')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.logger.warn(`forms folder ${dir} not found: only forms published through the API exist`);
      return;
    }
    const deployed = await this.definitions.deployedContents();
    const seen = new Map<string, string>();
    for (const file of files) {
      let schema: unknown;
      try {
        schema = JSON.parse(await readFile(join(dir, file), 'utf8'));
      } catch {
        this.logger.error(`form ${file} is not valid JSON: left out`);
        continue;
      }
      const id = (schema as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && seen.has(id)) {
        this.logger.error(`form ${file} repeats the id '${id}' of ${seen.get(id)}: left out`);
        continue;
      }
      if (typeof id === 'string') seen.set(id, file);
      if (deployed.has(`${String(id)} ${formChecksum(schema)}`)) continue;
      await this.deploy(file, schema);
    }
  }

  private async deploy(file: string, schema: unknown): Promise<void> {
    try {
      const { outcome, form } = await this.registry.deploy(file, schema, SHIPPED_BY, true);
      if (outcome === 'created')
        this.logger.log(`shipped form deployed: ${form.formId} v${form.version}`);
      if (outcome === 'kept') {
        this.logger.warn(
          `shipped form ${file} changed, but ${form.formId} v${form.version} was published by an administrator: kept`,
        );
      }
    } catch (error) {
      if (!(error instanceof FormRejectedError)) throw error;
      this.logger.error(
        `form ${file} cannot be deployed: ${error.problems.map((p) => p.message).join(' ')}`,
      );
    }
  }
}
