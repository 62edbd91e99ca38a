import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { CreateTaskFilterDto, TaskFilterDto } from './dto/task-filter.dto';
import { TaskFiltersService } from './task-filters.service';
import { TasksApi } from './tasks-api.decorator';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({
      message: 'Identificativo del filtro non valido.',
      details: [{ field: 'id', messages: ['identificativo non valido'] }],
    }),
});

@TasksApi()
@Controller('task-filters')
export class TaskFiltersController {
  constructor(private readonly filters: TaskFiltersService) {}

  /** The caller's filters and those shared within the unit. */
  @Get()
  @ApiOkResponse({ type: [TaskFilterDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<TaskFilterDto[]> {
    return this.filters.list(principal);
  }

  @Post()
  @ApiCreatedResponse({ type: TaskFilterDto })
  @ApiConflictResponse({ description: 'Un filtro con lo stesso nome esiste già' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateTaskFilterDto,
  ): Promise<TaskFilterDto> {
    return this.filters.create(principal, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Filtro inesistente o non visibile' })
  remove(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<void> {
    return this.filters.remove(principal, id);
  }
}
