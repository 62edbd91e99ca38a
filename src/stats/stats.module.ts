import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

/** Aggregated figures for managers (dirigenti): no personal data. */
@Module({
  controllers: [StatsController],
  providers: [StatsService],
})
export class StatsModule {}
