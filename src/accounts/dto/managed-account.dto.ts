import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Account } from '../../auth/entities/account.entity';
import { Role } from '../../auth/role';

export class CreateAccountDto {
  @ApiProperty({ description: 'Letters, digits, dot, dash, underscore; 3 to 64 characters' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, {
    message: 'da 3 a 64 caratteri: lettere, cifre, punto, trattino, trattino basso',
  })
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role!: Role;

  @ApiPropertyOptional({
    type: String,
    description: 'Required for front-office, caseworker, coordinator; absent for manager, admin',
  })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  unitCode?: string | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 1,
    description:
      'Quota di un tempo pieno (1 = tempo pieno): gli assistenti sociali si contano così per i LEPS',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1)
  fte?: number;

  @ApiProperty({
    description: 'Initial password: at least 12 characters, not the username, not a common one',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

/** Only the fields sent change; `unitCode: null` or `email: null` clears them (IsOptional lets null through). */
export class UpdateAccountDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  unitCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ description: 'false: cannot sign in, and their sessions end at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 1,
    description:
      'Quota di un tempo pieno (1 = tempo pieno): gli assistenti sociali si contano così per i LEPS',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1)
  fte?: number;
}

export class ResetPasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

/** An account as administrators see it: never its password hash. */
export class ManagedAccountDto {
  id!: string;
  username!: string;
  displayName!: string;

  @ApiProperty({ enum: Role })
  role!: Role;

  @ApiProperty({ type: String, nullable: true })
  unitCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  active!: boolean;

  /** Share of a full-time post. */
  fte!: number;

  @ApiProperty({ description: 'Linked to an identity at the OpenID provider' })
  oidcLinked!: boolean;

  createdAt!: Date;

  @ApiProperty({ type: Date, nullable: true })
  passwordChangedAt!: Date | null;
}

export class ManagedAccountPageDto {
  @ApiProperty({ type: [ManagedAccountDto] })
  items!: ManagedAccountDto[];

  @ApiProperty({ type: 'integer', description: 'Accounts, all pages together' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer' })
  offset!: number;
}

export function toManagedAccountDto(account: Account): ManagedAccountDto {
  const { id, username, displayName, role, unitCode, email, active, fte } = account;
  return {
    id,
    username,
    displayName,
    role,
    unitCode,
    email,
    active,
    fte,
    oidcLinked: account.oidcSubject !== null,
    createdAt: account.createdAt,
    passwordChangedAt: account.passwordChangedAt,
  };
}
