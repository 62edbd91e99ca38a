import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import {
  REFERRAL_CHANNELS,
  REFERRAL_STATUSES,
  ReferralStatus,
  ReferralChannel,
  Urgency,
  URGENCIES,
} from '../entities/referral.entity';

export class CreateReferralDto {
  @ApiProperty({ enum: REFERRAL_CHANNELS })
  @IsIn(REFERRAL_CHANNELS)
  channel!: ReferralChannel;

  @ApiPropertyOptional({ description: 'Chi invia (ente, ufficio, persona)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  senderName?: string;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency!: Urgency;

  @ApiPropertyOptional({ description: 'Persona interessata, se già registrata' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ description: 'Persona interessata, se non ancora registrata' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  subjectDescription?: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 20000)
  requestText!: string;

  @ApiPropertyOptional({ description: 'Quando è arrivata (default: ora)' })
  @IsOptional()
  @IsISO8601()
  receivedAt?: string;
}

export class ReferralDto {
  id!: string;
  referralNumber!: string;
  unitCode!: string;
  receivedAt!: Date;
  channel!: string;
  urgency!: string;
  status!: string;
  @ApiProperty({ type: String, nullable: true })
  processInstanceKey!: string | null;
  @ApiProperty({ type: String, nullable: true })
  caseId!: string | null;
}

class ReferralFilterDto {
  @ApiPropertyOptional({
    enum: REFERRAL_STATUSES,
    description:
      'received: registrata, la scheda di accesso è da compilare; case-opened: presa in carico, cartella aperta; closed: chiusa con informazione, orientamento o invio ad altro servizio',
  })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;
}

/** `GET /api/referrals`: the unit's referrals, newest first. */
export class ReferralQueryDto extends IntersectionType(ReferralFilterDto, PageQueryDto) {}

/** A referral as the sportello's list shows it. */
export class ReferralSummaryDto {
  id!: string;
  referralNumber!: string;
  receivedAt!: Date;
  @ApiProperty({ enum: REFERRAL_CHANNELS })
  channel!: string;
  @ApiProperty({ type: String, nullable: true })
  senderName!: string | null;
  @ApiProperty({ enum: URGENCIES })
  urgency!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES })
  status!: ReferralStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'L’esito della scheda di accesso (information, guidance, …)',
  })
  outcome!: string | null;
  @ApiProperty({ type: String, nullable: true })
  personId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Cognome e nome' })
  personName!: string | null;
  @ApiProperty({ type: String, nullable: true })
  subjectDescription!: string | null;
  @ApiProperty({ type: String, nullable: true })
  caseId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  caseNumber!: string | null;
  @ApiProperty({ type: 'integer' })
  documentsCount!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Chi l’ha registrata' })
  createdByName!: string | null;
}

export class ReferralPageDto {
  @ApiProperty({ type: [ReferralSummaryDto] })
  items!: ReferralSummaryDto[];
  @ApiProperty({ type: 'integer' })
  total!: number;
  @ApiProperty({ type: 'integer' })
  limit!: number;
  @ApiProperty({ type: 'integer' })
  offset!: number;
}

export class ReferralDetailDto extends ReferralSummaryDto {
  @ApiProperty({ description: 'La richiesta come è stata espressa' })
  requestText!: string;
  @ApiProperty({ type: String, nullable: true })
  processInstanceKey!: string | null;
}
