import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { changedRows } from '../database/changed-rows';
import { PageQueryDto } from '../common/page-query.dto';
import { AccessLogPageDto } from '../audit/dto/access-log.dto';
import { CaseAccess } from './case-access';
import { CasePathsService } from './case-paths.service';
import {
  CaseDetailDto,
  CasePageDto,
  CaseQueryDto,
  CaseSummaryDto,
  CreateCaseDto,
} from './dto/case.dto';
import { CreateDiaryEntryDto, TimelineItemDto } from './dto/diary.dto';
import { PersonDto } from './dto/person.dto';
import { nextRegisterNumber } from './register-number';

interface CaseRow {
  id: string;
  case_number: string;
  unit_code: string;
  status: string;
  opened_at: Date;
  closed_at: Date | null;
  household_id: string | null;
  case_manager: string | null;
  paths: string[] | null;
  person_id: string;
  tax_code: string | null;
  surname: string;
  name: string;
  birth_date: string | null;
  sex: 'F' | 'M' | null;
}

const CASE_COLUMNS = `c.id, c.case_number, c.unit_code, c.status, c.opened_at, c.closed_at, c.household_id,
  m.username AS case_manager, p.id AS person_id, p.tax_code, p.surname, p.name,
  to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex,
  (SELECT array_agg(DISTINCT cp.bpmn_process_id) FROM case_path cp WHERE cp.case_id = c.id) AS paths`;

