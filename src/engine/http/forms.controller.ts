import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { Principal } from '../../auth/principal';
import {
  DeployedFormDto,
  DeployFormDto,
  FormDto,
  FormPageDto,
  FormValidationDto,
  FormVersionPageDto,
  ValidateFormDto,
} from './dto/form.dto';
import { PageQueryDto } from './dto/page.dto';
import { EngineApi } from './engine-api.decorator';
import { FormsService } from './forms.service';

const versionPipe = new ParseIntPipe({
  exceptionFactory: () =>
    new BadRequestException('Versione non valida: deve essere un numero intero.'),
});

@EngineApi()
@Controller('forms')
export class FormsController {
  constructor(private readonly forms: FormsService) {}

  /** Publishes a form: a new version of its id; identical content gives back the same version. */
  @Post()
  @ApiCreatedResponse({ type: DeployedFormDto })
  deploy(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: DeployFormDto,
  ): Promise<DeployedFormDto> {
    return this.forms.deploy(principal, dto);
  }

  /** The checks of a publication, publishing nothing. */
  @Post('validate')
  @HttpCode(200)
  @ApiOkResponse({ type: FormValidationDto })
  validate(@Body() dto: ValidateFormDto): FormValidationDto {
    return this.forms.validate(dto);
  }

  @Get()
  @ApiOkResponse({ type: FormPageDto })
  list(@Query() query: PageQueryDto): Promise<FormPageDto> {
    return this.forms.list(query);
  }

  @Get(':formId')
  @ApiOkResponse({ type: FormDto, description: 'L’ultima versione, con lo schema' })
  @ApiNotFoundResponse()
  latest(@Param('formId') formId: string): Promise<FormDto> {
    return this.forms.latest(formId);
  }

  @Get(':formId/versions')
  @ApiOkResponse({ type: FormVersionPageDto })
  @ApiNotFoundResponse()
  versions(
    @Param('formId') formId: string,
    @Query() query: PageQueryDto,
  ): Promise<FormVersionPageDto> {
    return this.forms.versions(formId, query);
  }

  @Get(':formId/versions/:version')
  @ApiOkResponse({ type: FormDto })
  @ApiNotFoundResponse()
  version(
    @Param('formId') formId: string,
    @Param('version', versionPipe) version: number,
  ): Promise<FormDto> {
    return this.forms.version(formId, version);
  }
}
