import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class RefreshDto {
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(256)
  newPassword!: string;
}

/** What a session hands the client: a short-lived access token and the refresh token that renews it. */
export class SessionTokensDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header' })
  accessToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @ApiProperty({
    description: 'Opaque, single use: POST /api/auth/refresh trades it for a new pair',
  })
  refreshToken!: string;

  @ApiProperty({ description: 'When the session ends and a new login is needed' })
  refreshExpiresAt!: Date;
}

/** The one-time code of the redirect after an OpenID Connect login. */
export class OidcCodeDto {
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  code!: string;
}
