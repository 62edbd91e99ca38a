import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { PATHS_TO_OPEN, PathToOpen } from '../paths';
import { PersonDto } from './person.dto';

export class CreateCaseDto {
  @IsUUID()
  personId!: string;

  @IsOptional()
  @IsUUID()
  householdId?: string;

  @IsOptional()
  @IsUUID()
  caseManagerId?: string;

  @ApiPropertyOptional({ description: 'Segnalazione da cui nasce' })
  @IsOptional()
  @IsUUID()
  referralId?: string;

  @ApiPropertyOptional({
    enum: PATHS_TO_OPEN,
    description: 'Percorso da avviare subito, es. da un decreto del Tribunale per i Minorenni',
  })
  @IsOptional()
  @IsIn(PATHS_TO_OPEN)
  path?: PathToOpen;
}

export class CaseQueryDto {
  @ApiPropertyOptional({ example: 'SSC-III-2026-000123' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  caseNumber?: string;

  @ApiPropertyOptional({ description: 'Cognome e/o nome (inizio)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  taxCode?: string;

  @IsOptional()
  @Matches(/^[IVX]{1,4}$/)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'Percorso (BPMN process id)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  path?: string;

  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @IsOptional()
  @IsUUID()
  caseManagerId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 25;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

export class CaseSummaryDto {
  id!: string;
  caseNumber!: string;
  unitCode!: string;
  status!: string;
  openedAt!: Date;
  person!: PersonDto;
  @ApiProperty({ type: String, nullable: true })
  caseManager!: string | null;
  paths!: string[];
}

export class CasePageDto {
  items!: CaseSummaryDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class CasePathDto {
  bpmnProcessId!: string;
  processInstanceKey!: string;
  state!: string;
  startedAt!: Date;
}

export class HouseholdMemberDto {
  person!: PersonDto;
  relationship!: string;
}

export class CaseDetailDto extends CaseSummaryDto {
  @ApiProperty({ type: String, nullable: true })
  closedAt!: Date | null;
  household!: { id: string; address: string; members: HouseholdMemberDto[] } | null;
  pathInstances!: CasePathDto[];
}
