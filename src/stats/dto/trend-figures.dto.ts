import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { UnitPathFilterDto } from './export-query.dto';

export const TREND_INTERVALS = ['week', 'month'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

export class TrendFiguresQueryDto extends UnitPathFilterDto {
  @ApiPropertyOptional({ enum: TREND_INTERVALS, default: 'month', description: 'Settimane o mesi' })
  @IsOptional()
  @IsIn(TREND_INTERVALS)
  interval: TrendInterval = 'month';

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 104,
    default: 12,
    description: 'Quanti periodi, fino a quello in corso',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(104)
  periods: number = 12;
}

export class TrendPeriodDto {
  @ApiProperty({
    example: '2026-03-01',
    description: 'Primo giorno del periodo (lunedì o 1° del mese)',
  })
  start!: string;
  @ApiProperty({ description: 'Cartelle aperte nel periodo' })
  opened!: number;
  @ApiProperty({ description: 'Cartelle chiuse nel periodo' })
  closed!: number;
  @ApiProperty({ description: 'Scadenze legali con data nel periodo, superate' })
  breached!: number;
}

export class TrendFiguresDto {
  @ApiProperty({ enum: TREND_INTERVALS })
  interval!: TrendInterval;
  @ApiProperty({ type: [TrendPeriodDto] })
  periods!: TrendPeriodDto[];
}
