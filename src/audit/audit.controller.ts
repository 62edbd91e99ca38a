import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { Roles } from '../auth/roles.decorator';
import { AuditService } from './audit.service';
import {
  AccessLogPageDto,
  PersonAccessLogQueryDto,
  PurgeAccessLogDto,
  PurgeResultDto,
} from './dto/access-log.dto';

/** The access log for the privacy officer's requests: administrators only. No route changes an entry. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** "Who saw my data": the entries about a person and about their cases. */
  @Get()
  @ApiOkResponse({ type: AccessLogPageDto })
  forPerson(
    @CurrentActor() actor: Actor,
    @Query() query: PersonAccessLogQueryDto,
  ): Promise<AccessLogPageDto> {
    return this.audit.forPerson(actor, query.personId, query);
  }

  /** Deletes entries older than a cut-off at least 24 months ago; the purge is logged. */
  @Post('purge')
  @HttpCode(200)
  @ApiOkResponse({ type: PurgeResultDto })
  purge(@CurrentActor() actor: Actor, @Body() dto: PurgeAccessLogDto): Promise<PurgeResultDto> {
    return this.audit.purge(actor, dto);
  }
}
