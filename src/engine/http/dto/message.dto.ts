import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Variables } from '../../engine.port';
import { OptionalVariables } from './variables';

/** A message waits at most a year for its subscription. */
const MAX_TIME_TO_LIVE_MS = 365 * 24 * 3600 * 1000;

export class PublishMessageDto {
  @ApiProperty({ example: 'documentazione-ricevuta' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name!: string;

  @ApiProperty({
    description: 'Vuota solo per gli eventi di avvio a messaggio',
    example: 'SSC-III-2026-000123',
  })
  @IsString()
  @MaxLength(255)
  correlationKey!: string;

  @OptionalVariables()
  variables?: Variables;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_TIME_TO_LIVE_MS,
    description: 'Quanto il messaggio attende una sottoscrizione (0: ora o mai)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TIME_TO_LIVE_MS)
  timeToLiveMs?: number;

  @ApiPropertyOptional({
    description: 'Unico finché il messaggio è in vita: un secondo invio dà 409',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  messageId?: string;
}

export class PublishedMessageDto {
  @ApiProperty({ description: 'Chiave (int64 decimale)' })
  messageKey!: string;
}
