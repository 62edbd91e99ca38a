import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../auth/actor.decorator';
import { IncidentPageDto, IncidentsQueryDto, RetryIncidentDto } from './dto/incident.dto';
import { EngineApi } from './engine-api.decorator';
import { EngineKeyPipe } from './engine-key.pipe';
import { IncidentsService } from './incidents.service';

@EngineApi()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @ApiOkResponse({ type: IncidentPageDto })
  list(@Query() query: IncidentsQueryDto): Promise<IncidentPageDto> {
    return this.incidents.list(query);
  }

  /** Retries what failed; for a job, raise its retries first (PATCH /jobs/:key). */
  @Post(':key/resolve')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Incidente sconosciuto o già risolto' })
  resolve(@Param('key', EngineKeyPipe) key: string): Promise<void> {
    return this.incidents.resolve(key);
  }

  /** In one call: the job's retries (default 1), then the incident resolved; in the access log. */
  @Post(':key/retry')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Incidente sconosciuto o già risolto' })
  retry(
    @CurrentActor() actor: Actor,
    @Param('key', EngineKeyPipe) key: string,
    @Body() dto: RetryIncidentDto,
  ): Promise<void> {
    return this.incidents.retry(actor, key, dto);
  }
}
