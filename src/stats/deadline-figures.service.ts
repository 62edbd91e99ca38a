import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { CaseAccess } from '../cases/case-access';
import { IsoDate, romeDateOf } from '../deadlines/calendar';
import { workingDaysHorizon } from '../deadlines/deadline-risk';
import { ENGINE_CLOCK } from '../engine/engine-clock';
import { requireManager } from './stats-access';
import { csvOf, ExportCell, ExportTable, TableExport } from './table-export';
import { withoutJit } from '../database/without-jit';
import {
  DeadlineCaseDto,
  DeadlineCountsDto,
  DEADLINE_MEASURES,
  DeadlineCasesDto,
  DeadlineCasesQueryDto,
  DeadlineFigureRowDto,
  DeadlineFiguresDto,
  DeadlineFiguresQueryDto,
  DeadlineFilterDto,
  DeadlineGroup,
  DeadlineMeasure,
  DeadlineMonthsDto,
  DeadlineMonthsQueryDto,
} from './dto/deadline-figures.dto';

/** The list's due day and day met, as dates in a workbook. */
const CASE_DATES = { 6: 'dd/mm/yyyy', 8: 'dd/mm/yyyy' };

/** Rows of an export read at a time: the list is read in pages, never whole. */
const EXPORT_PAGE = 10_000;
/** A workbook is built in memory (~3 KB of it per row while written): CSV beyond this. */
const XLSX_MAX_ROWS = 50_000;

const FROM = `FROM case_deadline d
  JOIN social_case c ON c.id = d.case_id
  JOIN territorial_unit u ON u.code = c.unit_code
  LEFT JOIN account m ON m.id = c.case_manager_id
  LEFT JOIN process_instance pi ON pi.key = d.process_instance_key
  LEFT JOIN process_definition pd ON pd.key = pi.process_definition_key
  LEFT JOIN (SELECT DISTINCT deadline_id FROM deadline_extension) ext ON ext.deadline_id = d.id`;

/** The day (in Rome) a deadline was met: on time when no later than its due day. */
const MET_ON = `(d.met_at AT TIME ZONE 'Europe/Rome')::date`;

/** Each measure as a condition over `d`; `$today` and `$horizon` are bound by the caller. */
function measureSql(measure: DeadlineMeasure, today: () => string, horizon: () => string): string {
  switch (measure) {
    case 'running':
      return `d.status = 'running'`;
    case 'dueSoon':
      return `d.status = 'running' AND d.due_date >= ${today()}::date AND d.due_date < ${horizon()}::date`;
    case 'breached':
      return `(d.status = 'breached' OR (d.status = 'running' AND d.due_date < ${today()}::date))`;
    case 'extended':
      return `ext.deadline_id IS NOT NULL`;
    case 'metOnTime':
      return `d.status = 'met' AND ${MET_ON} <= d.due_date`;
    case 'metLate':
      return `d.status = 'met' AND ${MET_ON} > d.due_date`;
  }
}

const GROUPS: Record<DeadlineGroup, { key: string; label: string; legalBasis: string }> = {
  unit: { key: 'c.unit_code', label: 'max(u.name)', legalBasis: 'NULL' },
  path: {
    key: `COALESCE(pi.bpmn_process_id, '')`,
    label: `COALESCE(max(pd.name), max(pi.bpmn_process_id), 'Senza percorso')`,
    legalBasis: 'NULL',
  },
  kind: { key: 'd.kind', label: 'max(d.label)', legalBasis: 'max(d.legal_basis)' },
  caseManager: {
    key: `COALESCE(c.case_manager_id::text, '')`,
    label: `COALESCE(max(m.display_name), 'Senza case manager')`,
    legalBasis: 'NULL',
  },
};

const MEASURES = DEADLINE_MEASURES;

const FIGURE_HEADER = [
  'Chiave',
  'Voce',
  'Base normativa',
  'In corso',
  'In scadenza',
  'Superate',
  'Prorogate',
  'Rispettate in tempo',
  'Rispettate in ritardo',
];

