import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Actor } from '../auth/actor.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import { changedRows } from '../database/changed-rows';
import { addMonths, isIsoDate, romeDateOf, romeStartOfDay } from '../deadlines/calendar';
import { AccessLogEntry, AuditAction, AuditEntity } from './access-log.entity';
import {
  AccessLogEntryDto,
  AccessLogPageDto,
  PurgeAccessLogDto,
  PurgeResultDto,
  toAccessLogEntryDto,
} from './dto/access-log.dto';

/** How long the access log is kept at least (Garante, electronic health dossier guidelines). */
export const ACCESS_LOG_RETENTION_MONTHS = 24;

/** Who acts: a signed-in person, the system (a job worker), or someone not signed in (a login). */
export type AuditActor = Pick<Actor, 'username' | 'unitCode' | 'address' | 'requestId'> & {
  accountId: string | null;
  role: Actor['role'] | 'system' | 'anonymous';
};

/** The system as an actor, for what job workers do on a path's behalf. */
export function systemActor(unitCode: string | null): AuditActor {
  return {
    accountId: null,
    username: 'sistema',
    role: 'system',
    unitCode,
    address: null,
    requestId: null,
  };
}

export interface AuditRecord {
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | null;
  caseId?: string | null;
  personIds?: string[];
  reason?: string | null;
}

/** Writes the access log: in the caller's transaction when given, so a rolled-back change logs nothing. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AccessLogEntry) private readonly log: Repository<AccessLogEntry>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async record(actor: AuditActor, record: AuditRecord, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AccessLogEntry) : this.log;
    await repository.insert({
      at: new Date(),
      accountId: actor.accountId,
      username: actor.username,
      role: actor.role,
      unitCode: actor.unitCode,
      action: record.action,
      entity: record.entity,
      entityId: record.entityId ?? null,
      caseId: record.caseId ?? null,
      personIds: record.personIds ?? [],
      reason: record.reason ?? null,
      address: actor.address,
      requestId: actor.requestId,
    });
  }

  /**
   * "Who saw my data": every entry about the person (their ids are in
   * person_ids, also as a household member) or about one of their cases,
   * newest first. The caller is an administrator (the privacy officer's
   * role); the answer is itself logged.
   */
  async forPerson(
    actor: AuditActor,
    personId: string,
    page: PageQueryDto,
  ): Promise<AccessLogPageDto> {
    return this.dataSource.transaction(async (manager) => {
      const [entries, total] = await manager
        .getRepository(AccessLogEntry)
        .createQueryBuilder('l')
        .where(
          `l.person_ids @> ARRAY[:personId]::uuid[]
            OR l.case_id IN (SELECT c.id FROM social_case c WHERE c.person_id = :personId)`,
          { personId },
        )
        .orderBy('l.at', 'DESC')
        .addOrderBy('l.id', 'DESC')
        .take(page.limit)
        .skip(page.offset)
        .getManyAndCount();
      await this.record(
        actor,
        { action: 'read', entity: 'access-log', entityId: personId, personIds: [personId] },
        manager,
      );
      return {
        items: await this.named(manager, entries),
        total,
        limit: page.limit,
        offset: page.offset,
      };
    });
  }

  /** Who accessed one case, newest first (the caller has checked access to the case). */
  async forCase(
    manager: EntityManager,
    caseId: string,
    page: PageQueryDto,
  ): Promise<AccessLogPageDto> {
    const [entries, total] = await manager.getRepository(AccessLogEntry).findAndCount({
      where: { caseId },
      order: { at: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return {
      items: await this.named(manager, entries),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }

  /** The entries with the display names of their accounts, as a person reads who it was. */
  private async named(
    manager: EntityManager,
    entries: AccessLogEntry[],
  ): Promise<AccessLogEntryDto[]> {
    const ids = [...new Set(entries.map((e) => e.accountId).filter((id) => id !== null))];
    const rows: Array<{ id: string; displayName: string }> = ids.length
      ? await manager.query(
          `SELECT id, display_name AS "displayName" FROM account WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    const names = new Map(rows.map((r) => [r.id, r.displayName]));
    return entries.map((e) =>
      toAccessLogEntryDto(e, e.accountId ? (names.get(e.accountId) ?? null) : null),
    );
  }

  /**
   * Deletes the entries older than the cut-off day (start of the day in Rome),
   * which must be at least 24 months ago; the purge itself is logged. The
   * table's trigger lets these deletes through only inside this transaction.
   */
  async purge(actor: AuditActor, dto: PurgeAccessLogDto): Promise<PurgeResultDto> {
    const latest = addMonths(romeDateOf(new Date()), -ACCESS_LOG_RETENTION_MONTHS);
    if (!isIsoDate(dto.before) || dto.before > latest) {
      throw new BadRequestException({
        message: `Il registro degli accessi si conserva almeno ${ACCESS_LOG_RETENTION_MONTHS} mesi: indicare una data non successiva al ${latest}.`,
        details: [{ field: 'before', messages: [`data non successiva al ${latest}`] }],
      });
    }
    const cutOff = romeStartOfDay(dto.before);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('percorsi.access_log_purge_before', $1, true)`, [
        cutOff.toISOString(),
      ]);
      const deleted = await changedRows(
        manager,
        `DELETE FROM access_log WHERE at < $1 RETURNING id`,
        [cutOff],
      );
      await manager.query(`SELECT set_config('percorsi.access_log_purge_before', '', true)`);
      await this.record(
        actor,
        {
          action: 'purge',
          entity: 'access-log',
          reason: `Eliminate ${deleted.length} voci anteriori al ${dto.before}`,
        },
        manager,
      );
      return { before: dto.before, deleted: deleted.length };
    });
  }
}
