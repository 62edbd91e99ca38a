import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { changedRows } from '../database/changed-rows';
import { PageQueryDto } from '../common/page-query.dto';
import { AccessLogPageDto } from '../audit/dto/access-log.dto';
import { EngineReadRepository } from '../engine/http/engine-read.repository';
import { CaseAccess } from './case-access';
import { caseInstances } from './case-instances';
import { EngineReadModel, CaseInstance } from '../engine/read-model/engine-read-model';
import { CasePathsService } from './case-paths.service';
import { diaryItems } from './diary-items';
import {
  CaseDetailDto,
  CasePathDto,
  CasePageDto,
  CaseQueryDto,
  CaseSummaryDto,
  CreateCaseDto,
  StartCasePathDto,
} from './dto/case.dto';
import { CreateDiaryEntryDto, TimelineItemDto } from './dto/diary.dto';
import { HouseholdsService } from './households.service';
import { PathNames } from './path-names';
import { PATH_PROCESS_IDS } from './paths';
import { nextRegisterNumber } from './register-number';

interface CaseRow {
  id: string;
  case_number: string;
  unit_code: string;
  status: string;
  opened_at: Date;
  closed_at: Date | null;
  household_id: string | null;
  case_manager_id: string | null;
  case_manager_name: string | null;
  paths: string[] | null;
  path_names: string[] | null;
  person_id: string;
  tax_code: string | null;
  surname: string;
  name: string;
  birth_date: string | null;
  sex: 'F' | 'M' | null;
}

const CASE_COLUMNS = `c.id, c.case_number, c.unit_code, c.status, c.opened_at, c.closed_at, c.household_id,
  c.case_manager_id, m.display_name AS case_manager_name, p.id AS person_id, p.tax_code, p.surname, p.name,
  to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex,
  (SELECT array_agg(DISTINCT cp.bpmn_process_id) FROM case_path cp WHERE cp.case_id = c.id) AS paths,
  (SELECT array_agg(DISTINCT COALESCE(pd.name, cp.bpmn_process_id))
     FROM case_path cp LEFT JOIN process_instance pi ON pi.key = cp.process_instance_key
     LEFT JOIN process_definition pd ON pd.key = pi.process_definition_key
    WHERE cp.case_id = c.id) AS path_names`;

