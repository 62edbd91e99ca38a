import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** RFC 6749 §4.4's client-credentials request, as Zeebe clients (the Camunda SDKs) send it. */
export class OAuthTokenRequestDto {
  @ApiProperty({ enum: ['client_credentials'] })
  @IsIn(['client_credentials'])
  grant_type!: string;

  @ApiProperty({
    description: 'Username of a Percorsi account (role worker or admin for the gateway)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  client_id!: string;

  @ApiProperty({ description: 'Its password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  client_secret!: string;

  /** Sent by the SDKs (`zeebe`); one token serves every audience here. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  audience?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  scope?: string;
}

export class OAuthTokenDto {
  @ApiProperty()
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires' })
  expires_in!: number;
}
