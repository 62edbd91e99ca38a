import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Readable } from 'node:stream';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { Roles } from '../auth/roles.decorator';
import { DeadlineFiguresService } from './deadline-figures.service';
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
  constructor(private readonly figures: DeadlineFiguresService) {}

  /** Legal deadlines by unit, path, kind or case manager; `format=csv` downloads them (logged). */
  @Get()
  @Roles(Role.Manager, Role.Admin)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DeadlineFiguresDto })
  async byGroup(
    @CurrentActor() actor: Actor,
    @Query() query: DeadlineFiguresQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeadlineFiguresDto | StreamableFile> {
    if (query.format === 'json') return this.figures.figures(actor, query);
    const csv = await this.figures.figuresCsv(actor, query);
    return csvFile(response, `scadenze-per-${query.groupBy}.csv`, Readable.from([csv]));
  }

  /** Month by month: deadlines due, closed, and the share met on time. */
  @Get('months')
  @Roles(Role.Manager, Role.Admin)
  @ApiOkResponse({ type: DeadlineMonthsDto })
  months(
    @CurrentActor() actor: Actor,
    @Query() query: DeadlineMonthsQueryDto,
  ): Promise<DeadlineMonthsDto> {
    return this.figures.months(actor, query);
  }

  /** The deadlines behind a figure, with their cases (no person); logged. `format=csv`: all of them. */
  @Get('cases')
  @Roles(Role.Manager, Role.Admin)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DeadlineCasesDto })
  async cases(
    @CurrentActor() actor: Actor,
    @Query() query: DeadlineCasesQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeadlineCasesDto | StreamableFile> {
    if (query.format === 'json') return this.figures.cases(actor, query);
    return csvFile(
      response,
      `scadenze-${query.measure}.csv`,
      Readable.from(this.figures.casesCsv(actor, query)),
    );
  }
}

function csvFile(response: Response, fileName: string, content: Readable): StreamableFile {
  response.setHeader('Content-Security-Policy', 'sandbox');
  return new StreamableFile(content, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${fileName}"`,
  });
}
