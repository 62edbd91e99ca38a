import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { Roles } from '../auth/roles.decorator';
import {
  PathFiguresDto,
  PathFiguresQueryDto,
  PathSummaryDto,
  ThresholdDto,
} from './dto/path-figures.dto';
import { PathFiguresService } from './path-figures.service';
import { EXPORT_TYPES, TableExport } from './table-export';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats/paths')
export class PathFiguresController {
  constructor(
    private readonly paths: PathFiguresService,
    private readonly exports: TableExport,
  ) {}

  /** The paths deployed, each at its latest version: what a heatmap can be drawn for. */
  @Get()
  @Roles(Role.Manager, Role.Admin)
  @ApiOkResponse({ type: [PathSummaryDto] })
  list(@CurrentActor() actor: Actor): Promise<PathSummaryDto[]> {
    return this.paths.list(actor);
  }

  /** Per step of the path's latest diagram: reached, time taken, waiting now, against its thresholds. */
  @Get(':bpmnProcessId/elements')
  @Roles(Role.Manager, Role.Admin)
  @ApiProduces(...EXPORT_TYPES)
  @ApiOkResponse({ type: PathFiguresDto })
  async figures(
    @CurrentActor() actor: Actor,
    @Param('bpmnProcessId') bpmnProcessId: string,
    @Query() query: PathFiguresQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PathFiguresDto | StreamableFile> {
    if (query.format === 'json') return this.paths.figures(actor, bpmnProcessId, query);
    return this.exports.send(
      actor,
      response,
      query.format,
      {
        name: `${query.table === 'exits' ? 'uscite' : 'tempi'}-${bpmnProcessId}`,
        what: `${query.table === 'exits' ? 'Uscite dei gateway' : 'Tempi'} del percorso ${bpmnProcessId}`,
        filter: query,
      },
      await this.paths.figuresTable(actor, bpmnProcessId, query),
    );
  }

  /** How long a step may take before the heatmap marks it amber, then red. */
  @Put(':bpmnProcessId/elements/:elementId/threshold')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: ThresholdDto })
  setThreshold(
    @CurrentActor() actor: Actor,
    @Param('bpmnProcessId') bpmnProcessId: string,
    @Param('elementId') elementId: string,
    @Body() dto: ThresholdDto,
  ): Promise<ThresholdDto> {
    return this.paths.setThreshold(actor, bpmnProcessId, elementId, dto);
  }

  @Delete(':bpmnProcessId/elements/:elementId/threshold')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiNoContentResponse()
  clearThreshold(
    @CurrentActor() actor: Actor,
    @Param('bpmnProcessId') bpmnProcessId: string,
    @Param('elementId') elementId: string,
  ): Promise<void> {
    return this.paths.clearThreshold(actor, bpmnProcessId, elementId);
  }
}
