import { ExportQueryDto } from './export-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR_SECONDS = 366 * 24 * 3600;

export const PATH_TABLES = ['steps', 'exits'] as const;

export class PathFiguresQueryDto extends ExportQueryDto {
  @ApiPropertyOptional({
    enum: PATH_TABLES,
    default: 'steps',
    description: 'Da scaricare: i passi, o le uscite dei gateway',
  })
  @IsOptional()
  @IsIn(PATH_TABLES)
  table: (typeof PATH_TABLES)[number] = 'steps';

  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'Dal giorno (compreso); di norma 90 giorni fa',
  })
  @IsOptional()
  @Matches(ISO_DATE)
  from?: string;

  @ApiPropertyOptional({
    example: '2026-03-31',
    description: 'Al giorno (compreso); di norma oggi',
  })
  @IsOptional()
  @Matches(ISO_DATE)
  to?: string;
}

export class ThresholdDto {
  @ApiProperty({ description: 'Oltre questi secondi il passo è giallo', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(YEAR_SECONDS)
  amberSeconds!: number;

  @ApiProperty({ description: 'Oltre questi secondi il passo è rosso (più di amberSeconds)' })
  @IsInt()
  @Min(2)
  @Max(YEAR_SECONDS)
  redSeconds!: number;
}

export class ElementFigureDto {
  elementId!: string;
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
  /** Times the step was reached in the period. */
  reached!: number;
  /** Cases at this step now (instances running). */
  waitingNow!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mediana del tempo nel passo (secondi)',
  })
  p50Seconds!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '90° percentile (secondi)' })
  p90Seconds!: number | null;
  @ApiProperty({ type: ThresholdDto, nullable: true })
  threshold!: ThresholdDto | null;
  @ApiProperty({
    enum: ['ok', 'amber', 'red'],
    nullable: true,
    description: 'Il 90° percentile rispetto alla soglia; null senza soglia o senza dati',
  })
  level!: 'ok' | 'amber' | 'red' | null;
}

export class FlowFigureDto {
  flowId!: string;
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
  taken!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Quota tra le uscite del suo gateway (0–1); null fuori dai gateway',
  })
  share!: number | null;
}

export class PathFiguresDto {
  bpmnProcessId!: string;
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
  version!: number;
  /** The latest version's diagram, to draw the figures on. */
  xml!: string;
  from!: string;
  to!: string;
  @ApiProperty({ type: [ElementFigureDto] })
  elements!: ElementFigureDto[];
  @ApiProperty({ type: [FlowFigureDto] })
  flows!: FlowFigureDto[];
}

export class PathSummaryDto {
  bpmnProcessId!: string;
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
  version!: number;
}
