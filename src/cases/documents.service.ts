import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { CaseAccess } from './case-access';
import { inspectDocument, withTypeExtension } from './document-content';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface UploadedDocument {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export interface DocumentContent {
  fileName: string;
  contentType: string;
  content: Buffer;
}

type DocumentOwner =
  { caseId: string; referralId?: undefined } | { referralId: string; caseId?: undefined };

interface ReferralOwner {
  id: string;
  status: string;
  caseId: string | null;
  personIds: string[];
}

const ATTACHERS: ReadonlySet<Role> = new Set([Role.FrontOffice, Role.Caseworker, Role.Coordinator]);
/** The front office registers attachments but reads none: they may hold special-category data. */
const READERS: ReadonlySet<Role> = new Set([Role.Caseworker, Role.Coordinator]);

const DOCUMENT_LIST = `SELECT d.id, d.file_name AS "fileName", d.content_type AS "contentType", d.size_bytes AS "sizeBytes",
  d.sha256, d.description, d.uploaded_at AS "uploadedAt", a.display_name AS "uploadedBy"
  FROM case_document d JOIN account a ON a.id = d.uploaded_by`;

export interface DocumentDto {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  description: string | null;
  uploadedAt: Date;
  /** Display name of who uploaded it. */
  uploadedBy: string;
}

/** Documents of a case or of a referral (court orders, reports), kept in the database. */
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
      return this.store(manager, actor, { caseId }, [found.personId], file, description);
    });
  }

  /** An attachment of a referral not yet decided, by the staff of its unit. */
  async uploadToReferral(
    actor: Actor,
    referralId: string,
    file: UploadedDocument | undefined,
    description?: string,
  ): Promise<DocumentDto> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.referralInUnit(manager, actor, referralId, ATTACHERS);
      if (referral.status !== 'received') {
        throw new ConflictException(
          referral.caseId
            ? 'La segnalazione ha aperto una cartella: allegare il documento alla cartella.'
            : 'La segnalazione è chiusa: non si possono aggiungere allegati.',
        );
      }
      return this.store(manager, actor, { referralId }, referral.personIds, file, description);
    });
  }

  /** A referral's attachments: for its unit's social workers; once it opened a case, as the case's. */
  async listForReferral(actor: Actor, referralId: string): Promise<DocumentDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.readableReferral(manager, actor, referralId);
      await this.audit.record(
        actor,
        {
          action: 'read',
          entity: 'referral',
          entityId: referralId,
          caseId: referral.caseId,
          personIds: referral.personIds,
        },
        manager,
      );
      return manager.query(`${DOCUMENT_LIST} WHERE d.referral_id = $1 ORDER BY d.uploaded_at`, [
        referralId,
      ]);
    });
  }

  async downloadFromReferral(
    actor: Actor,
    referralId: string,
    documentId: string,
  ): Promise<DocumentContent> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.readableReferral(manager, actor, referralId);
      return this.content(
        manager,
        actor,
        documentId,
        { referralId },
        referral.caseId,
        referral.personIds,
      );
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
      return manager.query(`${DOCUMENT_LIST} WHERE d.case_id = $1 ORDER BY d.uploaded_at`, [
        caseId,
      ]);
    });
  }

  async download(actor: Actor, caseId: string, documentId: string): Promise<DocumentContent> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.require(manager, actor, caseId);
      return this.content(manager, actor, documentId, { caseId }, caseId, [found.personId]);
    });
  }

  private async content(
    manager: EntityManager,
    actor: Actor,
    documentId: string,
    owner: DocumentOwner,
    caseId: string | null,
    personIds: string[],
  ): Promise<DocumentContent> {
    const column = owner.caseId ? 'case_id' : 'referral_id';
    const [row] = await manager.query(
      `SELECT file_name, content_type, content FROM case_document WHERE id = $1 AND ${column} = $2`,
      [documentId, owner.caseId ?? owner.referralId],
    );
    if (!row) throw new NotFoundException('Documento non trovato.');
    await this.audit.record(
      actor,
      { action: 'download', entity: 'document', entityId: documentId, caseId, personIds },
      manager,
    );
    return { fileName: row.file_name, contentType: row.content_type, content: row.content };
  }

  private async store(
    manager: EntityManager,
    actor: Actor,
    owner: DocumentOwner,
    personIds: string[],
    file: UploadedDocument | undefined,
    description: string | undefined,
  ): Promise<DocumentDto> {
    if (!file || file.size === 0) {
      throw new BadRequestException({
        message: 'Nessun file ricevuto.',
        details: [{ field: 'file', messages: ['campo obbligatorio'] }],
      });
    }
    if (file.size > MAX_DOCUMENT_BYTES)
      throw new PayloadTooLargeException('Il documento supera i 10 MB.');
    const inspection = await inspectDocument(file.buffer);
    if ('refusal' in inspection) {
      throw new BadRequestException({
        message: inspection.refusal,
        details: [{ field: 'file', messages: ['tipo non ammesso o file non valido'] }],
      });
    }
    const { contentType } = inspection;
    const fileName = withTypeExtension(safeFileName(file.originalname), contentType);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const [row] = await manager.query(
      `INSERT INTO case_document (case_id, referral_id, file_name, content_type, size_bytes, sha256, content, description, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING id, uploaded_at, (SELECT display_name FROM account WHERE id = $9) AS uploaded_by`,
      [
        owner.caseId ?? null,
        owner.referralId ?? null,
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
        caseId: owner.caseId ?? null,
        personIds,
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
      uploadedBy: row.uploaded_by,
    };
  }

  /** Before a case exists the referral belongs to its unit: 404 for other units, so ids cannot be probed. */
  private async referralInUnit(
    manager: EntityManager,
    actor: Actor,
    referralId: string,
    roles: ReadonlySet<Role>,
  ): Promise<ReferralOwner> {
    if (!roles.has(actor.role)) {
      throw new ForbiddenException(
        'Il proprio ruolo non consente di consultare gli allegati delle segnalazioni.',
      );
    }
    const [referral] = await manager.query(
      `SELECT id, status, case_id AS "caseId", person_id AS "personId" FROM referral WHERE id = $1 AND unit_code = $2`,
      [referralId, actor.unitCode],
    );
    if (!referral) throw new NotFoundException('Segnalazione non trovata.');
    return { ...referral, personIds: referral.personId ? [referral.personId] : [] };
  }

  private async readableReferral(
    manager: EntityManager,
    actor: Actor,
    referralId: string,
  ): Promise<ReferralOwner> {
    const referral = await this.referralInUnit(manager, actor, referralId, READERS);
    if (referral.caseId) await this.access.require(manager, actor, referral.caseId);
    return referral;
  }
}

/** A name to show and to offer for download: no folders, no control characters, bounded. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'documento';
  const clean = base.replace(/[\p{Cc}"<>|:*?]/gu, '_').trim();
  return (clean || 'documento').slice(0, 200);
}
