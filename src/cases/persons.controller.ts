import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { CreatePersonDto, PersonDto } from './dto/person.dto';
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
  @ApiQuery({ name: 'taxCode', required: false })
  @ApiQuery({ name: 'name', required: false, description: 'Inizio del cognome, poi del nome' })
  find(
    @CurrentActor() actor: Actor,
    @Query('taxCode') taxCode?: string,
    @Query('name') name?: string,
  ): Promise<PersonDto[]> {
    return this.persons.find(actor, {
      taxCode: typeof taxCode === 'string' ? taxCode : undefined,
      name: typeof name === 'string' ? name : undefined,
    });
  }
}
