import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { FormIssueCode } from '../../../models/forms/check-form-schema';
import {
  FormDefinitionRow,
  FormDefinitionWithSchema,
  LatestFormRow,
} from '../../../models/forms/form-definitions.repository';
import { PageDto } from './page.dto';

/** A file name: no folders, no control characters, `.form` (as Zeebe deploys forms). */
const FORM_RESOURCE_NAME = /^[^/\\\p{Cc}]+\.form$/iu;
const FORM_ISSUE_CODES: FormIssueCode[] = ['FORM_ID_MISSING', 'FORM_ID_INVALID', 'FORM_INVALID'];

export class ValidateFormDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Lo schema form-js (JSON), con il suo id',
  })
  @IsObject()
  schema!: Record<string, unknown>;
}

export class DeployFormDto extends ValidateFormDto {
  @ApiProperty({ example: 'colloquio.form', maxLength: 255 })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  @Matches(FORM_RESOURCE_NAME)
  name!: string;
}

export class FormIssueDto {
  @ApiProperty({ enum: FORM_ISSUE_CODES })
  code!: FormIssueCode;

  @ApiProperty({ description: 'Il problema, in italiano' })
  message!: string;
}

export class FormValidationDto {
  @ApiProperty({ description: 'Vero se il modulo può essere pubblicato' })
  valid!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'L’id del modulo, se valido' })
  formId!: string | null;

  @ApiProperty({ type: [FormIssueDto] })
  problems!: FormIssueDto[];
}

/** One deployed version of a form, without its schema. */
export class FormVersionDto {
  @ApiProperty({ description: 'Chiave della versione (int64 decimale)' })
  key!: string;

  @ApiProperty({ description: 'L’id del modulo: quello che i compiti utente collegano' })
  formId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ example: 'colloquio.form' })
  resourceName!: string;

  @ApiProperty({ description: 'SHA-256 dello schema (JSON canonico)' })
  checksum!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  deployedAt!: Date;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Chi l’ha pubblicato (nome); «Percorsi» per i moduli forniti con Percorsi',
  })
  deployedBy!: string | null;
}

export class DeployedFormDto extends FormVersionDto {
  @ApiProperty({ description: 'Falso se il contenuto era già l’ultima versione (nessuna nuova)' })
  created!: boolean;
}

export class FormDto extends FormVersionDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Lo schema form-js' })
  schema!: Record<string, unknown>;
}

export class FormUserTaskDto {
  @ApiProperty()
  elementId!: string;

  @ApiProperty({ type: String, nullable: true })
  elementName!: string | null;
}

/** A deployed model (its latest version) whose user tasks link the form. */
export class FormUsageDto {
  @ApiProperty()
  bpmnProcessId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ description: 'Chiave della definizione (per GET /api/models/:key/xml)' })
  processDefinitionKey!: string;

  @ApiProperty({ type: String, nullable: true })
  processName!: string | null;

  @ApiProperty({ type: [FormUserTaskDto] })
  userTasks!: FormUserTaskDto[];
}

export class FormSummaryDto extends FormVersionDto {
  @ApiProperty({ type: 'integer', description: 'Versioni pubblicate' })
  versions!: number;

  @ApiProperty({ type: [FormUsageDto], description: 'I modelli (ultima versione) che lo usano' })
  usedBy!: FormUsageDto[];
}

export class FormPageDto extends PageDto {
  @ApiProperty({ type: [FormSummaryDto] })
  items!: FormSummaryDto[];
}

export class FormVersionPageDto extends PageDto {
  @ApiProperty({ type: [FormVersionDto] })
  items!: FormVersionDto[];
}

export function toFormVersionDto(row: FormDefinitionRow): FormVersionDto {
  const { key, formId, version, resourceName, checksum, deployedAt, deployedBy } = row;
  return { key, formId, version, resourceName, checksum, deployedAt, deployedBy };
}

export function toFormDto(row: FormDefinitionWithSchema): FormDto {
  return { ...toFormVersionDto(row), schema: row.schema };
}

export function toFormSummaryDto(row: LatestFormRow, usedBy: FormUsageDto[]): FormSummaryDto {
  return { ...toFormVersionDto(row), versions: row.versions, usedBy };
}