const CASE_HEADER = [
  'Cartella',
  'Unità',
  'Percorso',
  'Tipo',
  'Scadenza',
  'Base normativa',
  'Data',
  'Stato',
  'Rispettata il',
  'Proroghe',
];

interface Scope {
  today: IsoDate;
  params: unknown[];
  where: string;
  add(value: unknown): string;
  /** Placeholders of today and of the due-soon horizon, bound on first use (PostgreSQL refuses unused ones). */
  today$(): string;
  horizon$(): string;
}

/**
 * The legal deadlines across the city, for the managers who answer for them: counts by unit,
 * path, kind (with its legal basis) or case manager; the share met on time month by month; and
 * the deadlines behind a figure, which name cases but no person, and open onto a case file
 * only where the manager's access rules allow (a grant). Read straight from the deadlines the
 * paths keep, so a figure is as fresh as the last step taken.
 */
@Injectable()
export class DeadlineFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: CaseAccess,
    private readonly exports: TableExport,
    @Inject(ENGINE_CLOCK) private readonly clock: () => Date,
  ) {}

  async figures(actor: Actor, query: DeadlineFiguresQueryDto): Promise<DeadlineFiguresDto> {
    requireManager(actor);
    const scope = this.scope(query);
    const group = GROUPS[query.groupBy];
    const counts = MEASURES.map(
      (m) =>
        `count(*) FILTER (WHERE ${measureSql(m, scope.today$, scope.horizon$)})::int AS "${m}"`,
    ).join(',\n');
    const rows: DeadlineFigureRowDto[] = await withoutJit(this.dataSource, (manager) =>
      manager.query(
        `SELECT ${group.key} AS key, ${group.label} AS label, ${group.legalBasis} AS "legalBasis", ${counts}
         ${FROM} WHERE ${scope.where}
        GROUP BY ${group.key} ORDER BY ${group.key}`,
        scope.params,
      ),
    );
    const totals: DeadlineCountsDto = {
      running: 0,
      dueSoon: 0,
      breached: 0,
      extended: 0,
      metOnTime: 0,
      metLate: 0,
    };
    for (const row of rows) for (const m of MEASURES) totals[m] += row[m];
    return { today: scope.today, groupBy: query.groupBy, rows, totals };
  }

  async figuresTable(actor: Actor, query: DeadlineFiguresQueryDto): Promise<ExportTable> {
    const { rows, totals } = await this.figures(actor, query);
    const line = (row: Omit<DeadlineFigureRowDto, 'key' | 'label' | 'legalBasis'>) =>
      MEASURES.map((m) => row[m]);
    return {
      sheet: 'Scadenze',
      header: FIGURE_HEADER,
      rows: [
        ...rows.map((row) => [row.key, row.label, row.legalBasis ?? '', ...line(row)]),
        ['', 'Totale', '', ...line(totals)],
      ],
    };
  }

  async months(actor: Actor, query: DeadlineMonthsQueryDto): Promise<DeadlineMonthsDto> {
    requireManager(actor);
    const scope = this.scope(query);
    const first = monthsBefore(scope.today, query.months - 1);
    const rows: Array<{ month: string; closed: number; metOnTime: number }> = await withoutJit(
      this.dataSource,
      (manager) =>
        manager.query(
          `SELECT to_char(d.due_date, 'YYYY-MM') AS month,
                count(*) FILTER (WHERE d.status IN ('met', 'breached')
                                    OR (d.status = 'running' AND d.due_date < ${scope.today$()}::date))::int AS closed,
                count(*) FILTER (WHERE ${measureSql('metOnTime', scope.today$, scope.horizon$)})::int AS "metOnTime"
           ${FROM} WHERE ${scope.where} AND d.due_date >= ${scope.add(first)}::date
          GROUP BY 1`,
          scope.params,
        ),
    );
    const byMonth = new Map(rows.map((row) => [row.month, row]));
    return {
      months: monthRange(first, query.months).map((month) => {
        const row = byMonth.get(month);
        const closed = row?.closed ?? 0;
        const metOnTime = row?.metOnTime ?? 0;
        return { month, closed, metOnTime, shareOnTime: closed > 0 ? metOnTime / closed : null };
      }),
    };
  }

  async monthsTable(actor: Actor, query: DeadlineMonthsQueryDto): Promise<ExportTable> {
    const { months } = await this.months(actor, query);
    return {
      sheet: 'Scadenze per mese',
      header: ['Mese', 'Chiuse', 'Rispettate in tempo', 'Quota in tempo'],
      rows: months.map((m) => [m.month, m.closed, m.metOnTime, m.shareOnTime]),
      formats: { 3: '0%' },
    };
  }

  /** The deadlines behind a figure, a page; logged as a search of the cases it names. */
  async cases(actor: Actor, query: DeadlineCasesQueryDto): Promise<DeadlineCasesDto> {
    requireManager(actor);
    return withoutJit(this.dataSource, async (manager) => {
      const scope = this.scope(query, measureFilter(query.measure));
      const [{ total }] = await manager.query(
        `SELECT count(*)::int AS total ${FROM} WHERE ${scope.where}`,
        scope.params,
      );
      const rows = await this.casePage(manager, actor, scope, query);
      await this.logCases(manager, actor, rows, `Scadenze (${query.measure}) dal cruscotto`);
      return {
        items: rows.map(({ personId: _, ...row }) => row),
        total,
        limit: query.limit,
        offset: query.offset,
      };
    });
  }

  /** Every deadline behind a figure as CSV, written page by page; logged as an export. */
  async *casesCsv(actor: Actor, query: DeadlineCasesQueryDto): AsyncGenerator<string> {
    requireManager(actor);
    await this.exports.log(actor, 'csv', `Elenco delle scadenze (${query.measure})`, query);
    yield csvOf({ header: CASE_HEADER, rows: [] }, true);
    for await (const page of this.casePages(actor, query)) {
      yield csvOf({ header: CASE_HEADER, rows: page }, false);
    }
  }

  /** The same list as a workbook, built in memory: for lists a spreadsheet is opened on. */
  async casesTable(actor: Actor, query: DeadlineCasesQueryDto): Promise<ExportTable> {
    requireManager(actor);
    const scope = this.scope(query, measureFilter(query.measure));
    const [{ total }] = await withoutJit(this.dataSource, (manager) =>
      manager.query(`SELECT count(*)::int AS total ${FROM} WHERE ${scope.where}`, scope.params),
    );
    if (total > XLSX_MAX_ROWS) {
      throw new BadRequestException(
        `Sono ${total.toLocaleString('it-IT')} scadenze: in Excel se ne scaricano al massimo ${XLSX_MAX_ROWS.toLocaleString('it-IT')}. Scarica il CSV o restringi i criteri.`,
      );
    }
    const rows: ExportCell[][] = [];
    for await (const page of this.casePages(actor, query)) rows.push(...page);
    return { sheet: 'Elenco scadenze', header: CASE_HEADER, rows, formats: CASE_DATES };
  }

  /** The list behind a figure in keyset pages, each logged as a search of the cases it names. */
  private async *casePages(
    actor: Actor,
    query: DeadlineCasesQueryDto,
  ): AsyncGenerator<ExportCell[][]> {
    const scope = this.scope(query, measureFilter(query.measure));
    let after: DeadlineCaseDto | undefined;
    for (;;) {
      const rows = await withoutJit(this.dataSource, async (manager) => {
        const page = await this.casePage(manager, actor, scope, { limit: EXPORT_PAGE, after });
        await this.logCases(manager, actor, page, `Scadenze (${query.measure}) esportate`);
        return page;
      });
      if (rows.length === 0) return;
      yield rows.map((row) => [
        row.caseNumber,
        row.unitCode,
        row.pathName ?? '',
        row.kind,
        row.label,
        row.legalBasis ?? '',
        row.dueDate,
        row.status,
        row.metOn ?? '',
        row.extensions,
      ]);
      if (rows.length < EXPORT_PAGE) return;
      after = rows[rows.length - 1];
    }
  }

  /** A page by offset (the screen), or the rows after a row (the CSV: no offset to skip past). */
  private casePage(
    manager: EntityManager,
    actor: Actor,
    scope: Scope,
    page: { limit: number; offset?: number; after?: DeadlineCaseDto },
  ): Promise<Array<DeadlineCaseDto & { personId: string }>> {
    const today = scope.today$();
    const params = [...scope.params];
    const readable = this.access.visibleTo(actor, params);
    const add = (value: unknown) => `$${params.push(value)}`;
    const after = page.after
      ? `AND (d.due_date, c.case_number, d.id) > (${add(page.after.dueDate)}::date, ${add(page.after.caseNumber)}, ${add(page.after.deadlineId)}::uuid)`
      : '';
    return manager.query(
      `SELECT d.id AS "deadlineId", c.id AS "caseId", c.case_number AS "caseNumber",
              c.unit_code AS "unitCode", c.person_id AS "personId",
              COALESCE(pd.name, pi.bpmn_process_id) AS "pathName", d.kind, d.label,
              d.legal_basis AS "legalBasis", d.due_date::text AS "dueDate",
              CASE WHEN d.status = 'running' AND d.due_date < ${today}::date
                   THEN 'breached' ELSE d.status END AS status,
              ${MET_ON}::text AS "metOn",
              (SELECT count(*)::int FROM deadline_extension e WHERE e.deadline_id = d.id) AS extensions,
              (${readable}) AS "caseFileReadable"
         ${FROM} WHERE ${scope.where} ${after}
        ORDER BY d.due_date, c.case_number, d.id
        LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`,
      params,
    );
  }

  private scope(filter: DeadlineFilterDto, extra?: (scope: Scope) => string): Scope {
    const today = romeDateOf(this.clock());
    const params: unknown[] = [];
    const add = (value: unknown) => `$${params.push(value)}`;
    let today$: string | undefined;
    let horizon: string | undefined;
    const scope: Scope = {
      today,
      params,
      add,
      today$: () => (today$ ??= add(today)),
      horizon$: () => (horizon ??= add(workingDaysHorizon(today, filter.dueWithinWorkingDays))),
      where: '',
    };
    const where = [`d.status <> 'cancelled'`];
    if (filter.unitCode) where.push(`c.unit_code = ${add(filter.unitCode)}`);
    if (filter.bpmnProcessId !== undefined) {
      where.push(`COALESCE(pi.bpmn_process_id, '') = ${add(filter.bpmnProcessId)}`);
    }
    if (filter.kind) where.push(`d.kind = ${add(filter.kind)}`);
    if (filter.caseManagerId) where.push(`c.case_manager_id = ${add(filter.caseManagerId)}`);
    if (filter.dueFrom) where.push(`d.due_date >= ${add(filter.dueFrom)}::date`);
    if (filter.dueTo) where.push(`d.due_date <= ${add(filter.dueTo)}::date`);
    if (extra) where.push(extra(scope));
    scope.where = where.join(' AND ');
    return scope;
  }

  private async logCases(
    manager: EntityManager,
    actor: Actor,
    rows: ReadonlyArray<{ personId: string }>,
    reason: string,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.audit.record(
      actor,
      {
        action: 'search',
        entity: 'case',
        personIds: [...new Set(rows.map((row) => row.personId))],
        reason,
      },
      manager,
    );
  }
}

function measureFilter(measure: DeadlineMeasure): (scope: Scope) => string {
  return (scope) => measureSql(measure, scope.today$, scope.horizon$);
}

/** The first day of the month `count` months before `date`'s. */
function monthsBefore(date: IsoDate, count: number): IsoDate {
  const [year, month] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01` as IsoDate;
}

function monthRange(first: IsoDate, count: number): string[] {
  const [year, month] = first.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
