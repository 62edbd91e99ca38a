import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
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
import { normaliseTaxCode } from '../tax-code/normalise-tax-code.util';
import { HouseholdDetailDto } from './household.dto';
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

/** Another mandated path on an open case (e.g. the minors' path for a child of an ADI household). */
export class StartCasePathDto {
  @ApiProperty({ enum: PATHS_TO_OPEN })
  @IsIn(PATHS_TO_OPEN)
  path!: PathToOpen;

  @ApiPropertyOptional({
    description: 'Perché si avvia il percorso (resta nel registro degli accessi)',
    maxLength: 250,
  })
  @IsOptional()
  @IsString()
  @MaxLength(250)
  reason?: string;
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
  @Transform(({ value }) => (typeof value === 'string' ? normaliseTaxCode(value) : value))
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

  @ApiPropertyOptional({ type: Boolean, description: 'Solo le cartelle senza case manager' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  unassigned?: boolean;

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

export class AccountRefDto {
  id!: string;
  displayName!: string;
}

export class CaseSummaryDto {
  id!: string;
  caseNumber!: string;
  unitCode!: string;
  status!: string;
  openedAt!: Date;
  person!: PersonDto;
  @ApiProperty({ type: AccountRefDto, nullable: true })
  caseManager!: AccountRefDto | null;
  /** BPMN process ids of the case's paths (the `path` filter of the search). */
  paths!: string[];
  /** Their names, as a person reads them. */
  pathNames!: string[];
}

export class CasePageDto {
  items!: CaseSummaryDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

/** A mandated path a case can be on, by its name (GET /api/cases/paths). */
export class PathOptionDto {
  bpmnProcessId!: string;
  name!: string;
  /** The value that starts it (POST /api/cases, POST /api/cases/:id/paths). */
  @ApiProperty({ enum: PATHS_TO_OPEN })
  path!: PathToOpen;
}

export class CurrentStepDto {
  elementId!: string;
  name!: string;
}

export class CasePathDto {
  bpmnProcessId!: string;
  processInstanceKey!: string;
  /** The deployed process's name. */
  name!: string;
  version!: number;
  @ApiProperty({ enum: ['ACTIVE', 'COMPLETED', 'TERMINATED', 'CANCELED'] })
  state!: string;
  startedAt!: Date;
  /** Where the path stands now (empty once it ended); a called process shows as its call step. */
  currentSteps!: CurrentStepDto[];
  /** Open incidents of the path and of the processes it called. */
  incidents!: number;
}

/** A case of another member of the household, as the case file lists it. */
export class FamilyCaseDto extends CaseSummaryDto {
  /** The member's relationship in the case's household; null for a case linked to it without membership. */
  @ApiProperty({ type: String, nullable: true })
  relationship!: string | null;
}

export class CaseDetailDto extends CaseSummaryDto {
  @ApiProperty({ type: String, nullable: true })
  closedAt!: Date | null;
  @ApiProperty({ type: HouseholdDetailDto, nullable: true })
  household!: HouseholdDetailDto | null;
  pathInstances!: CasePathDto[];
  /** The other cases of the household in the unit the caller may open (help for the whole family). */
  @ApiProperty({ type: [FamilyCaseDto] })
  familyCases!: FamilyCaseDto[];
}
