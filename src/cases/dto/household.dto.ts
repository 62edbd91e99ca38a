import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PersonDto } from './person.dto';

export class HouseholdMemberInputDto {
  @IsUUID()
  personId!: string;

  @ApiProperty({
    example: 'figlio/a',
    description: 'intestatario, coniuge, convivente, figlio/a, genitore, altro parente, altro',
  })
  @IsString()
  @Length(1, 40)
  relationship!: string;
}

export class CreateHouseholdDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(3, 300)
  address!: string;

  @ApiPropertyOptional({ description: "Unità territoriale (default: quella dell'operatore)" })
  @IsOptional()
  @Matches(/^[IVX]{1,4}$/)
  unitCode?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => HouseholdMemberInputDto)
  members!: HouseholdMemberInputDto[];
}

/** A person joining a household already registered. */
export class AddHouseholdMemberDto extends HouseholdMemberInputDto {}

export class HouseholdMemberDto {
  person!: PersonDto;
  relationship!: string;
}

/** A household with its members (GET /api/households/:id, the case file). */
export class HouseholdDetailDto {
  id!: string;
  address!: string;
  unitCode!: string;
  members!: HouseholdMemberDto[];
}

export class HouseholdDto {
  id!: string;
  address!: string;
  unitCode!: string;
  members!: Array<{ personId: string; relationship: string }>;
}
