import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { CreatePersonDto, PersonDetailDto, PersonDto, PersonQueryDto } from './dto/person.dto';
import { PersonsService } from './persons.service';

@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Post()
  register(@CurrentActor() actor: Actor, @Body() dto: CreatePersonDto): Promise<PersonDto> {
    return this.persons.register(actor, dto);
  }

  @Get()
  find(@CurrentActor() actor: Actor, @Query() query: PersonQueryDto): Promise<PersonDto[]> {
    return this.persons.find(actor, query);
  }

  /** The person, their households in the caller's unit and the cases the caller may open. */
  @Get(':id')
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PersonDetailDto> {
    return this.persons.get(actor, id);
  }
}
