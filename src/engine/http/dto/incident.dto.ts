import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsEngineKey } from '../engine-key.validator';
import { IncidentListRow, IncidentRow } from '../engine-read.repository';
import { MAX_RETRIES } from './job.dto';
import { PageDto, PageQueryDto } from './page.dto';

export const INCIDENT_STATES = ['ACTIVE', 'RESOLVED'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export class IncidentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Chiave dell’istanza di processo (int64 decimale)' })
  @IsOptional()
  @IsEngineKey()
  processInstanceKey?: string;

  @ApiPropertyOptional({
    enum: INCIDENT_STATES,
    description: 'ACTIVE (aperti) o RESOLVED (risolti); anche in minuscolo',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(INCIDENT_STATES)
  state?: IncidentState;

  @ApiPropertyOptional({ description: 'Solo gli incidenti di questo processo (id BPMN)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  bpmnProcessId?: string;
}

export class RetryIncidentDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_RETRIES,
    default: 1,
    description: 'Tentativi da dare al job prima di risolvere (ignorato se l’incidente non ha job)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RETRIES)
  retries?: number;
}

export class IncidentDto {
  @ApiProperty()
  key!: string;

  @ApiProperty()
  processInstanceKey!: string;

  @ApiProperty()
  bpmnProcessId!: string;

  @ApiProperty()
  elementId!: string;

  @ApiProperty()
  elementInstanceKey!: string;

  @ApiProperty({ type: String, nullable: true })
  jobKey!: string | null;

  @ApiProperty({ example: 'JOB_NO_RETRIES' })
  errorType!: string;

  @ApiProperty()
  errorMessage!: string;

  @ApiProperty({ enum: INCIDENT_STATES })
  state!: IncidentState;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: Date | null;
}

/** An incident as the incident list shows it: where, in which case, what the job has left. */
export class IncidentListItemDto extends IncidentDto {
  @ApiProperty({ type: String, nullable: true, description: 'Nome dell’elemento nel modello' })
  elementName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  processName!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Numero di pratica' })
  businessKey!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Tentativi rimasti al job (null senza job)',
  })
  retries!: number | null;

  @ApiProperty({ description: 'Chiave della versione del modello (per il diagramma)' })
  processDefinitionKey!: string;
}

export class IncidentPageDto extends PageDto {
  @ApiProperty({ type: [IncidentListItemDto] })
  items!: IncidentListItemDto[];
}

export function toIncidentDto(row: IncidentRow): IncidentDto {
  const {
    key,
    processInstanceKey,
    bpmnProcessId,
    elementId,
    elementInstanceKey,
    jobKey,
    errorType,
    errorMessage,
    state,
    createdAt,
    resolvedAt,
  } = row;
  return {
    key,
    processInstanceKey,
    bpmnProcessId,
    elementId,
    elementInstanceKey,
    jobKey,
    errorType,
    errorMessage,
    state,
    createdAt,
    resolvedAt,
  };
}

export function toIncidentListItemDto(
  row: IncidentListRow,
  elementName: string | null,
): IncidentListItemDto {
  const { processDefinitionKey, processName, businessKey, retries } = row;
  return {
    ...toIncidentDto(row),
    elementName,
    processName,
    businessKey,
    retries,
    processDefinitionKey,
  };
}
