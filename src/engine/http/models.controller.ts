import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { Principal } from '../../auth/principal';
import {
  DeploymentDto,
  DeployModelDto,
  ModelsQueryDto,
  ModelValidationDto,
  ProcessDefinitionPageDto,
  ValidateModelDto,
} from './dto/model.dto';
import { EngineApi } from './engine-api.decorator';
import { EngineKeyPipe } from './engine-key.pipe';
import { ModelsService } from './models.service';

@EngineApi()
@Controller('models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  /** Deploys a model; identical name and content give back the same version. */
  @Post()
  @ApiCreatedResponse({ type: DeploymentDto })
  @ApiPayloadTooLargeResponse({ description: 'Richiesta oltre 3 MB' })
  deploy(
    @Body() dto: DeployModelDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeploymentDto> {
    return this.models.deploy(dto, principal);
  }

  /** Checks a model as a deployment would, deploys nothing: the problems with line and column. */
  @Post('validate')
  @HttpCode(200)
  @ApiOkResponse({ type: ModelValidationDto })
  @ApiPayloadTooLargeResponse({ description: 'Richiesta oltre 3 MB' })
  validate(@Body() dto: ValidateModelDto): Promise<ModelValidationDto> {
    return this.models.validate(dto);
  }

  @Get()
  @ApiOkResponse({ type: ProcessDefinitionPageDto })
  list(@Query() query: ModelsQueryDto): Promise<ProcessDefinitionPageDto> {
    return this.models.list(query);
  }

  @Get(':key/xml')
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'Il modello BPMN come pubblicato' })
  @ApiNotFoundResponse()
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  xml(@Param('key', EngineKeyPipe) key: string): Promise<StreamableFile> {
    return this.models.xml(key);
  }
}