/** Cases (cartelle sociali): opening, reading, searching, the social diary. */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly paths: CasePathsService,
    private readonly caseEngine: EngineReadModel,
    private readonly engineRead: EngineReadRepository,
    private readonly names: PathNames,
    private readonly households: HouseholdsService,
  ) {}

  /**
   * Opens a case in the caller's unit (a coordinator, or a caseworker who becomes its case
   * manager) and, when asked, starts its mandated path (e.g. a case opened from a court order).
   */
  async open(actor: Actor, dto: CreateCaseDto): Promise<CaseDetailDto> {
    if (actor.role !== Role.Coordinator && actor.role !== Role.Caseworker) {
      throw new ForbiddenException('Solo assistenti sociali e coordinatori aprono una cartella.');
    }
    const caseManagerId =
      dto.caseManagerId ?? (actor.role === Role.Caseworker ? actor.accountId : null);
    const unitCode = actor.unitCode as string;
    const { path, ...input } = dto;
    const id = await this.dataSource.transaction(async (manager) => {
      const { caseId } = await this.openIn(manager, actor, { ...input, caseManagerId, unitCode });
      if (path) await this.paths.request(manager, caseId, path);
      return caseId;
    });
    // After the commit (the engine writes in its own transaction); if it cannot start the
    // path now, the case keeps it owed and the background pass starts it later.
    if (path) await this.paths.startRequested(id);
    return this.get(actor, id);
  }

  /** Opening inside a given transaction (also used by the intake path's worker). */
  async openIn(
    manager: EntityManager,
    actor: AuditActor,
    input: {
      personId: string;
      householdId?: string;
      caseManagerId?: string | null;
      referralId?: string;
      unitCode: string;
    },
  ): Promise<{ caseId: string; caseNumber: string }> {
    const person = await manager.query(`SELECT 1 FROM person WHERE id = $1`, [input.personId]);
    if (person.length === 0)
      throw new BadRequestException({
        message: 'Persona non trovata.',
        details: [{ field: 'personId', messages: ['persona non registrata'] }],
      });
    if (input.householdId) {
      // A household of another unit is not shown to this one, not even through a case.
      const [household] = await manager.query(
        `SELECT 1 FROM household WHERE id = $1 AND unit_code = $2`,
        [input.householdId, input.unitCode],
      );
      if (!household) {
        throw new BadRequestException({
          message: 'Nucleo familiare non trovato in questa unità.',
          details: [{ field: 'householdId', messages: ["nucleo non registrato nell'unità"] }],
        });
      }
    }
    if (input.caseManagerId) {
      const [account] = await manager.query(
        `SELECT 1 FROM account WHERE id = $1 AND active AND unit_code = $2 AND role IN ('caseworker', 'coordinator')`,
        [input.caseManagerId, input.unitCode],
      );
      if (!account) {
        throw new BadRequestException({
          message: 'Il case manager deve essere un assistente sociale della stessa unità.',
          details: [{ field: 'caseManagerId', messages: ['non è un operatore di questa unità'] }],
        });
      }
    }
    const open = await manager.query(
      `SELECT case_number FROM social_case WHERE person_id = $1 AND unit_code = $2 AND status = 'open'`,
      [input.personId, input.unitCode],
    );
    if (open.length > 0) {
      throw new ConflictException(
        `La persona ha già una cartella aperta in questa unità: ${open[0].case_number}.`,
      );
    }
    const now = new Date();
    const caseNumber = await nextRegisterNumber(manager, 'SSC', input.unitCode, now.getFullYear());
    const [{ id }] = await manager.query(
      `INSERT INTO social_case (case_number, unit_code, person_id, household_id, case_manager_id, status, opened_at, opened_by, referral_id)
       VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8) RETURNING id`,
      [
        caseNumber,
        input.unitCode,
        input.personId,
        input.householdId ?? null,
        input.caseManagerId ?? null,
        now,
        actor.accountId,
        input.referralId ?? null,
      ],
    );
    if (input.referralId) await this.decideReferral(manager, input.referralId, id, input);
    await this.audit.record(
      actor,
      { action: 'create', entity: 'case', entityId: id, caseId: id, personIds: [input.personId] },
      manager,
    );
    return { caseId: id as string, caseNumber };
  }

  /** The referral the case comes from is decided, and its attachments join the case file. */
  private async decideReferral(
    manager: EntityManager,
    referralId: string,
    caseId: string,
    input: { personId: string; unitCode: string },
  ): Promise<void> {
    const decided = await changedRows(
      manager,
      `UPDATE referral SET status = 'case-opened', outcome = coalesce(outcome, 'takeInCharge'),
              case_id = $2, person_id = coalesce(person_id, $3)
        WHERE id = $1 AND unit_code = $4 AND (case_id IS NULL OR case_id = $2) RETURNING id`,
      [referralId, caseId, input.personId, input.unitCode],
    );
    if (decided.length === 0) {
      throw new BadRequestException({
        message: 'Segnalazione non trovata in questa unità, o già collegata a un’altra cartella.',
        details: [{ field: 'referralId', messages: ['segnalazione non utilizzabile'] }],
      });
    }
    await manager.query(
      `UPDATE case_document SET case_id = $1 WHERE referral_id = $2 AND case_id IS NULL`,
      [caseId, referralId],
    );
  }

  /**
   * Starts another mandated path on an open case (its case manager or the unit's coordinator):
   * help for the whole family means a case is not bound to the path it opened with. A path
   * already running on the case is refused; one that ended may start again.
   */
  async startPath(actor: Actor, caseId: string, dto: StartCasePathDto): Promise<CaseDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireCaseHolder(
        manager,
        actor,
        caseId,
        "Avviano un percorso il case manager e il coordinatore dell'unità.",
      );
      // Locked: two requests for the same case are decided one after the other.
      const [row] = await manager.query(`SELECT status FROM social_case WHERE id = $1 FOR UPDATE`, [
        caseId,
      ]);
      if (row.status !== 'open') {
        throw new ConflictException(
          'La cartella è chiusa: riaprirla prima di avviare un percorso.',
        );
      }
      const bpmnProcessId = PATH_PROCESS_IDS[dto.path];
      const owed = await manager.query(
        `SELECT 1 FROM case_path_request WHERE case_id = $1 AND path = $2`,
        [caseId, dto.path],
      );
      if (owed.length > 0 || (await this.paths.running(manager, caseId, bpmnProcessId))) {
        throw new ConflictException('Questo percorso è già in corso sulla cartella.');
      }
      await this.paths.request(manager, caseId, dto.path);
      await this.audit.record(
        actor,
        {
          action: 'create',
          entity: 'instance',
          entityId: caseId,
          caseId,
          personIds: [found.personId],
          reason: `Avvio del percorso ${bpmnProcessId}${dto.reason ? `: ${dto.reason}` : ''}`,
        },
        manager,
      );
    });
    // As for a case opened on a path: after the commit, else the background pass starts it.
    await this.paths.startRequested(caseId);
    return this.get(actor, caseId);
  }

  async get(actor: Actor, caseId: string): Promise<CaseDetailDto> {
    const read = await this.dataSource.transaction(async (manager) => {
      await this.access.require(manager, actor, caseId);
      const [row]: CaseRow[] = await manager.query(
        `SELECT ${CASE_COLUMNS} FROM social_case c
           JOIN person p ON p.id = c.person_id LEFT JOIN account m ON m.id = c.case_manager_id
          WHERE c.id = $1`,
        [caseId],
      );
      // Only a household of the case's unit is shown with it.
      const household = row.household_id
        ? await this.households.detailIn(manager, row.household_id, row.unit_code)
        : null;
      const paths: Array<{ bpmnProcessId: string; processInstanceKey: string; startedAt: Date }> =
        await manager.query(
          `SELECT bpmn_process_id AS "bpmnProcessId", process_instance_key::text AS "processInstanceKey",
                  started_at AS "startedAt"
             FROM case_path WHERE case_id = $1 ORDER BY started_at, process_instance_key`,
          [caseId],
        );
      const family = household ? await this.familyCases(manager, actor, row, household.id) : [];
      const instances = await caseInstances(this.caseEngine, manager, caseId);
      const incidents = await this.caseEngine.activeIncidents(
        manager,
        instances.map((i) => i.key),
      );
      const personIds = [row.person_id, ...(household?.members.map((m) => m.person.id) ?? [])];
      await this.audit.record(
        actor,
        {
          action: 'read',
          entity: 'case',
          entityId: caseId,
          caseId,
          personIds: [...new Set(personIds)],
        },
        manager,
      );
      return { row, household, paths, instances, incidents, family };
    });
    const { row, household, paths, instances, incidents, family } = read;
    const pathInstances = await Promise.all(
      paths.map(async (path): Promise<CasePathDto> => {
        // case_path is written once the engine has created the instance.
        const instance = instances.find((i) => i.key === path.processInstanceKey)!;
        const tree = instances.filter((i) => i.rootKey === path.processInstanceKey);
        return {
          ...path,
          name: instance.name,
          version: instance.version,
          state: instance.state,
          currentSteps: await this.currentSteps(instance),
          incidents: tree.reduce((sum, i) => sum + (incidents.get(i.key) ?? 0), 0),
        };
      }),
    );
    return {
      ...toSummary(row),
      closedAt: row.closed_at,
      household,
      pathInstances,
      familyCases: family.map((f) => ({ ...toSummary(f), relationship: f.relationship })),
    };
  }

  /**
   * The other cases of the household in the case's unit that the caller may open: those opened
   * with the household and those of its members. Each one listed is a read of that case, logged.
   */
  private async familyCases(
    manager: EntityManager,
    actor: Actor,
    of: CaseRow,
    householdId: string,
  ): Promise<Array<CaseRow & { relationship: string | null }>> {
    const params: unknown[] = [of.id, of.unit_code, householdId];
    const rows: Array<CaseRow & { relationship: string | null }> = await manager.query(
      `SELECT ${CASE_COLUMNS}, hm.relationship FROM social_case c
         JOIN person p ON p.id = c.person_id LEFT JOIN account m ON m.id = c.case_manager_id
         LEFT JOIN household_member hm ON hm.household_id = $3 AND hm.person_id = c.person_id
        WHERE c.id <> $1 AND c.unit_code = $2 AND (c.household_id = $3 OR hm.person_id IS NOT NULL)
          AND ${this.access.visibleTo(actor, params)}
        ORDER BY c.status, c.opened_at, c.id`,
      params,
    );
    for (const row of rows) {
      await this.audit.record(
        actor,
        {
          action: 'read',
          entity: 'case',
          entityId: row.id,
          caseId: row.id,
          personIds: [row.person_id],
          reason: `Nella cartella di un familiare (${of.case_number})`,
        },
        manager,
      );
    }
    return rows;
  }

  /** The steps a running path waits on, by name (read after the case's transaction). */
  private async currentSteps(instance: CaseInstance): Promise<CasePathDto['currentSteps']> {
    if (instance.state !== 'ACTIVE') return [];
    const [{ activeElementIds }, names] = await Promise.all([
      this.engineRead.instanceElements(instance.key),
      this.names.of(instance.definitionKey),
    ]);
    const steps = await this.names.innermost(instance.definitionKey, activeElementIds);
    return steps.map((elementId) => ({ elementId, name: names(elementId) }));
  }

  async search(actor: Actor, query: CaseQueryDto): Promise<CasePageDto> {
    // A manager finds only the cases granted to them (visibleTo).
    if (
      actor.role !== Role.Coordinator &&
      actor.role !== Role.Caseworker &&
      actor.role !== Role.Manager
    ) {
      throw new ForbiddenException(
        'Il proprio ruolo non consente di consultare le cartelle sociali.',
      );
    }
    const params: unknown[] = [];
    const where = [this.access.visibleTo(actor, params)];
    const add = (condition: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (query.caseNumber) add((p) => `c.case_number = ${p}`, query.caseNumber.trim().toUpperCase());
    if (query.taxCode) add((p) => `p.tax_code = ${p}`, query.taxCode);
    if (query.name) {
      const [first, second] = query.name.trim().toLowerCase().split(/\s+/);
      add((p) => `lower(p.surname) LIKE ${p}`, `${escapeLike(first)}%`);
      if (second) add((p) => `lower(p.name) LIKE ${p}`, `${escapeLike(second)}%`);
    }
    if (query.unitCode) add((p) => `c.unit_code = ${p}`, query.unitCode);
    if (query.status) add((p) => `c.status = ${p}`, query.status);
    if (query.caseManagerId) add((p) => `c.case_manager_id = ${p}`, query.caseManagerId);
    if (query.unassigned !== undefined) {
      where.push(`c.case_manager_id IS ${query.unassigned ? '' : 'NOT '}NULL`);
    }
    if (query.path)
      add(
        (p) =>
          `EXISTS (SELECT 1 FROM case_path cp WHERE cp.case_id = c.id AND cp.bpmn_process_id = ${p})`,
        query.path,
      );
    const from = `FROM social_case c JOIN person p ON p.id = c.person_id LEFT JOIN account m ON m.id = c.case_manager_id
      WHERE ${where.join(' AND ')}`;
    return this.dataSource.transaction(async (manager) => {
      const [{ total }] = await manager.query(`SELECT count(*)::int AS total ${from}`, params);
      const rows: CaseRow[] = await manager.query(
        `SELECT ${CASE_COLUMNS} ${from} ORDER BY c.opened_at DESC, c.id LIMIT ${query.limit} OFFSET ${query.offset}`,
        params,
      );
      // An empty search is logged too; the criteria by name only, not their values.
      const criteria = Object.keys(query).filter(
        (key) =>
          !['limit', 'offset'].includes(key) && query[key as keyof CaseQueryDto] !== undefined,
      );
      await this.audit.record(
        actor,
        {
          action: 'search',
          entity: 'case',
          personIds: [...new Set(rows.map((r) => r.person_id))],
          reason: criteria.length ? `Ricerca per: ${criteria.join(', ')}` : 'Elenco delle cartelle',
        },
        manager,
      );
      return { items: rows.map(toSummary), total, limit: query.limit, offset: query.offset };
    });
  }

  async addDiaryEntry(
    actor: Actor,
    caseId: string,
    dto: CreateDiaryEntryDto,
  ): Promise<TimelineItemDto> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireCaseHolder(
        manager,
        actor,
        caseId,
        "Scrivono nel diario il case manager e il coordinatore dell'unità.",
      );
      if (dto.kind === 'correction' ? !dto.correctsEntryId : dto.correctsEntryId) {
        throw new BadRequestException({
          message:
            'Una correzione deve indicare la voce che corregge, e solo una correzione può farlo.',
          details: [
            { field: 'correctsEntryId', messages: ['obbligatorio solo per una correzione'] },
          ],
        });
      }
      if (dto.correctsEntryId) await this.requireCorrectable(manager, caseId, dto.correctsEntryId);
      const [entry] = await manager.query(
        `INSERT INTO diary_entry (case_id, kind, occurred_at, text, corrects_id, author_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          caseId,
          dto.kind,
          new Date(dto.occurredAt),
          dto.text,
          dto.correctsEntryId ?? null,
          actor.accountId,
        ],
      );
      await this.audit.record(
        actor,
        {
          action: 'create',
          entity: 'diary',
          entityId: entry.id,
          caseId,
          personIds: [found.personId],
        },
        manager,
      );
      const [item] = await diaryItems(manager, caseId, entry.id);
      return item;
    });
  }

  /**
   * History is corrected, never rewritten: a correction corrects an entry of the same case
   * that no other entry corrects yet (to correct it again, correct the correction). The
   * entry is locked, so two corrections of it at once cannot both pass.
   */
  private async requireCorrectable(
    manager: EntityManager,
    caseId: string,
    entryId: string,
  ): Promise<void> {
    const [target] = await manager.query(
      `SELECT id FROM diary_entry WHERE id = $1 AND case_id = $2 FOR UPDATE`,
      [entryId, caseId],
    );
    if (!target) {
      throw new BadRequestException({
        message: 'La voce da correggere non è di questa cartella.',
        details: [{ field: 'correctsEntryId', messages: ['voce non trovata'] }],
      });
    }
    const [correction] = await manager.query(
      `SELECT id FROM diary_entry WHERE case_id = $1 AND corrects_id = $2 LIMIT 1`,
      [caseId, entryId],
    );
    if (correction) {
      throw new BadRequestException({
        message:
          'Questa voce è già stata corretta: per correggerla ancora, correggere la voce di correzione.',
        details: [{ field: 'correctsEntryId', messages: ['voce già corretta'] }],
      });
    }
  }

  /** Who accessed the case: for the unit's coordinator; looking is itself logged. */
  async accessLog(actor: Actor, caseId: string, page: PageQueryDto): Promise<AccessLogPageDto> {
    if (actor.role !== Role.Coordinator) {
      throw new ForbiddenException(
        "Solo il coordinatore dell'unità consulta il registro degli accessi di una cartella.",
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.require(manager, actor, caseId);
      const entries = await this.audit.forCase(manager, caseId, page);
      await this.audit.record(
        actor,
        {
          action: 'read',
          entity: 'access-log',
          entityId: caseId,
          caseId,
          personIds: [found.personId],
        },
        manager,
      );
      return entries;
    });
  }
}

function toSummary(row: CaseRow): CaseSummaryDto {
  return {
    id: row.id,
    caseNumber: row.case_number,
    unitCode: row.unit_code,
    status: row.status,
    openedAt: row.opened_at,
    caseManager: row.case_manager_id
      ? { id: row.case_manager_id, displayName: row.case_manager_name as string }
      : null,
    paths: row.paths ?? [],
    pathNames: row.path_names ?? [],
    person: {
      id: row.person_id,
      taxCode: row.tax_code,
      surname: row.surname,
      name: row.name,
      birthDate: row.birth_date,
      sex: row.sex,
    },
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
