import {
  Body,
  Controller,
  Get,
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
import { Actor, CurrentActor } from '../auth/actor.decorator';
import { DocumentUpload, documentDownload, uploadDescription } from './document-http';
import { DocumentDto, DocumentsService, UploadedDocument } from './documents.service';
import {
  CreateReferralDto,
  ReferralDetailDto,
  ReferralDto,
  ReferralPageDto,
  ReferralQueryDto,
} from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly documents: DocumentsService,
  ) {}

  @Post()
  receive(@CurrentActor() actor: Actor, @Body() dto: CreateReferralDto): Promise<ReferralDto> {
    return this.referrals.receive(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ReferralQueryDto): Promise<ReferralPageDto> {
    return this.referrals.list(actor, query);
  }

  @Get(':id')
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReferralDetailDto> {
    return this.referrals.get(actor, id);
  }

  @Get(':id/documents')
  listDocuments(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DocumentDto[]> {
    return this.documents.listForReferral(actor, id);
  }

  @Post(':id/documents')
  @DocumentUpload()
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: UploadedDocument | undefined,
    @Body('description') description?: string,
  ): Promise<DocumentDto> {
    return this.documents.uploadToReferral(actor, id, file, uploadDescription(description));
  }

  @Get(':id/documents/:documentId')
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return documentDownload(
      response,
      await this.documents.downloadFromReferral(actor, id, documentId),
    );
  }
}
