import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { Principal } from '../../auth/principal';
import { FormDefinitionsRepository } from '../../models/forms/form-definitions.repository';
import { FormRegistry, FormRejectedError } from '../../models/forms/form-registry';
import { PageQueryDto } from './dto/page.dto';
import {
  DeployedFormDto,
  DeployFormDto,
  FormDto,
  FormPageDto,
  FormUsageDto,
  FormValidationDto,
  FormVersionPageDto,
  toFormDto,
  toFormSummaryDto,
  toFormVersionDto,
  ValidateFormDto,
} from './dto/form.dto';
import { DefinitionOutlines } from './definition-outlines';
import { EngineReadRepository } from './engine-read.repository';

const formNotFound = () => new NotFoundException('Modulo non trovato.');

/**
 * Forms as deployed, versioned resources (as Zeebe 8.5 deploys `.form`
 * files): the form editor publishes here; user tasks link a form by its id
 * and get its latest version when they are created.
 */
@Injectable()
export class FormsService {
  constructor(
    private readonly registry: FormRegistry,
    private readonly definitions: FormDefinitionsRepository,
    private readonly read: EngineReadRepository,
    private readonly outlines: DefinitionOutlines,
  ) {}

  /** A new version, or the latest one again for identical content; 400 with the problems otherwise. */
  async deploy(principal: Principal, dto: DeployFormDto): Promise<DeployedFormDto> {
    try {
      const { outcome, form } = await this.registry.deploy(
        dto.name,
        dto.schema,
        principal.username,
      );
      return { ...toFormVersionDto(form), created: outcome === 'created' };
    } catch (error) {
      if (!(error instanceof FormRejectedError)) throw error;
      throw new BadRequestException({ message: error.message, details: error.problems });
    }
  }

  validate(dto: ValidateFormDto): FormValidationDto {
    const check = this.registry.check(dto.schema);
    return check.ok
      ? { valid: true, formId: check.formId, problems: [] }
      : { valid: false, formId: check.formId, problems: [...check.problems] };
  }

  /** The latest version of each form, with what uses it. */
  async list(query: PageQueryDto): Promise<FormPageDto> {
    const [{ rows, total }, usage] = await Promise.all([
      this.definitions.latestOfEach(query),
      this.usage(),
    ]);
    return {
      items: rows.map((row) => toFormSummaryDto(row, usage.get(row.formId) ?? [])),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async latest(formId: string): Promise<FormDto> {
    const form = await this.definitions.latest(formId);
    if (!form) throw formNotFound();
    return toFormDto(form);
  }

  /** Newest first. */
  async versions(formId: string, query: PageQueryDto): Promise<FormVersionPageDto> {
    const { rows, total } = await this.definitions.versions(formId, query);
    if (total === 0) throw formNotFound();
    return { items: rows.map(toFormVersionDto), total, limit: query.limit, offset: query.offset };
  }

  async version(formId: string, version: number): Promise<FormDto> {
    const form = await this.definitions.version(formId, version);
    if (!form) throw new NotFoundException('Versione del modulo non trovata.');
    return toFormDto(form);
  }

  /** Form id → the deployed models (latest version of each) whose user tasks link it. */
  private async usage(): Promise<Map<string, FormUsageDto[]>> {
    const latest = await this.read.latestDefinitions();
    const outlines = await this.outlines.ofEach(latest.map((definition) => definition.key));
    const usage = new Map<string, FormUsageDto[]>();
    for (const definition of latest) {
      const byForm = new Map<string, FormUsageDto>();
      for (const link of outlines.get(definition.key)?.formLinks ?? []) {
        let used = byForm.get(link.formId);
        if (!used) {
          used = {
            bpmnProcessId: definition.bpmnProcessId,
            version: definition.version,
            processDefinitionKey: definition.key,
            processName: definition.name,
            userTasks: [],
          };
          byForm.set(link.formId, used);
          usage.set(link.formId, [...(usage.get(link.formId) ?? []), used]);
        }
        used.userTasks.push({ elementId: link.elementId, elementName: link.elementName });
      }
    }
    return usage;
  }
}
