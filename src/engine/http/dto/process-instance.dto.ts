import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { InstanceState, Variables } from '../../engine.port';
import {
  ElementStates,
  FlowEventRow,
  IncidentRow,
  InstanceDetailRow,
  InstanceListRow,
  InstanceRow,
} from '../engine-read.repository';
import { IncidentDto, toIncidentDto } from './incident.dto';
import { PageDto, PageQueryDto } from './page.dto';
import { OptionalVariables } from './variables';

export const INSTANCE_STATES: InstanceState[] = ['ACTIVE', 'COMPLETED', 'CANCELED', 'TERMINATED'];

export class CreateProcessInstanceDto {
  @ApiProperty({ example: 'presa-in-carico' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  bpmnProcessId!: string;

  @OptionalVariables()
  variables?: Variables;

  @ApiPropertyOptional({ description: 'Numero di pratica', example: 'SSC-III-2026-000123' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  businessKey?: string;
}

/** Zeebe's SetVariables: into the element instance's scope, or (not local) where each is defined. */
export class SetVariablesDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Variabili (oggetto JSON)',
  })
  @IsObject()
  variables!: Variables;

  @ApiPropertyOptional({
    description:
      'Vero: tutte nello scope dell’elemento; falso (predefinito): ciascuna dove è già definita, altrimenti nell’istanza',
  })
  @IsOptional()
  @IsBoolean()
  local?: boolean;
}

export class CreatedProcessInstanceDto {
  @ApiProperty({ description: 'Chiave (int64 decimale)' })
  processInstanceKey!: string;
}

export class ProcessInstancesQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  bpmnProcessId?: string;

  @ApiPropertyOptional({ enum: INSTANCE_STATES })
  @IsOptional()
  @IsIn(INSTANCE_STATES)
  state?: InstanceState;

  @ApiPropertyOptional({ description: 'Numero di pratica' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  businessKey?: string;

  @ApiPropertyOptional({
    description: 'Unità territoriale: il numero romano del numero di pratica (SSC-III-… → III)',
    example: 'III',
  })
  @IsOptional()
  @Matches(/^[IVXLCDM]{1,8}$/)
  unitCode?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Con (true) o senza (false) incidenti aperti',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  hasIncident?: boolean;

  @ApiPropertyOptional({ description: 'Avviate da questo istante in poi (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startedAfter?: string;

  @ApiPropertyOptional({ description: 'Avviate prima di questo istante (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startedBefore?: string;
}

export class ProcessInstanceSummaryDto {
  @ApiProperty()
  processInstanceKey!: string;

  @ApiProperty()
  bpmnProcessId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ type: String, nullable: true })
  businessKey!: string | null;

  @ApiProperty({ enum: INSTANCE_STATES })
  state!: InstanceState;

  @ApiProperty({ type: String, format: 'date-time' })
  startedAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: Date | null;
}

export class ProcessInstanceDto extends ProcessInstanceSummaryDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Vuoto per un’istanza di una cartella, salvo un accesso concesso dal coordinatore (variablesWithheld)',
  })
  variables!: Variables;

  @ApiProperty({
    description:
      'true: l’istanza appartiene a una cartella e le sue variabili (dati del caso) non sono mostrate',
  })
  variablesWithheld!: boolean;

  @ApiProperty({ type: [String], description: 'Elementi in corso (il processo stesso escluso)' })
  activeElementIds!: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Elementi con più istanze in corso (token arrivati insieme), e quante',
  })
  repeatedActiveElements!: Record<string, number>;

  @ApiProperty({
    type: [String],
    description: 'Elementi completati, nell’ordine del primo completamento',
  })
  completedElementIds!: string[];

  @ApiProperty({ type: [String] })
  takenSequenceFlowIds!: string[];

  @ApiProperty({ type: [IncidentDto], description: 'Incidenti aperti' })
  incidents!: IncidentDto[];
}

/** An instance as the instance list shows it. */
export class ProcessInstanceListItemDto extends ProcessInstanceSummaryDto {
  @ApiProperty({ type: String, nullable: true, description: 'Nome del processo nel modello' })
  processName!: string | null;

  @ApiProperty({ type: 'integer', description: 'Incidenti aperti' })
  incidents!: number;
}

export class ProcessInstancePageDto extends PageDto {
  @ApiProperty({ type: [ProcessInstanceListItemDto] })
  items!: ProcessInstanceListItemDto[];
}

export class HistoryQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 500;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  offset: number = 0;
}

export class FlowEventDto {
  @ApiProperty({ description: 'Progressivo: l’ordine in cui gli eventi sono avvenuti' })
  id!: string;

  @ApiProperty()
  elementId!: string;

  @ApiProperty({ example: 'SERVICE_TASK' })
  elementType!: string;

  @ApiProperty({ example: 'NONE' })
  eventType!: string;

  @ApiProperty({
    enum: ['ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATED', 'SEQUENCE_FLOW_TAKEN'],
  })
  intent!: string;

  @ApiProperty()
  elementInstanceKey!: string;

  @ApiProperty({ type: String, nullable: true })
  flowScopeKey!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;
}

export class FlowEventPageDto extends PageDto {
  @ApiProperty({ type: [FlowEventDto] })
  items!: FlowEventDto[];
}

export function toProcessInstanceSummaryDto(row: InstanceRow): ProcessInstanceSummaryDto {
  const { key, bpmnProcessId, version, businessKey, state, startedAt, endedAt } = row;
  return {
    processInstanceKey: key,
    bpmnProcessId,
    version,
    businessKey,
    state,
    startedAt,
    endedAt,
  };
}

export function toProcessInstanceListItemDto(row: InstanceListRow): ProcessInstanceListItemDto {
  return {
    ...toProcessInstanceSummaryDto(row),
    processName: row.processName,
    incidents: row.incidents,
  };
}

export function toProcessInstanceDto(
  instance: InstanceDetailRow,
  elements: ElementStates,
  incidents: IncidentRow[],
): ProcessInstanceDto {
  const summary = toProcessInstanceSummaryDto(instance);
  return {
    processInstanceKey: summary.processInstanceKey,
    bpmnProcessId: summary.bpmnProcessId,
    version: summary.version,
    businessKey: summary.businessKey,
    state: summary.state,
    variables: instance.variables,
    variablesWithheld: false,
    activeElementIds: elements.activeElementIds,
    repeatedActiveElements: elements.repeatedActiveElements,
    completedElementIds: elements.completedElementIds,
    takenSequenceFlowIds: elements.takenSequenceFlowIds,
    incidents: incidents.map(toIncidentDto),
    startedAt: summary.startedAt,
    endedAt: summary.endedAt,
  };
}

export function toFlowEventDto(row: FlowEventRow): FlowEventDto {
  const { id, elementId, elementType, eventType, intent, elementInstanceKey, flowScopeKey, at } =
    row;
  return { id, elementId, elementType, eventType, intent, elementInstanceKey, flowScopeKey, at };
}
