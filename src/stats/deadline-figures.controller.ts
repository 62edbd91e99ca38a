import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Readable } from 'node:stream';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { Roles } from '../auth/roles.decorator';
import { DeadlineFiguresService } from './deadline-figures.service';
import { csvFile, EXPORT_TYPES, TableExport } from './table-export';
import {
  DeadlineCasesDto,
  DeadlineCasesQueryDto,
  DeadlineFiguresDto,
  DeadlineFiguresQueryDto,
  DeadlineMonthsDto,
  DeadlineMonthsQueryDto,
} from './dto/deadline-figures.dto';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats/deadlines')
export class DeadlineFiguresController {
  constructor(
    private readonly figures: DeadlineFiguresService,
    private readonly exports: TableExport,
  ) {}

  /** Legal deadlines by unit, path, kind or case manager; `format=csv` downloads them (logged). */
  @Get()
  @Roles(Role.Manager, Role.Admin)
  @ApiProduces(...EXPORT_TYPES)
  @ApiOkResponse({ type: DeadlineFiguresDto })
  async byGroup(
    @CurrentActor() actor: Actor,
    @Query() query: DeadlineFiguresQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeadlineFiguresDto | StreamableFile> {
    if (query.format === 'json') return this.figures.figures(actor, query);
    return this.exports.send(
      actor,
      response,
      query.format,
      {
        name: `scadenze-per-${query.groupBy}`,
        what: `Cifre delle scadenze per ${query.groupBy}`,
        filter: query,
      },
      await this.figures.figuresTable(actor, query),
    );
  }

  /** Month by month: deadlines due, closed, and the share met on time. */
  @Get('months')
  @Roles(Role.Manager, Role.Admin)
  @ApiProduces(...EXPORT_TYPES)
  @ApiOkResponse({ type: DeadlineMonthsDto })
  async months(
    @CurrentActor() actor: Actor,
    @Query() query: DeadlineMonthsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeadlineMonthsDto | StreamableFile> {
    if (query.format === 'json') return this.figures.months(actor, query);
    return this.exports.send(
      actor,
      response,
      query.format,
      { name: 'scadenze-per-mese', what: 'Scadenze mese per mese', filter: query },
      await this.figures.monthsTable(actor, query),
    );
  }

  /** The deadlines behind a figure, with their cases (no person); logged. `format=csv`: all of them. */
  @Get('cases')
  @Roles(Role.Manager, Role.Admin)
  @ApiProduces(...EXPORT_TYPES)
  @ApiOkResponse({ type: DeadlineCasesDto })
  async cases(
    @CurrentActor() actor: Actor,
    @Query() query: DeadlineCasesQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeadlineCasesDto | StreamableFile> {
    if (query.format === 'json') return this.figures.cases(actor, query);
    if (query.format === 'xlsx') {
      return this.exports.send(
        actor,
        response,
        'xlsx',
        {
          name: `scadenze-${query.measure}`,
          what: `Elenco delle scadenze (${query.measure})`,
          filter: query,
        },
        await this.figures.casesTable(actor, query),
      );
    }
    return csvFile(
      response,
      `scadenze-${query.measure}.csv`,
      Readable.from(this.figures.casesCsv(actor, query)),
    );
  }
}
