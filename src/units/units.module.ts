import { Module } from '@nestjs/common';
import { UnitsController } from './units.controller';
import { UnitDutiesService } from './unit-duties.service';
import { UnitsService } from './units.service';

/** A territorial unit as its people see it: the coordinator's board, the unit's staff and duties. */
@Module({
  controllers: [UnitsController],
  providers: [UnitsService, UnitDutiesService],
})
export class UnitsModule {}
