import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DeadlineUnit } from '../calendar';
import { DeadlineStatus } from '../entities/case-deadline.entity';

export const DEADLINE_UNITS: readonly DeadlineUnit[] = ['calendarDays', 'workingDays', 'months'];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A proroga: either the new due date, or an amount added to the current one. */
export class ExtendDeadlineDto {
  @ApiPropertyOptional({ description: 'Nuova scadenza (YYYY-MM-DD, giorno di calendario a Roma)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'newDueDate must be YYYY-MM-DD' })
  newDueDate?: string;

  @ApiPropertyOptional({ description: 'Giorni o mesi aggiunti alla scadenza attuale' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  extraDays?: number;

  @ApiPropertyOptional({ enum: DEADLINE_UNITS, default: 'calendarDays' })
  @IsOptional()
  @IsIn(DEADLINE_UNITS)
  unit?: DeadlineUnit;

  @Transform(trim)
  @IsString()
  @Length(3, 2000)
  reason!: string;

  @ApiProperty({ description: 'Chi ha concesso la proroga, es. «Tribunale per i Minorenni»' })
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  grantedBy!: string;
}

export class DeadlineExtensionDto {
  id!: string;
  previousDue!: string;
  newDue!: string;
  reason!: string;
  /** Who granted it, as written when it was recorded (the court, the coordinator…). */
  grantedBy!: string;
  /** Username of who recorded it. */
  recordedBy!: string;
  /** Their display name, e.g. «Agata Ferri». */
  recordedByName!: string;
  recordedAt!: Date;
}

export class CaseDeadlineDto {
  id!: string;
  kind!: string;
  label!: string;
  legalBasis!: string | null;
  /** YYYY-MM-DD, Europe/Rome. */
  dueDate!: string;
  @ApiProperty({ enum: ['running', 'met', 'breached', 'cancelled'] })
  status!: DeadlineStatus;
  processInstanceKey!: string | null;
  elementId!: string | null;
  createdAt!: Date;
  metAt!: Date | null;
  lastReminderAt!: Date | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'Proroghe consentite dalla legge; null = senza limite',
  })
  maxExtensions!: number | null;
  extensions!: DeadlineExtensionDto[];
}
