import { Module } from '@nestjs/common';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

/** A territorial unit as its people see it: the coordinator's board and the unit's staff. */
@Module({
  controllers: [UnitsController],
  providers: [UnitsService],
})
export class UnitsModule {}
