import { Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import { Principal } from '../../auth/principal';
import { validateModel } from '../../models/validation';
import { ProcessEngine } from '../engine.port';
import {
  DeploymentDto,
  DeployModelDto,
  ModelsQueryDto,
  ModelValidationDto,
  ProcessDefinitionPageDto,
  toDeploymentDto,
  toModelValidationDto,
  toProcessDefinitionDto,
  ValidateModelDto,
} from './dto/model.dto';
import { callEngine } from './engine-errors';
import { EngineReadRepository } from './engine-read.repository';

/** Deploys BPMN models (validated by the engine's deployment) and shows what is deployed. */
@Injectable()
export class ModelsService {
  constructor(
    private readonly engine: ProcessEngine,
    private readonly read: EngineReadRepository,
  ) {}

  /** A refused model answers 400 with the validation's problems; nothing is stored then. */
  async deploy(dto: DeployModelDto, principal: Principal): Promise<DeploymentDto> {
    const processes = await callEngine(() =>
      this.engine.deploy([{ name: dto.name, content: dto.xml }], principal.username),
    );
    return toDeploymentDto(processes);
  }

  /**
   * The checks a deployment runs first (size, safety, BPMN, bpmnlint), without deploying:
   * the model editor's "Verifica". A model can still be refused at deployment by the
   * engine's own compilation, which needs the engine.
   */
  async validate(dto: ValidateModelDto): Promise<ModelValidationDto> {
    return toModelValidationDto(await validateModel(dto.xml));
  }

  async list(query: ModelsQueryDto): Promise<ProcessDefinitionPageDto> {
    const { rows, total } = await this.read.definitions(
      { bpmnProcessId: query.bpmnProcessId },
      query,
    );
    return {
      items: rows.map(toProcessDefinitionDto),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * The model as deployed, for the diagram viewer. An uploaded file is served
   * as a download with a sandboxing CSP, so a browser never runs it as a page.
   */
  async xml(key: string): Promise<StreamableFile> {
    const definition = await this.read.definitionXml(key);
    if (!definition) throw new NotFoundException('Definizione di processo non trovata.');
    const content = Buffer.from(definition.xml, 'utf8');
    return new StreamableFile(content, {
      type: 'application/xml; charset=utf-8',
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(definition.resourceName)}`,
      length: content.length,
    });
  }
}
