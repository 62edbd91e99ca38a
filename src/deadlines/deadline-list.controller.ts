import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { DeadlineListService } from './deadline-list.service';
import { DeadlinePageDto, DeadlineQueryDto } from './dto/deadline-list.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlineListController {
  constructor(private readonly deadlines: DeadlineListService) {}

  /** The unit's deadlines (coordinator) or those of one's own cases (caseworker), most urgent first; logged. */
  @Get()
  @ApiOkResponse({ type: DeadlinePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: DeadlineQueryDto): Promise<DeadlinePageDto> {
    return this.deadlines.list(actor, query);
  }
}