/** Cases (cartelle sociali): opening, reading, searching, the social diary and the timeline. */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly paths: CasePathsService,
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
      const opened = await this.openIn(manager, actor, { ...input, caseManagerId, unitCode });
      if (path) await this.paths.request(manager, opened, path);
      return opened;
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
  ): Promise<string> {
    const person = await manager.query(`SELECT 1 FROM person WHERE id = $1`, [input.personId]);
    if (person.length === 0)
      throw new BadRequestException({
        message: 'Persona non trovata.',
        details: [{ field: 'personId', messages: ['persona non registrata'] }],
      });
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
    return id as string;
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

  async get(actor: Actor, caseId: string): Promise<CaseDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.require(manager, actor, caseId);
      const [row]: CaseRow[] = await manager.query(
        `SELECT ${CASE_COLUMNS} FROM social_case c
           JOIN person p ON p.id = c.person_id LEFT JOIN account m ON m.id = c.case_manager_id
          WHERE c.id = $1`,
        [caseId],
      );
      const household = row.household_id ? await this.household(manager, row.household_id) : null;
      const pathInstances = await manager.query(
        `SELECT cp.bpmn_process_id AS "bpmnProcessId", cp.process_instance_key::text AS "processInstanceKey",
                COALESCE(pi.state, 'ACTIVE') AS state, cp.started_at AS "startedAt"
           FROM case_path cp LEFT JOIN process_instance pi ON pi.key = cp.process_instance_key
          WHERE cp.case_id = $1 ORDER BY cp.started_at`,
        [caseId],
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
      return { ...toSummary(row), closedAt: row.closed_at, household, pathInstances };
    });
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
    if (query.taxCode) add((p) => `p.tax_code = ${p}`, query.taxCode.trim().toUpperCase());
    if (query.name) {
      const [first, second] = query.name.trim().toLowerCase().split(/\s+/);
      add((p) => `lower(p.surname) LIKE ${p}`, `${escapeLike(first)}%`);
      if (second) add((p) => `lower(p.name) LIKE ${p}`, `${escapeLike(second)}%`);
    }
    if (query.unitCode) add((p) => `c.unit_code = ${p}`, query.unitCode);
    if (query.status) add((p) => `c.status = ${p}`, query.status);
    if (query.caseManagerId) add((p) => `c.case_manager_id = ${p}`, query.caseManagerId);
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
      if (rows.length > 0) {
        await this.audit.record(
          actor,
          {
            action: 'search',
            entity: 'case',
            personIds: [...new Set(rows.map((r) => r.person_id))],
          },
          manager,
        );
      }
      return { items: rows.map(toSummary), total, limit: query.limit, offset: query.offset };
    });
  }

  async addDiaryEntry(
    actor: Actor,
    caseId: string,
    dto: CreateDiaryEntryDto,
  ): Promise<TimelineItemDto> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireToChange(manager, actor, caseId);
      if (dto.kind === 'correction' ? !dto.correctsId : dto.correctsId) {
        throw new BadRequestException({
          message:
            'Una correzione deve indicare la voce che corregge, e solo una correzione può farlo.',
          details: [{ field: 'correctsId', messages: ['obbligatorio solo per una correzione'] }],
        });
      }
      if (dto.correctsId) {
        const target = await manager.query(
          `SELECT 1 FROM diary_entry WHERE id = $1 AND case_id = $2`,
          [dto.correctsId, caseId],
        );
        if (target.length === 0) {
          throw new BadRequestException({
            message: 'La voce da correggere non è di questa cartella.',
            details: [{ field: 'correctsId', messages: ['voce non trovata'] }],
          });
        }
      }
      const [entry] = await manager.query(
        `INSERT INTO diary_entry (case_id, kind, occurred_at, text, corrects_id, author_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
        [
          caseId,
          dto.kind,
          new Date(dto.occurredAt),
          dto.text,
          dto.correctsId ?? null,
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
      return {
        type: 'diary',
        id: entry.id,
        at: new Date(dto.occurredAt),
        title: DIARY_TITLES[dto.kind],
        text: dto.text,
        correctsId: dto.correctsId ?? null,
        author: actor.username,
      };
    });
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

  /** The case's history in one list, oldest first: diary, path steps, documents. */
  async timeline(actor: Actor, caseId: string): Promise<TimelineItemDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.require(manager, actor, caseId);
      const diary = await manager.query(
        `SELECT d.id, d.kind, d.occurred_at AS at, d.text, d.corrects_id AS "correctsId", a.username AS author
           FROM diary_entry d JOIN account a ON a.id = d.author_id WHERE d.case_id = $1`,
        [caseId],
      );
      const steps = await manager.query(
        `SELECT f.at, f.intent, f.element_id, f.element_type, cp.bpmn_process_id
           FROM case_path cp JOIN flow_event f ON f.process_instance_key = cp.process_instance_key
          WHERE cp.case_id = $1 AND f.intent IN ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED')
            AND f.element_type IN ('USER_TASK', 'SERVICE_TASK', 'CALL_ACTIVITY', 'PROCESS', 'INTERMEDIATE_CATCH_EVENT', 'BOUNDARY_EVENT')`,
        [caseId],
      );
      const documents = await manager.query(
        `SELECT d.id, d.file_name, d.uploaded_at AS at, a.username AS author
           FROM case_document d JOIN account a ON a.id = d.uploaded_by WHERE d.case_id = $1`,
        [caseId],
      );
      await this.audit.record(
        actor,
        { action: 'read', entity: 'case', entityId: caseId, caseId, personIds: [found.personId] },
        manager,
      );
      const items: TimelineItemDto[] = [
        ...diary.map(
          (d: {
            id: string;
            kind: keyof typeof DIARY_TITLES;
            at: Date;
            text: string;
            correctsId: string | null;
            author: string;
          }) => ({
            type: 'diary' as const,
            id: d.id,
            at: d.at,
            title: DIARY_TITLES[d.kind],
            text: d.text,
            correctsId: d.correctsId,
            author: d.author,
          }),
        ),
        ...steps.map(
          (s: { at: Date; intent: string; element_id: string; bpmn_process_id: string }) => ({
            type: 'path' as const,
            at: s.at,
            title: `${s.intent === 'ELEMENT_ACTIVATED' ? 'Avviato' : 'Concluso'}: ${s.element_id} (${s.bpmn_process_id})`,
          }),
        ),
        ...documents.map((d: { id: string; file_name: string; at: Date; author: string }) => ({
          type: 'document' as const,
          id: d.id,
          at: d.at,
          title: `Documento caricato: ${d.file_name}`,
          author: d.author,
        })),
      ];
      return items.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    });
  }

  private async household(
    manager: EntityManager,
    householdId: string,
  ): Promise<CaseDetailDto['household']> {
    const [household] = await manager.query(`SELECT id, address FROM household WHERE id = $1`, [
      householdId,
    ]);
    if (!household) throw new NotFoundException('Nucleo non trovato.');
    const members = await manager.query(
      `SELECT hm.relationship, p.id, p.tax_code AS "taxCode", p.surname, p.name,
              to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", p.sex
         FROM household_member hm JOIN person p ON p.id = hm.person_id WHERE hm.household_id = $1 ORDER BY p.birth_date NULLS LAST`,
      [householdId],
    );
    return {
      id: household.id,
      address: household.address,
      members: members.map((m: PersonDto & { relationship: string }) => {
        const { relationship, ...person } = m;
        return { relationship, person };
      }),
    };
  }
}

const DIARY_TITLES = {
  note: 'Nota',
  meeting: 'Colloquio',
  'home-visit': 'Visita domiciliare',
  'phone-call': 'Telefonata',
  correction: 'Correzione',
} as const;

function toSummary(row: CaseRow): CaseSummaryDto {
  return {
    id: row.id,
    caseNumber: row.case_number,
    unitCode: row.unit_code,
    status: row.status,
    openedAt: row.opened_at,
    caseManager: row.case_manager,
    paths: row.paths ?? [],
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
