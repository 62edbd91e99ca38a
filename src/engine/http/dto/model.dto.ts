import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ValidationResult } from '../../../models/validation';
import { DeployedProcess } from '../../engine.port';
import { DefinitionRow } from '../engine-read.repository';
import { PageDto, PageQueryDto } from './page.dto';

/** A file name: no folders, no control characters, `.bpmn` or `.xml` (as Zeebe requires). */
const RESOURCE_NAME = /^[^/\\\p{Cc}]+\.(bpmn|xml)$/iu;

export class DeployModelDto {
  @ApiProperty({
    description: 'Nome del file; stesso nome e stesso contenuto non creano una nuova versione',
    example: 'presa-in-carico.bpmn',
    maxLength: 255,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  @Matches(RESOURCE_NAME)
  name!: string;

  @ApiProperty({ description: 'Il modello BPMN 2.0 (XML, al massimo 2 MB)' })
  @IsString()
  @MinLength(1)
  xml!: string;
}

export class ValidateModelDto {
  @ApiProperty({ description: 'Il modello BPMN 2.0 (XML, al massimo 2 MB)' })
  @IsString()
  @MinLength(1)
  xml!: string;
}

/** One finding of the validation, where the XML has it. */
export class ModelIssueDto {
  @ApiProperty({
    description: 'Codice stabile, in inglese (es. LINT, XML_MALFORMED, FORM_NOT_DEPLOYED)',
  })
  code!: string;

  @ApiProperty({ description: 'Il problema, in italiano' })
  message!: string;

  @ApiPropertyOptional({ type: 'integer', description: 'Riga (da 1)' })
  line?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Colonna (da 1)' })
  column?: number;

  @ApiPropertyOptional({
    description: 'L’elemento del diagramma da evidenziare (per un processo in un pool: il pool)',
  })
  elementId?: string;

  @ApiPropertyOptional({ description: 'Regola di bpmnlint' })
  rule?: string;
}

export class ModelValidationDto {
  @ApiProperty({ description: 'Vero se il modello può essere pubblicato' })
  valid!: boolean;

  @ApiProperty({ type: [ModelIssueDto], description: 'Ciò che impedisce la pubblicazione' })
  problems!: ModelIssueDto[];

  @ApiProperty({ type: [ModelIssueDto], description: 'Avvisi che non la impediscono' })
  warnings!: ModelIssueDto[];
}

export class DeployedProcessDto {
  @ApiProperty()
  bpmnProcessId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ description: 'Chiave (int64 decimale)', example: '2251799813685249' })
  processDefinitionKey!: string;
}

export class DeploymentDto {
  @ApiProperty({ type: [DeployedProcessDto] })
  processes!: DeployedProcessDto[];

  @ApiProperty({
    type: [ModelIssueDto],
    description:
      'Avvisi che non impediscono la pubblicazione, gli stessi di «Verifica» (LINT: una regola di bpmnlint; FORM_NOT_DEPLOYED: un compito collega un modulo non pubblicato)',
  })
  warnings!: ModelIssueDto[];
}

export class ModelsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  bpmnProcessId?: string;
}

export class ProcessDefinitionDto {
  @ApiProperty()
  bpmnProcessId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ description: 'Chiave della definizione (int64 decimale)' })
  key!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty()
  resourceName!: string;

  @ApiProperty({ description: 'SHA-256 del file pubblicato' })
  checksum!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  deployedAt!: Date;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Chi l’ha pubblicato (nome); «Percorsi» per i modelli forniti con Percorsi',
  })
  deployedBy!: string | null;
}

export class ProcessDefinitionPageDto extends PageDto {
  @ApiProperty({ type: [ProcessDefinitionDto] })
  items!: ProcessDefinitionDto[];
}

export function toDeploymentDto(
  processes: DeployedProcess[],
  warnings: ModelIssueDto[],
): DeploymentDto {
  return {
    processes: processes.map(({ bpmnProcessId, version, processDefinitionKey }) => ({
      bpmnProcessId,
      version,
      processDefinitionKey,
    })),
    warnings,
  };
}

export function toModelValidationDto(result: ValidationResult): ModelValidationDto {
  const issue = ({ code, message, line, column, elementId, rule }: ModelIssueDto) => ({
    code,
    message,
    line,
    column,
    elementId,
    rule,
  });
  return {
    valid: result.ok,
    problems: result.ok ? [] : result.problems.map(issue),
    warnings: result.warnings.map(issue),
  };
}

export function toProcessDefinitionDto(row: DefinitionRow): ProcessDefinitionDto {
  const { bpmnProcessId, version, key, name, resourceName, checksum, deployedAt, deployedBy } = row;
  return { bpmnProcessId, version, key, name, resourceName, checksum, deployedAt, deployedBy };
}
