import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { UnitPathFilterDto } from './export-query.dto';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const DEADLINE_GROUPS = ['unit', 'path', 'kind', 'caseManager'] as const;
export type DeadlineGroup = (typeof DEADLINE_GROUPS)[number];

/** What a figure counts; the drill-down lists the deadlines behind one. */
export const DEADLINE_MEASURES = [
  'running',
  'dueSoon',
  'breached',
  'extended',
  'metOnTime',
  'metLate',
] as const;
export type DeadlineMeasure = (typeof DEADLINE_MEASURES)[number];

/** The filters every deadline figure and list takes. */
export class DeadlineFilterDto extends UnitPathFilterDto {
  @ApiPropertyOptional({ example: 'adi-first-meeting', description: 'Tipo di scadenza' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  kind?: string;

  @ApiPropertyOptional({ description: 'Case manager (id account)' })
  @IsOptional()
  @IsUUID()
  caseManagerId?: string;

  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'Solo scadenze con data dal (compresa)',
  })
  @IsOptional()
  @Matches(ISO_DATE)
  dueFrom?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Solo scadenze con data fino al (compresa)',
  })
  @IsOptional()
  @Matches(ISO_DATE)
  dueTo?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 365,
    default: 10,
    description: '«In scadenza»: entro questi giorni lavorativi da oggi (calendario di Palermo)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  dueWithinWorkingDays: number = 10;
}

export class DeadlineFiguresQueryDto extends DeadlineFilterDto {
  @ApiPropertyOptional({ enum: DEADLINE_GROUPS, default: 'unit' })
  @IsOptional()
  @IsIn(DEADLINE_GROUPS)
  groupBy: DeadlineGroup = 'unit';
}

export class DeadlineCasesQueryDto extends IntersectionType(DeadlineFilterDto, PageQueryDto) {
  @ApiProperty({ enum: DEADLINE_MEASURES, description: 'La cifra di cui elencare le scadenze' })
  @IsIn(DEADLINE_MEASURES)
  measure!: DeadlineMeasure;
}

export class DeadlineMonthsQueryDto extends DeadlineFilterDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 60, default: 12 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  months: number = 12;
}

export class DeadlineCountsDto {
  /** Running. */
  running!: number;
  /** Running and due from today to within the working days asked. */
  dueSoon!: number;
  /** Breached, or running past their day. */
  breached!: number;
  /** With at least one extension (proroga). */
  extended!: number;
  metOnTime!: number;
  metLate!: number;
}

export class DeadlineFigureRowDto extends DeadlineCountsDto {
  @ApiProperty({
    description: 'Il valore del raggruppamento (codice unità, id percorso, tipo, id account)',
  })
  key!: string;
  label!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Base normativa (per tipo di scadenza)',
  })
  legalBasis!: string | null;
}

export class DeadlineFiguresDto {
  @ApiProperty({ example: '2026-03-02' })
  today!: string;
  @ApiProperty({ enum: DEADLINE_GROUPS })
  groupBy!: DeadlineGroup;
  @ApiProperty({ type: [DeadlineFigureRowDto] })
  rows!: DeadlineFigureRowDto[];
  totals!: DeadlineCountsDto;
}

export class DeadlineMonthDto {
  @ApiProperty({ example: '2026-03' })
  month!: string;
  /** Due that month and no longer running: met, or breached. */
  closed!: number;
  metOnTime!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Quota rispettata in tempo (0–1)' })
  shareOnTime!: number | null;
}

export class DeadlineMonthsDto {
  @ApiProperty({ type: [DeadlineMonthDto] })
  months!: DeadlineMonthDto[];
}

export class DeadlineCaseDto {
  deadlineId!: string;
  caseId!: string;
  caseNumber!: string;
  unitCode!: string;
  @ApiProperty({ type: String, nullable: true })
  pathName!: string | null;
  kind!: string;
  label!: string;
  @ApiProperty({ type: String, nullable: true })
  legalBasis!: string | null;
  dueDate!: string;
  @ApiProperty({ enum: ['running', 'met', 'breached'] })
  status!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Giorno (a Roma) in cui è stata rispettata',
  })
  metOn!: string | null;
  extensions!: number;
  @ApiProperty({
    description:
      'Il richiedente può aprire la cartella (per il dirigente: con un accesso concesso)',
  })
  caseFileReadable!: boolean;
}

export class DeadlineCasesDto {
  @ApiProperty({ type: [DeadlineCaseDto] })
  items!: DeadlineCaseDto[];
  total!: number;
  limit!: number;
  offset!: number;
}
