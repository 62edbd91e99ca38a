import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { CreateHouseholdDto, HouseholdDto } from './dto/household.dto';
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
}
