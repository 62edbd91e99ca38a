import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { EngineHttpModule } from '../engine/http/engine-http.module';
import { DeadlineFiguresController } from './deadline-figures.controller';
import { DeadlineFiguresService } from './deadline-figures.service';
import { FlowSummaryCompactor } from './flow-summary-compactor';
import { PathFiguresController } from './path-figures.controller';
import { PathFiguresService } from './path-figures.service';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';
import { TableExport } from './table-export';
import { TrendFiguresController } from './trend-figures.controller';
import { TrendFiguresService } from './trend-figures.service';

/**
 * Figures for managers (dirigenti) across all units: counts, and the cases behind a figure by
 * number only, a case file opening only under the manager's grant.
 */
@Module({
  imports: [CasesModule, EngineHttpModule],
  controllers: [
    StatsController,
    DeadlineFiguresController,
    PathFiguresController,
    TrendFiguresController,
  ],
  providers: [
    StatsService,
    DeadlineFiguresService,
    FlowSummaryCompactor,
    PathFiguresService,
    TrendFiguresService,
    TableExport,
  ],
})
export class StatsModule {}
