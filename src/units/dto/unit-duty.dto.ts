import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Length } from 'class-validator';
import { UNIT_DUTIES, UnitDuty } from '../duties/unit-duties';

export class StartUnitDutyDto {
  @ApiProperty({ enum: UNIT_DUTIES })
  @IsIn(UNIT_DUTIES)
  duty!: UnitDuty;

  @ApiProperty({ description: 'Titolo, es. «Tavolo di rete scuole – Oreto»', maxLength: 200 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(3, 200)
  title!: string;
}

/** One of the unit's duties, as the coordinator's board lists it. */
export class UnitDutyDto {
  id!: string;
  /** ATT-<unit>-<year>-<number>: the tasklist's filter finds its tasks by it. */
  dutyNumber!: string;
  @ApiProperty({ enum: UNIT_DUTIES })
  duty!: UnitDuty;
  title!: string;
  startedAt!: Date;
  @ApiPropertyOptional({ type: String, nullable: true })
  startedBy!: string | null;
  /** The deployed process's name. */
  name!: string;
  @ApiProperty({ enum: ['ACTIVE', 'COMPLETED', 'TERMINATED', 'CANCELED'] })
  state!: string;
}
