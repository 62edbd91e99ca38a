import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import {
  REFERRAL_CHANNELS,
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
