import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { Roles } from '../auth/roles.decorator';
import { TrendFiguresDto, TrendFiguresQueryDto } from './dto/trend-figures.dto';
import { EXPORT_TYPES, TableExport } from './table-export';
import { TrendFiguresService } from './trend-figures.service';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats/trends')
export class TrendFiguresController {
  constructor(
    private readonly trends: TrendFiguresService,
    private readonly exports: TableExport,
  ) {}

  /** Cases opened and closed, deadlines breached, week by week or month by month. */
  @Get()
  @Roles(Role.Manager, Role.Admin)
  @ApiProduces(...EXPORT_TYPES)
  @ApiOkResponse({ type: TrendFiguresDto })
  async figures(
    @CurrentActor() actor: Actor,
    @Query() query: TrendFiguresQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TrendFiguresDto | StreamableFile> {
    if (query.format === 'json') return this.trends.trends(actor, query);
    return this.exports.send(
      actor,
      response,
      query.format,
      { name: `andamento-per-${query.interval}`, what: 'Andamento', filter: query },
      await this.trends.trendsTable(actor, query),
    );
  }
}
