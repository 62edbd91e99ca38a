import { Body, Controller, Get, Param, Patch, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { Roles } from '../auth/roles.decorator';
import {
  CaseloadsDto,
  CaseworkerLoadDto,
  CaseworkersQueryDto,
  SetPopulationDto,
  UnitPopulationDto,
} from './dto/caseload.dto';
import { ExportQueryDto } from './dto/export-query.dto';
import { StatsService } from './stats.service';
import { EXPORT_TYPES, TableExport } from './table-export';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly exports: TableExport,
  ) {}

  /** Per unit: open cases, tasks, overdue work, social workers against the LEPS target. */
  @Get('caseloads')
  @Roles(Role.Manager, Role.Admin)
  @ApiProduces(...EXPORT_TYPES)
  @ApiOkResponse({ type: CaseloadsDto })
  async caseloads(
    @CurrentActor() actor: Actor,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseloadsDto | StreamableFile> {
    if (query.format === 'json') return this.stats.caseloads();
    return this.exports.send(
      actor,
      response,
      query.format,
      { name: 'carichi-per-unita', what: 'Carichi per unità e ambito', filter: query },
      await this.stats.caseloadsTable(),
    );
  }

  /** Each caseworker's and coordinator's load across units (names of staff, no case content). */
  @Get('caseworkers')
  @Roles(Role.Manager, Role.Admin)
  @ApiProduces(...EXPORT_TYPES)
  @ApiOkResponse({ type: [CaseworkerLoadDto] })
  async caseworkers(
    @CurrentActor() actor: Actor,
    @Query() query: CaseworkersQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseworkerLoadDto[] | StreamableFile> {
    if (query.format === 'json') return this.stats.caseworkers(query.unitCode);
    return this.exports.send(
      actor,
      response,
      query.format,
      { name: 'carichi-per-operatore', what: 'Carichi per operatore', filter: query },
      await this.stats.caseworkersTable(query.unitCode),
    );
  }

  @Patch('units/:code')
  @Roles(Role.Admin)
  @ApiOkResponse({ type: UnitPopulationDto })
  setPopulation(
    @Param('code') code: string,
    @Body() dto: SetPopulationDto,
  ): Promise<UnitPopulationDto> {
    return this.stats.setPopulation(code, dto);
  }
}
