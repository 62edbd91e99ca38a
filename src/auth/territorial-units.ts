import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TerritorialUnit } from './entities/territorial-unit.entity';

export class TerritorialUnitDto {
  @ApiProperty({ example: 'III' })
  code!: string;

  @ApiProperty({ example: 'Unità III' })
  name!: string;
}

/** The city's territorial units, for choosing one (a household's address, an account). */
@Injectable()
export class TerritorialUnitsService {
  constructor(
    @InjectRepository(TerritorialUnit) private readonly units: Repository<TerritorialUnit>,
  ) {}

  async list(): Promise<TerritorialUnitDto[]> {
    const units = await this.units.find();
    // Roman numerals in their order, not the alphabet's (I, II, III, IV…).
    return units
      .map(({ code, name }) => ({ code, name }))
      .sort((a, b) => romanValue(a.code) - romanValue(b.code));
  }
}

function romanValue(code: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10 };
  return [...code].reduce(
    (total, letter, i) =>
      values[letter] < (values[code[i + 1]] ?? 0) ? total - values[letter] : total + values[letter],
    0,
  );
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class TerritorialUnitsController {
  constructor(private readonly units: TerritorialUnitsService) {}

  /** Every signed-in person may know the units' names: no case data. */
  @Get()
  list(): Promise<TerritorialUnitDto[]> {
    return this.units.list();
  }
}
