import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Variables } from '../engine/engine.port';
import { EngineKeyPipe } from '../engine/http/engine-key.pipe';
import { AssignTaskDto, CompleteTaskDto } from './dto/task-action.dto';
import { TaskQueryDto } from './dto/task-query.dto';
import { SavedDraftDto, SaveTaskDraftDto, TaskDraftDto } from './dto/task-draft.dto';
import { TaskCountsDto, TaskDto, TaskPageDto } from './dto/task.dto';
import { TaskDraftsService } from './task-drafts.service';
import { FormSchema } from './forms';
import { TasksApi } from './tasks-api.decorator';
import { TasksService } from './tasks.service';

const NOT_FOUND = 'Attività inesistente o di un’altra unità';

@TasksApi()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly drafts: TaskDraftsService,
  ) {}

  /** A view of the caller's unit, most urgent first (due date ascending, none last). */
  @Get()
  @ApiOkResponse({ type: TaskPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: TaskQueryDto): Promise<TaskPageDto> {
    return this.tasks.list(actor, query);
  }

  /** The counts on the tasklist's tabs (declared before :id, which takes a job key). */
  @Get('counts')
  @ApiOkResponse({ type: TaskCountsDto })
  counts(@CurrentPrincipal() principal: Principal): Promise<TaskCountsDto> {
    return this.tasks.counts(principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param('id', EngineKeyPipe) id: string): Promise<TaskDto> {
    return this.tasks.get(actor, id);
  }

  /** The form-js schema of the task's form. */
  @Get(':id/form')
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  @ApiNotFoundResponse({ description: `${NOT_FOUND}, o senza modulo` })
  form(
    @CurrentPrincipal() principal: Principal,
    @Param('id', EngineKeyPipe) id: string,
  ): Promise<FormSchema> {
    return this.tasks.form(principal, id);
  }

  /** The process variables the form opens with. */
  @Get(':id/variables')
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Attività conclusa' })
  variables(
    @CurrentActor() actor: Actor,
    @Param('id', EngineKeyPipe) id: string,
  ): Promise<Variables> {
    return this.tasks.variables(actor, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Già presa in carico, completata o annullata' })
  claim(
    @CurrentPrincipal() principal: Principal,
    @Param('id', EngineKeyPipe) id: string,
  ): Promise<TaskDto> {
    return this.tasks.claim(principal, id);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Non assegnata, completata o annullata' })
  unclaim(
    @CurrentPrincipal() principal: Principal,
    @Param('id', EngineKeyPipe) id: string,
  ): Promise<TaskDto> {
    return this.tasks.unclaim(principal, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Completata o annullata' })
  assign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', EngineKeyPipe) id: string,
    @Body() dto: AssignTaskDto,
  ): Promise<TaskDto> {
    return this.tasks.assign(principal, id, dto);
  }

  /** Completes the task with the form's answers; the path moves on. */
  @Post(':id/complete')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({
    description: 'Non assegnata a chi completa, già completata (da chi, quando) o annullata',
  })
  complete(
    @CurrentPrincipal() principal: Principal,
    @Param('id', EngineKeyPipe) id: string,
    @Body() dto: CompleteTaskDto,
  ): Promise<void> {
    return this.tasks.complete(principal, id, dto);
  }

  /** The caller's draft of the form's answers (404 when none). */
  @Get(':id/draft')
  @ApiOkResponse({ type: TaskDraftDto })
  @ApiNotFoundResponse({ description: `${NOT_FOUND}, o nessuna bozza` })
  draft(
    @CurrentActor() actor: Actor,
    @Param('id', EngineKeyPipe) id: string,
  ): Promise<TaskDraftDto> {
    return this.drafts.get(actor, id);
  }

  /** Keeps the answers written so far, on the server, for the caller only. */
  @Put(':id/draft')
  @ApiOkResponse({ type: SavedDraftDto })
  @ApiConflictResponse({ description: 'Attività conclusa' })
  saveDraft(
    @CurrentActor() actor: Actor,
    @Param('id', EngineKeyPipe) id: string,
    @Body() dto: SaveTaskDraftDto,
  ): Promise<SavedDraftDto> {
    return this.drafts.save(actor, id, dto.data);
  }

  @Delete(':id/draft')
  @HttpCode(204)
  @ApiNoContentResponse()
  discardDraft(
    @CurrentActor() actor: Actor,
    @Param('id', EngineKeyPipe) id: string,
  ): Promise<void> {
    return this.drafts.discard(actor, id);
  }
}
