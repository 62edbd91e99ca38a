import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsTaxCode } from '../tax-code/is-tax-code.decorator';
import { normaliseTaxCode } from '../tax-code/normalise-tax-code.util';
import { Person } from '../entities/person.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A person's name: letters (accented too), apostrophes, spaces, hyphens, dots; starting with a letter. */
export const PERSON_NAME = /^\p{L}[\p{L}\p{M}'’ .-]*$/u;

export class CreatePersonDto {
  @ApiPropertyOptional({ description: 'Codice fiscale (16 caratteri)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? normaliseTaxCode(value) : value))
  @IsTaxCode()
  taxCode?: string;

  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @Matches(PERSON_NAME)
  surname!: string;

  @Transform(trim)
  @IsString()
  @Length(1, 100)
  @Matches(PERSON_NAME)
  name!: string;

  @ApiPropertyOptional({ example: '1980-05-17' })
  @IsOptional()
  @IsISO8601({ strict: true })
  birthDate?: string;

  @ApiPropertyOptional({ enum: ['F', 'M'] })
  @IsOptional()
  @IsIn(['F', 'M'])
  sex?: 'F' | 'M';

  @IsOptional()
  @IsString()
  @MaxLength(120)
  birthPlace?: string;

  @IsOptional()
  @IsString()
  @MaxLength(80)
  citizenship?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class PersonDto {
  id!: string;
  @ApiProperty({ type: String, nullable: true })
  taxCode!: string | null;
  surname!: string;
  name!: string;
  @ApiProperty({ type: String, nullable: true })
  birthDate!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['F', 'M'] })
  sex!: 'F' | 'M' | null;
}

export function toPersonDto(person: Person): PersonDto {
  const { id, taxCode, surname, name, birthDate, sex } = person;
  return { id, taxCode, surname, name, birthDate, sex };
}
