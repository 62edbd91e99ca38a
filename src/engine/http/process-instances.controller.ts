import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
} from '@nestjs/swagger';
import {
  CreatedProcessInstanceDto,
  CreateProcessInstanceDto,
  FlowEventPageDto,
  HistoryQueryDto,
  ProcessInstanceDto,
  ProcessInstancePageDto,
  ProcessInstancesQueryDto,
} from './dto/process-instance.dto';
import { Actor, CurrentActor } from '../../auth/actor.decorator';
import { EngineApi } from './engine-api.decorator';
import { EngineKeyPipe } from './engine-key.pipe';
import { ProcessInstancesService } from './process-instances.service';

@EngineApi()
@Controller('process-instances')
export class ProcessInstancesController {
  constructor(private readonly instances: ProcessInstancesService) {}

  /** Starts an instance of the latest version. */
  @Post()
  @ApiCreatedResponse({ type: CreatedProcessInstanceDto })
  @ApiNotFoundResponse({ description: 'Nessun modello pubblicato con questo identificativo' })
  create(@Body() dto: CreateProcessInstanceDto): Promise<CreatedProcessInstanceDto> {
    return this.instances.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: ProcessInstancePageDto })
  list(@Query() query: ProcessInstancesQueryDto): Promise<ProcessInstancePageDto> {
    return this.instances.list(query);
  }

  @Get(':key')
  @ApiOkResponse({ type: ProcessInstanceDto })
  @ApiNotFoundResponse()
  get(
    @CurrentActor() actor: Actor,
    @Param('key', EngineKeyPipe) key: string,
  ): Promise<ProcessInstanceDto> {
    return this.instances.get(actor, key);
  }

  /** Where the instance went, step by step, with timestamps. */
  @Get(':key/history')
  @ApiOkResponse({ type: FlowEventPageDto })
  @ApiNotFoundResponse()
  history(
    @Param('key', EngineKeyPipe) key: string,
    @Query() query: HistoryQueryDto,
  ): Promise<FlowEventPageDto> {
    return this.instances.history(key, query);
  }

  @Post(':key/cancel')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Istanza già conclusa' })
  cancel(@Param('key', EngineKeyPipe) key: string): Promise<void> {
    return this.instances.cancel(key);
  }
}
