import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsEngineKey } from '../engine-key.validator';
import { IncidentRow } from '../engine-read.repository';
import { PageDto, PageQueryDto } from './page.dto';

export const INCIDENT_STATES = ['ACTIVE', 'RESOLVED'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export class IncidentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Chiave dell’istanza di processo (int64 decimale)' })
  @IsOptional()
  @IsEngineKey()
  processInstanceKey?: string;

  @ApiPropertyOptional({ enum: INCIDENT_STATES })
  @IsOptional()
  @IsIn(INCIDENT_STATES)
  state?: IncidentState;
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

export class IncidentPageDto extends PageDto {
  @ApiProperty({ type: [IncidentDto] })
  items!: IncidentDto[];
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
