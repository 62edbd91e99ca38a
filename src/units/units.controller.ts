import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { TerritorialUnitDto, UnitBoardDto, UnitStaffMemberDto } from './dto/unit.dto';
import { StartUnitDutyDto, UnitDutyDto } from './dto/unit-duty.dto';
import { UnitDutiesService } from './unit-duties.service';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly duties: UnitDutiesService,
  ) {}

  /** The city's units, for choosing one (a household's address): their names are no case data. */
  @Get()
  @ApiOkResponse({ type: [TerritorialUnitDto] })
  list(): Promise<TerritorialUnitDto[]> {
    return this.units.list();
  }

  /** The unit's coordinators: unassigned and late work, cases without a manager, deadlines at risk, each member's load. */
  @Get(':code/board')
  @ApiOkResponse({ type: UnitBoardDto })
  board(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
  ): Promise<UnitBoardDto> {
    return this.units.board(principal, code);
  }

  /** The unit's caseworkers and coordinators: who a task or a case can be assigned to. */
  @Get(':code/staff')
  @ApiOkResponse({ type: [UnitStaffMemberDto] })
  staff(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
  ): Promise<UnitStaffMemberDto[]> {
    return this.units.staff(principal, code);
  }

  /** The unit's duties that are not a person's case (network, funded projects, students). */
  @Get(':code/duties')
  @ApiOkResponse({ type: [UnitDutyDto] })
  listDuties(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
  ): Promise<UnitDutyDto[]> {
    return this.duties.list(principal, code);
  }

  /** The unit's coordinator starts one. */
  @Post(':code/duties')
  startDuty(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() dto: StartUnitDutyDto,
  ): Promise<UnitDutyDto> {
    return this.duties.start(actor, code, dto);
  }
}
