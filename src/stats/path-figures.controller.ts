import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats/paths')
export class PathFiguresController {
  constructor(private readonly paths: PathFiguresService) {}

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
  @ApiOkResponse({ type: PathFiguresDto })
  figures(
    @CurrentActor() actor: Actor,
    @Param('bpmnProcessId') bpmnProcessId: string,
    @Query() query: PathFiguresQueryDto,
  ): Promise<PathFiguresDto> {
    return this.paths.figures(actor, bpmnProcessId, query);
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
