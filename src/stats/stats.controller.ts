import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '../auth/role';
import { Roles } from '../auth/roles.decorator';
import {
  CaseloadsDto,
  CaseworkerLoadDto,
  CaseworkersQueryDto,
  SetPopulationDto,
  UnitPopulationDto,
} from './dto/caseload.dto';
import { StatsService } from './stats.service';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  /** Per unit: open cases, tasks, overdue work, social workers against the LEPS target. */
  @Get('caseloads')
  @Roles(Role.Manager, Role.Admin)
  @ApiOkResponse({ type: CaseloadsDto })
  caseloads(): Promise<CaseloadsDto> {
    return this.stats.caseloads();
  }

  /** Each caseworker's and coordinator's load across units (names of staff, no case content). */
  @Get('caseworkers')
  @Roles(Role.Manager, Role.Admin)
  @ApiOkResponse({ type: [CaseworkerLoadDto] })
  caseworkers(@Query() query: CaseworkersQueryDto): Promise<CaseworkerLoadDto[]> {
    return this.stats.caseworkers(query.unitCode);
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
