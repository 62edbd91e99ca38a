import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import {
  AddHouseholdMemberDto,
  CreateHouseholdDto,
  HouseholdDetailDto,
  HouseholdDto,
} from './dto/household.dto';
import { HouseholdsService } from './households.service';

@ApiTags('persons')
@ApiBearerAuth()
@Controller('households')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Post()
  register(@CurrentActor() actor: Actor, @Body() dto: CreateHouseholdDto): Promise<HouseholdDto> {
    return this.households.register(actor, dto);
  }

  /** A household of the caller's unit, with its members. */
  @Get(':id')
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<HouseholdDetailDto> {
    return this.households.get(actor, id);
  }

  @Post(':id/members')
  addMember(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddHouseholdMemberDto,
  ): Promise<HouseholdDetailDto> {
    return this.households.addMember(actor, id, dto);
  }
}
