import { applyDecorators, Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../auth/actor.decorator';
import { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import {
  ActivatedJobsDto,
  ActivateJobsDto,
  CompleteJobDto,
  FailJobDto,
  ThrowJobErrorDto,
  UpdateJobRetriesDto,
} from './dto/job.dto';
import { EngineApi } from './engine-api.decorator';
import { EngineKeyPipe } from './engine-key.pipe';
import { JobsService } from './jobs.service';

/** A worker's commands: the accounts of external programs (role worker) only. */
const WorkerOnly = () =>
  applyDecorators(
    Roles(Role.Worker),
    ApiForbiddenResponse({ description: 'Operazione riservata ai programmi esterni (worker)' }),
  );

/** Job commands for external workers; the administrator changes retries (PATCH). */
@EngineApi()
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /** Hands out up to maxJobs jobs of a type; the list may be empty. In the access log. */
  @Post('activate')
  @WorkerOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: ActivatedJobsDto })
  activate(@CurrentActor() actor: Actor, @Body() dto: ActivateJobsDto): Promise<ActivatedJobsDto> {
    return this.jobs.activate(actor, dto);
  }

  @Post(':key/complete')
  @WorkerOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Job sconosciuto o già concluso' })
  complete(@Param('key', EngineKeyPipe) key: string, @Body() dto: CompleteJobDto): Promise<void> {
    return this.jobs.complete(key, dto);
  }

  /** retries 0 opens an incident. */
  @Post(':key/fail')
  @WorkerOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Job sconosciuto o già concluso' })
  fail(@Param('key', EngineKeyPipe) key: string, @Body() dto: FailJobDto): Promise<void> {
    return this.jobs.fail(key, dto);
  }

  /** A BPMN error: caught by an error event of the model, otherwise an incident. */
  @Post(':key/error')
  @WorkerOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Job sconosciuto o già concluso' })
  throwError(
    @Param('key', EngineKeyPipe) key: string,
    @Body() dto: ThrowJobErrorDto,
  ): Promise<void> {
    return this.jobs.throwError(key, dto);
  }

  @Patch(':key')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Job sconosciuto o già concluso' })
  updateRetries(
    @Param('key', EngineKeyPipe) key: string,
    @Body() dto: UpdateJobRetriesDto,
  ): Promise<void> {
    return this.jobs.updateRetries(key, dto);
  }
}
