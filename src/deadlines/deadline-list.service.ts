import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { AppConfig } from '../config/app-config';
import { EngineReadModel } from '../engine/read-model/engine-read-model';
import { ENGINE_CLOCK } from '../engine/engine-clock';
import { IsoDate, romeDateOf } from './calendar';
import { atRiskSql, workingDaysHorizon } from './deadline-risk';
import { deadlineDueInstant, palermoCalendar } from './deadline-time';
import { DeadlineListItemDto, DeadlinePageDto, DeadlineQueryDto } from './dto/deadline-list.dto';

export const DEADLINE_LIST_FORBIDDEN =
  "L'elenco delle scadenze è riservato ad assistenti sociali e coordinatori di unità.";

type DeadlineListRow = Omit<DeadlineListItemDto, 'breachedAt' | 'workingDaysLeft' | 'pathName'> & {
  personId: string;
  processInstanceKey: string | null;
};

const LIST_COLUMNS = `d.id, d.case_id AS "caseId", c.case_number AS "caseNumber", c.person_id AS "personId",
  p.surname || ' ' || p.name AS "personName", d.kind, d.label, d.legal_basis AS "legalBasis",
  d.due_date::text AS "dueDate", d.status, d.max_extensions AS "maxExtensions",
  (SELECT count(*)::int FROM deadline_extension e WHERE e.deadline_id = d.id) AS "extensionsCount",
  c.case_manager_id AS "caseManagerId", m.display_name AS "caseManagerName",
  d.process_instance_key::text AS "processInstanceKey"`;

/**
 * The legal deadlines across cases, most urgent first: a coordinator's unit, a caseworker's own
 * cases ("my deadlines at risk": `status=atRisk`). Items name the person, so a page is written
 * to the access log as a search of cases, as the case search does.
 */
@Injectable()
export class DeadlineListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(ENGINE_CLOCK) private readonly clock: () => Date,
    private readonly engineReads: EngineReadModel,
  ) {}

  async list(actor: Actor, query: DeadlineQueryDto): Promise<DeadlinePageDto> {
    const params: unknown[] = [];
    const add = (value: unknown) => `$${params.push(value)}`;
    const where = [scopeOf(actor, add)];
    const today = romeDateOf(this.clock());
    if (query.status === 'open') where.push(`d.status = 'running'`);
    if (query.status === 'breached' || query.status === 'met') {
      where.push(`d.status = ${add(query.status)}`);
    }
    if (query.status === 'atRisk') {
      where.push(
        atRiskSql(add(workingDaysHorizon(today, this.config.deadlineReminderWorkingDays))),
      );
    }
    if (query.dueWithinWorkingDays !== undefined) {
      where.push(
        `d.due_date < ${add(workingDaysHorizon(today, query.dueWithinWorkingDays))}::date`,
      );
    }
    if (query.caseManagerId) where.push(`c.case_manager_id = ${add(query.caseManagerId)}`);
    if (query.kind) where.push(`d.kind = ${add(query.kind)}`);
    const from = `FROM case_deadline d JOIN social_case c ON c.id = d.case_id
      JOIN person p ON p.id = c.person_id LEFT JOIN account m ON m.id = c.case_manager_id
      WHERE ${where.join(' AND ')}`;
    return this.dataSource.transaction(async (manager) => {
      const [{ total }] = await manager.query(`SELECT count(*)::int AS total ${from}`, params);
      const rows: DeadlineListRow[] = await manager.query(
        `SELECT ${LIST_COLUMNS} ${from} ORDER BY d.due_date, d.created_at, d.id
          LIMIT ${query.limit} OFFSET ${query.offset}`,
        params,
      );
      if (rows.length > 0) {
        await this.audit.record(
          actor,
          {
            action: 'search',
            entity: 'case',
            personIds: [...new Set(rows.map((r) => r.personId))],
            reason: 'Elenco delle scadenze',
          },
          manager,
        );
      }
      const processes = await this.engineReads.processesOf(
        manager,
        rows.flatMap((r) => (r.processInstanceKey ? [r.processInstanceKey] : [])),
      );
      const pathName = (row: DeadlineListRow) =>
        (row.processInstanceKey && processes.get(row.processInstanceKey)?.processName) || null;
      return {
        items: rows.map((row) => toItem(row, pathName(row), today)),
        total,
        limit: query.limit,
        offset: query.offset,
      };
    });
  }
}

/** Who sees which deadlines: the coordinator the unit's, a caseworker those of the cases they manage. */
function scopeOf(actor: Actor, add: (value: unknown) => string): string {
  if (actor.role === Role.Coordinator) return `c.unit_code = ${add(actor.unitCode)}`;
  if (actor.role === Role.Caseworker) {
    return `c.unit_code = ${add(actor.unitCode)} AND c.case_manager_id = ${add(actor.accountId)}`;
  }
  throw new ForbiddenException(DEADLINE_LIST_FORBIDDEN);
}

function toItem(
  { personId: _, processInstanceKey: __, ...row }: DeadlineListRow,
  pathName: string | null,
  today: IsoDate,
): DeadlineListItemDto {
  return {
    ...row,
    pathName,
    // A breach is the end of the due day in Rome; the date cannot move after it.
    breachedAt: row.status === 'breached' ? deadlineDueInstant(row.dueDate) : null,
    workingDaysLeft:
      row.status === 'running' ? palermoCalendar.workingDaysBetween(today, row.dueDate) : null,
  };
}
