import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ActivatedJob, Variables } from '../../engine.port';
import { OptionalVariables } from './variables';

const MAX_JOBS = 100;
export const MAX_RETRIES = 10_000;
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

export class ActivateJobsDto {
  @ApiProperty({ example: 'invio-pec' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  type!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_JOBS })
  @IsInt()
  @Min(1)
  @Max(MAX_JOBS)
  maxJobs!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: THIRTY_DAYS_MS,
    description: 'Dopo quanti millisecondi senza esito il job torna disponibile',
  })
  @IsInt()
  @Min(1)
  @Max(THIRTY_DAYS_MS)
  timeoutMs!: number;

  @ApiProperty({ description: 'Nome del worker, per la diagnosi' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  worker!: string;

  @ApiPropertyOptional({ type: [String], description: 'Solo queste variabili (tutte se omesso)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  fetchVariables?: string[];
}

export class ActivatedJobDto {
  @ApiProperty()
  key!: string;

  @ApiProperty()
  type!: string;

  @ApiProperty()
  processInstanceKey!: string;

  @ApiProperty()
  elementId!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  variables!: Variables;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  customHeaders!: Record<string, string>;

  @ApiProperty({ type: 'integer' })
  retries!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Scadenza dell’attivazione (epoch in millisecondi)',
  })
  deadline!: number;
}

export class ActivatedJobsDto {
  @ApiProperty({ type: [ActivatedJobDto] })
  jobs!: ActivatedJobDto[];
}

export class CompleteJobDto {
  @OptionalVariables()
  variables?: Variables;
}

export class FailJobDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Tentativi rimasti; 0 apre un incidente',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_RETRIES)
  retries!: number;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  errorMessage?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: THIRTY_DAYS_MS })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(THIRTY_DAYS_MS)
  retryBackOffMs?: number;
}

export class ThrowJobErrorDto {
  @ApiProperty({ description: 'Il codice atteso da un evento di errore del modello' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  errorCode!: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  errorMessage?: string;

  @OptionalVariables()
  variables?: Variables;
}

export class UpdateJobRetriesDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_RETRIES })
  @IsInt()
  @Min(1)
  @Max(MAX_RETRIES)
  retries!: number;
}

export function toActivatedJobDto(job: ActivatedJob): ActivatedJobDto {
  const { key, type, processInstanceKey, elementId, variables, customHeaders, retries, deadline } =
    job;
  return { key, type, processInstanceKey, elementId, variables, customHeaders, retries, deadline };
}
