import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AccessLogPageDto } from '../audit/dto/access-log.dto';
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import { CaseDecisionsService } from './case-decisions.service';
import { CaseGrantsService } from './case-grants.service';
import { CaseManagersService } from './case-managers.service';
import { CasePathsService } from './case-paths.service';
import { CaseProcessService } from './case-process.service';
import { CaseTimelineService } from './case-timeline.service';
import { CasesService } from './cases.service';
import { DocumentUpload, documentDownload, uploadDescription } from './document-http';
import { DocumentDto, DocumentsService, UploadedDocument } from './documents.service';
import {
  CaseDetailDto,
  CasePageDto,
  CaseQueryDto,
  CreateCaseDto,
  PathOptionDto,
  StartCasePathDto,
} from './dto/case.dto';
import { CaseGrantDto, CreateCaseGrantDto } from './dto/case-grant.dto';
import { AssignCaseManagerDto } from './dto/case-manager.dto';
import { AvailableDecisionDto, DecisionDto, RecordDecisionDto } from './dto/decision.dto';
import { CaseProcessDto } from './dto/case-process.dto';
import { CreateDiaryEntryDto, TimelineItemDto } from './dto/diary.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly documents: DocumentsService,
    private readonly grants: CaseGrantsService,
    private readonly process: CaseProcessService,
    private readonly timelines: CaseTimelineService,
    private readonly decisions: CaseDecisionsService,
    private readonly caseManagers: CaseManagersService,
    private readonly casePaths: CasePathsService,
  ) {}

  @Post()
  open(@CurrentActor() actor: Actor, @Body() dto: CreateCaseDto): Promise<CaseDetailDto> {
    return this.cases.open(actor, dto);
  }

  @Get()
  search(@CurrentActor() actor: Actor, @Query() query: CaseQueryDto): Promise<CasePageDto> {
    return this.cases.search(actor, query);
  }

  /** The mandated paths by name, for the search's path filter. */
  @Get('paths')
  pathOptions(): Promise<PathOptionDto[]> {
    return this.casePaths.options();
  }

  @Get(':id')
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CaseDetailDto> {
    return this.cases.get(actor, id);
  }

  /** Starts another mandated path on the open case (its case manager or the unit's coordinator). */
  @Post(':id/paths')
  startPath(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: StartCasePathDto,
  ): Promise<CaseDetailDto> {
    return this.cases.startPath(actor, id, dto);
  }

  @Get(':id/timeline')
  timeline(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TimelineItemDto[]> {
    return this.timelines.timeline(actor, id);
  }

  @Post(':id/diary')
  addDiaryEntry(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateDiaryEntryDto,
  ): Promise<TimelineItemDto> {
    return this.cases.addDiaryEntry(actor, id, dto);
  }

  /** The unit's coordinator (re)assigns the case manager, who is notified. */
  @Post(':id/case-manager')
  @HttpCode(200)
  assignCaseManager(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignCaseManagerDto,
  ): Promise<CaseDetailDto> {
    return this.caseManagers.assign(actor, id, dto);
  }

  /** The outside decisions the case's running paths wait for now. */
  @Get(':id/decisions/available')
  availableDecisions(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AvailableDecisionDto[]> {
    return this.decisions.available(actor, id);
  }

  @Get(':id/decisions')
  listDecisions(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DecisionDto[]> {
    return this.decisions.list(actor, id);
  }

  /** Records an outside decision (the case manager or the unit's coordinator); the path moves on. */
  @Post(':id/decisions')
  recordDecision(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordDecisionDto,
  ): Promise<DecisionDto> {
    return this.decisions.record(actor, id, dto);
  }

  @Get(':id/documents')
  listDocuments(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DocumentDto[]> {
    return this.documents.list(actor, id);
  }

  @Post(':id/documents')
  @DocumentUpload()
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: UploadedDocument | undefined,
    @Body('description') description?: string,
  ): Promise<DocumentDto> {
    return this.documents.upload(actor, id, file, uploadDescription(description));
  }

  @Get(':id/documents/:documentId')
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return documentDownload(response, await this.documents.download(actor, id, documentId));
  }

  /** The case's paths: model XML and active/completed elements, for the diagram. */
  @Get(':id/process')
  viewProcess(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CaseProcessDto[]> {
    return this.process.view(actor, id);
  }

  /** Who accessed the case (the unit's coordinator). */
  @Get(':id/access-log')
  accessLog(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() page: PageQueryDto,
  ): Promise<AccessLogPageDto> {
    return this.cases.accessLog(actor, id, page);
  }

  /** Lets a manager read this case until the expiry (the unit's coordinator or an administrator). */
  @Post(':id/grants')
  grant(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateCaseGrantDto,
  ): Promise<CaseGrantDto> {
    return this.grants.grant(actor, id, dto);
  }
}
