import {
  BadRequestException,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { CaseAccess } from './case-access';
import { DOCUMENT_TYPES, sniffDocumentType } from './sniff-document-type';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface UploadedDocument {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export interface DocumentDto {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  description: string | null;
  uploadedAt: Date;
  uploadedBy: string;
}

/** Documents of a case (court orders, reports), kept in the database with the case. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
  ) {}

  async upload(
    actor: Actor,
    caseId: string,
    file: UploadedDocument | undefined,
    description?: string,
  ): Promise<DocumentDto> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireToChange(manager, actor, caseId);
      if (!file || file.size === 0) {
        throw new BadRequestException({
          message: 'Nessun file ricevuto.',
          details: [{ field: 'file', messages: ['campo obbligatorio'] }],
        });
      }
      if (file.size > MAX_DOCUMENT_BYTES)
        throw new PayloadTooLargeException('Il documento supera i 10 MB.');
      const contentType = sniffDocumentType(file.buffer);
      if (!contentType) {
        throw new BadRequestException({
          message: `Tipo di documento non ammesso: sono accettati ${Object.values(DOCUMENT_TYPES).join(', ')}.`,
          details: [{ field: 'file', messages: ['tipo non ammesso'] }],
        });
      }
      const fileName = safeFileName(file.originalname);
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      const [row] = await manager.query(
        `INSERT INTO case_document (case_id, file_name, content_type, size_bytes, sha256, content, description, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, uploaded_at`,
        [
          caseId,
          fileName,
          contentType,
          file.size,
          sha256,
          file.buffer,
          description ?? null,
          actor.accountId,
        ],
      );
      await this.audit.record(
        actor,
        {
          action: 'create',
          entity: 'document',
          entityId: row.id,
          caseId,
          personIds: [found.personId],
        },
        manager,
      );
      return {
        id: row.id,
        fileName,
        contentType,
        sizeBytes: file.size,
        sha256,
        description: description ?? null,
        uploadedAt: row.uploaded_at,
        uploadedBy: actor.username,
      };
    });
  }

  async list(actor: Actor, caseId: string): Promise<DocumentDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.require(manager, actor, caseId);
      await this.audit.record(
        actor,
        { action: 'read', entity: 'document', caseId, personIds: [found.personId] },
        manager,
      );
      return manager.query(
        `SELECT d.id, d.file_name AS "fileName", d.content_type AS "contentType", d.size_bytes AS "sizeBytes", d.sha256,
                d.description, d.uploaded_at AS "uploadedAt", a.username AS "uploadedBy"
           FROM case_document d JOIN account a ON a.id = d.uploaded_by WHERE d.case_id = $1 ORDER BY d.uploaded_at`,
        [caseId],
      );
    });
  }

  async download(
    actor: Actor,
    caseId: string,
    documentId: string,
  ): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.require(manager, actor, caseId);
      const [row] = await manager.query(
        `SELECT file_name, content_type, content FROM case_document WHERE id = $1 AND case_id = $2`,
        [documentId, caseId],
      );
      if (!row) throw new NotFoundException('Documento non trovato.');
      await this.audit.record(
        actor,
        {
          action: 'download',
          entity: 'document',
          entityId: documentId,
          caseId,
          personIds: [found.personId],
        },
        manager,
      );
      return { fileName: row.file_name, contentType: row.content_type, content: row.content };
    });
  }
}

/** A name to show and to offer for download: no folders, no control characters, bounded. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'documento';
  const clean = base.replace(/[\p{Cc}"<>|:*?]/gu, '_').trim();
  return (clean || 'documento').slice(0, 200);
}
