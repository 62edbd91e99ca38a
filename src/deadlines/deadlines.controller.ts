import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { DeadlinesService } from './deadlines.service';
import { CaseDeadlineDto, ExtendDeadlineDto } from './dto/deadline.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('cases/:caseId/deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  /** The legal deadlines of a case with their extensions (a read of the case, logged). */
  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Param('caseId', ParseUUIDPipe) caseId: string,
  ): Promise<CaseDeadlineDto[]> {
    return this.deadlines.list(actor, caseId);
  }

  /** Records a proroga: the unit's coordinator or the case manager; 409 if the deadline is not running. */
  @Post(':deadlineId/extensions')
  extend(
    @CurrentActor() actor: Actor,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Param('deadlineId', ParseUUIDPipe) deadlineId: string,
    @Body() dto: ExtendDeadlineDto,
  ): Promise<CaseDeadlineDto> {
    return this.deadlines.extend(actor, caseId, deadlineId, dto);
  }
}
