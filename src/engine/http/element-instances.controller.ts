import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../auth/actor.decorator';
import { SetVariablesDto } from './dto/process-instance.dto';
import { EngineApi } from './engine-api.decorator';
import { EngineKeyPipe } from './engine-key.pipe';
import { ProcessInstancesService } from './process-instances.service';

/** An element instance's variables (Zeebe's SetVariables): what an incident's retry may need. */
@EngineApi()
@Controller('element-instances')
export class ElementInstancesController {
  constructor(private readonly instances: ProcessInstancesService) {}

  /** In the access log (the names set, not the values). */
  @Put(':key/variables')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Elemento sconosciuto o già concluso' })
  @ApiConflictResponse({ description: 'Istanza già conclusa' })
  setVariables(
    @CurrentActor() actor: Actor,
    @Param('key', EngineKeyPipe) key: string,
    @Body() dto: SetVariablesDto,
  ): Promise<void> {
    return this.instances.setVariables(actor, key, dto);
  }
}
