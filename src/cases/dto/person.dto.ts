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

/** `GET /api/persons?taxCode=…` (exact, checked as on registration) or `?name=…`. */
export class PersonQueryDto {
  @ApiPropertyOptional({
    description: 'Codice fiscale (esatto, verificato come alla registrazione)',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? normaliseTaxCode(value) : value))
  @IsTaxCode()
  taxCode?: string;

  @ApiPropertyOptional({
    description: 'Inizio di cognome e/o nome, in qualsiasi ordine (almeno 2 caratteri)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}

export class PersonHouseholdDto {
  id!: string;
  address!: string;
  unitCode!: string;
  /** The person's place in it. */
  relationship!: string;
}

export class PersonCaseDto {
  id!: string;
  caseNumber!: string;
  unitCode!: string;
  @ApiProperty({ enum: ['open', 'closed'] })
  status!: string;
}

export class PersonDetailDto extends PersonDto {
  @ApiProperty({ type: String, nullable: true })
  birthPlace!: string | null;
  @ApiProperty({ type: String, nullable: true })
  citizenship!: string | null;
  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;
  @ApiProperty({ type: String, nullable: true })
  email!: string | null;
  /** The households of the caller's unit the person belongs to. */
  households!: PersonHouseholdDto[];
  /** The person's cases the caller may open (always empty for the front office). */
  cases!: PersonCaseDto[];
}

export function toPersonDto(person: Person): PersonDto {
  const { id, taxCode, surname, name, birthDate, sex } = person;
  return { id, taxCode, surname, name, birthDate, sex };
}
