import { ExportQueryDto } from './export-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** LEPS (L. 178/2020 c. 797): at least 1 social worker per 5,000 inhabitants, further target 1 per 4,000. */
export const LEPS_INHABITANTS_PER_WORKER = 5000;
export const LEPS_FURTHER_INHABITANTS_PER_WORKER = 4000;

export class UnitCaseloadDto {
  unitCode!: string;
  name!: string;
  openCases!: number;
  openTasks!: number;
  overdueTasks!: number;
  runningDeadlines!: number;
  /** Breached, or running past their due day. */
  overdueDeadlines!: number;
  /** Active caseworker accounts of the unit. */
  socialWorkers!: number;
  /** The same in full-time equivalents (each account's share of a full-time post). */
  socialWorkersFte!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Abitanti (impostati da un amministratore)',
  })
  population!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Assistenti sociali richiesti (in tempi pieni): 1 ogni 5.000 abitanti',
  })
  requiredSocialWorkers!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Obiettivo ulteriore: 1 ogni 4.000 abitanti',
  })
  furtherTargetSocialWorkers!: number | null;
  @ApiProperty({ type: Boolean, nullable: true })
  meetsTarget!: boolean | null;
}

export class CaseloadsDto {
  @ApiProperty({ type: [UnitCaseloadDto] })
  units!: UnitCaseloadDto[];
  /** All units together (one ambito territoriale); population null while a unit's is missing. */
  ambito!: UnitCaseloadDto;
  at!: Date;
}

export class CaseworkerLoadDto {
  accountId!: string;
  displayName!: string;
  @ApiProperty({ enum: ['caseworker', 'coordinator'] })
  role!: string;
  unitCode!: string;
  fte!: number;
  /** Open cases they manage. */
  openCases!: number;
  /** Open tasks they hold. */
  openTasks!: number;
  overdueTasks!: number;
}

export class CaseworkersQueryDto extends ExportQueryDto {
  @ApiPropertyOptional({ example: 'III' })
  @IsOptional()
  @Matches(/^[IVXLCDM]{1,8}$/)
  unitCode?: string;
}

export class SetPopulationDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10_000_000 })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  population!: number;
}

export class UnitPopulationDto {
  unitCode!: string;
  population!: number;
}
