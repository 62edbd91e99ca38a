import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { DEADLINE_STATUSES, DeadlineStatus } from '../entities/case-deadline.entity';

/**
 * Which deadlines a list shows: open = running; atRisk = running and due within
 * DEADLINE_REMINDER_WORKING_DAYS working days (or already past), or breached on a case still open.
 */
export const DEADLINE_LIST_STATUSES = ['open', 'atRisk', 'breached', 'met', 'all'] as const;
export type DeadlineListStatus = (typeof DEADLINE_LIST_STATUSES)[number];

/** `GET /api/deadlines`: the caller's deadlines (unit or own cases), filtered, a page. */
export class DeadlineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: DEADLINE_LIST_STATUSES,
    default: 'open',
    description:
      'open: in corso; atRisk: in corso e in scadenza entro DEADLINE_REMINDER_WORKING_DAYS giorni lavorativi (o già passate), oppure superate su cartelle aperte; breached: superate; met: rispettate; all: tutte (anche annullate)',
  })
  @IsOptional()
  @IsIn(DEADLINE_LIST_STATUSES)
  status: DeadlineListStatus = 'open';

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 365,
    description:
      'Solo quelle che scadono entro questi giorni lavorativi da oggi (calendario di Palermo), comprese quelle già passate',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  dueWithinWorkingDays?: number;

  @ApiPropertyOptional({ description: 'Solo le cartelle di questo case manager (id account)' })
  @IsOptional()
  @IsUUID()
  caseManagerId?: string;

  @ApiPropertyOptional({ example: 'adi-first-meeting' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  kind?: string;
}

export class DeadlineListItemDto {
  id!: string;
  caseId!: string;
  caseNumber!: string;
  /** «Cognome Nome» of the case's person. */
  personName!: string;
  kind!: string;
  label!: string;
  @ApiProperty({ type: String, nullable: true })
  legalBasis!: string | null;
  /** YYYY-MM-DD, Europe/Rome. */
  dueDate!: string;
  @ApiProperty({ enum: DEADLINE_STATUSES })
  status!: DeadlineStatus;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Fine del giorno di scadenza a Roma, per le scadenze superate',
  })
  breachedAt!: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Giorni lavorativi da oggi alla scadenza (0 = oggi, negativo se già passata); solo per quelle in corso',
  })
  workingDaysLeft!: number | null;
  @ApiProperty({ type: 'integer' })
  extensionsCount!: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Proroghe consentite dalla legge; null = senza limite',
  })
  maxExtensions!: number | null;
  @ApiProperty({ type: String, nullable: true })
  caseManagerId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  caseManagerName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Nome del percorso (modello BPMN) che ha avviato la scadenza',
  })
  pathName!: string | null;
}

export class DeadlinePageDto {
  @ApiProperty({ type: [DeadlineListItemDto] })
  items!: DeadlineListItemDto[];
  total!: number;
  limit!: number;
  offset!: number;
}
