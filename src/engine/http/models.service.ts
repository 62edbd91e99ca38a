import { Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import { Principal } from '../../auth/principal';
import { FormLink, outlineBpmn } from '../../models/definition-outline';
import { FormDefinitionsRepository } from '../../models/forms/form-definitions.repository';
import { validateModel } from '../../models/validation';
import { XmlPositions } from '../../models/validation/xml-positions';
import { ProcessEngine } from '../engine.port';
import {
  DeploymentDto,
  DeployModelDto,
  ModelIssueDto,
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
    private readonly forms: FormDefinitionsRepository,
  ) {}

  /**
   * A refused model answers 400 with the validation's problems; nothing is stored then.
   * A deployed one answers with what "Verifica" would have warned about (bpmnlint's warnings,
   * a user task linking a form that is not deployed: see formWarnings), for whoever publishes
   * without checking first.
   */
  async deploy(dto: DeployModelDto, principal: Principal): Promise<DeploymentDto> {
    const processes = await callEngine(() =>
      this.engine.deploy([{ name: dto.name, content: dto.xml }], principal.username),
    );
    const lint = toModelValidationDto(await validateModel(dto.xml)).warnings;
    return toDeploymentDto(processes, [...lint, ...(await this.formWarnings(dto.xml))]);
  }

  /**
   * The checks a deployment runs first (size, safety, BPMN, bpmnlint), without deploying:
   * the model editor's "Verifica". A model can still be refused at deployment by the
   * engine's own compilation, which needs the engine.
   */
  async validate(dto: ValidateModelDto): Promise<ModelValidationDto> {
    const result = await validateModel(dto.xml);
    const answer = toModelValidationDto(result);
    if (!result.ok) return answer;
    // What the engine itself would refuse at deployment: the check and the deployment agree.
    const refused = await this.engine.notExecutable(dto.xml);
    if (refused.length) {
      const positions = new XmlPositions(dto.xml);
      answer.valid = false;
      answer.problems = refused.map((message) => {
        const elementId = /^element '([^']+)'/.exec(message)?.[1];
        return {
          code: 'NOT_EXECUTABLE',
          message,
          ...(elementId && { elementId, ...positions.ofElementId(elementId) }),
        };
      });
      return answer;
    }
    answer.warnings.push(...(await this.formWarnings(dto.xml)));
    return answer;
  }

  /**
   * User tasks linking a form that is not deployed: a warning, not a refusal.
   * Zeebe 8.5 deploys such a model (a linked form is looked up, latest
   * version, when the user task activates; forms "can be deployed together
   * with" the models), so the same file must deploy here. Such a task waits
   * for its form: it gets the form once it is published.
   */
  private async formWarnings(xml: string): Promise<ModelIssueDto[]> {
    const { formLinks } = await outlineBpmn(xml);
    const deployed = await this.forms.latestKeys([...new Set(formLinks.map((l) => l.formId))]);
    const positions = new XmlPositions(xml);
    return formLinks
      .filter((link) => !deployed.has(link.formId))
      .map((link) => ({
        code: 'FORM_NOT_DEPLOYED',
        message: `${labelOf(link)}: il modulo «${link.formId}» non è pubblicato. Il modello si può pubblicare lo stesso, ma le attività di questo compito non si potranno compilare finché il modulo non sarà pubblicato.`,
        elementId: link.elementId,
        ...positions.ofElementId(link.elementId),
      }));
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

function labelOf(link: FormLink): string {
  return link.elementName ? `«${link.elementName}» (${link.elementId})` : `«${link.elementId}»`;
}
