import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { CaseAccess } from '../cases/case-access';
import { changedRows } from '../database/changed-rows';
import { AppConfig } from '../config/app-config';
import { ENGINE_CLOCK } from '../engine/engine.module';
import { MessageOutbox } from '../engine/message-outbox';
import { NotificationKind } from '../notifications/notification-kind';
import { NotificationsService } from '../notifications/notifications.service';
import { DeadlineUnit, IsoDate, isIsoDate, romeDateOf } from './calendar';
import { workingDaysHorizon } from './deadline-risk';
import { deadlineDueInstant, italianDate, palermoCalendar } from './deadline-time';
import { CaseDeadlineDto, DEADLINE_UNITS, ExtendDeadlineDto } from './dto/deadline.dto';
import { DeadlineStatus } from './entities/case-deadline.entity';

/** The message a path waits for to re-arm its deadline timer; correlation key = the deadline id. */
export const DEADLINE_EXTENDED_MESSAGE = 'deadline-extended';
/** The message start event of the coordinators' escalation (bpmn/paths/deadline-escalation.bpmn). */
export const DEADLINE_BREACHED_MESSAGE = 'deadline-breached';
/** Long enough for a publish repeated after a crash to be recognised as a duplicate. */
export const MESSAGE_TTL_MS = 60 * 60 * 1000;

export interface StartDeadline {
  caseId: string;
  kind: string;
  label: string;
  legalBasis: string | null;
  amount: number;
  unit: DeadlineUnit;
  /** The day the term runs from (never counted). */
  from: IsoDate;
  /** False for a date an order fixed: it stands even on a holiday. */
  rollForwardIfHoliday?: boolean;
  /** Proroghe the law allows; null for no limit. */
  maxExtensions?: number | null;
  processInstanceKey: string | null;
  elementId: string | null;
}

export interface StartedDeadline {
  deadlineId: string;
  dueDate: IsoDate;
  /** The Rome end of the due day, ISO 8601: the value of a `timeDate` timer. */
  deadlineDue: string;
}

interface DeadlineRow {
  id: string;
  caseId: string;
  caseNumber: string;
  unitCode: string;
  caseManagerId: string | null;
  label: string;
  legalBasis: string | null;
  dueDate: IsoDate;
}

type Clock = () => Date;
const SWEEP_BATCH = 200;

/** Running legal deadlines of cases: started and closed by paths, extended by people, escalated by time. */
@Injectable()
export class DeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly outbox: MessageOutbox,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    @Inject(ENGINE_CLOCK) private readonly clock: Clock,
  ) {}

  /** Today in Rome by the engine's clock. */
  today(): IsoDate {
    return romeDateOf(this.clock());
  }

  /**
   * Inserts the running deadline, or finds the one an earlier delivery of the same job
   * inserted (one running deadline per process instance and element).
   */
  async start(input: StartDeadline): Promise<StartedDeadline> {
    if (!DEADLINE_UNITS.includes(input.unit)) throw new RangeError(`unknown unit ${input.unit}`);
    const { date } = palermoCalendar.computeDeadline({
      from: input.from,
      amount: input.amount,
      unit: input.unit,
      rollForwardIfHoliday: input.rollForwardIfHoliday,
    });
    return this.dataSource.transaction(async (manager) => {
      if (input.processInstanceKey !== null && input.elementId !== null) {
        const [existing] = await manager.query(
          `SELECT id, due_date::text AS "dueDate" FROM case_deadline
            WHERE process_instance_key = $1 AND element_id = $2 AND status = 'running'`,
          [input.processInstanceKey, input.elementId],
        );
        if (existing) return started(existing.id, existing.dueDate);
      }
      const [row] = await manager.query(
        `INSERT INTO case_deadline (case_id, kind, label, legal_basis, due_date, status, process_instance_key, element_id, created_at, max_extensions)
         VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $8, $9)
         ON CONFLICT (process_instance_key, element_id) WHERE status = 'running' DO NOTHING
         RETURNING id`,
        [
          input.caseId,
          input.kind,
          input.label,
          input.legalBasis,
          date,
          input.processInstanceKey,
          input.elementId,
          this.clock(),
          input.maxExtensions ?? null,
        ],
      );
      if (row) return started(row.id, date);
      const [raced] = await manager.query(
        `SELECT id, due_date::text AS "dueDate" FROM case_deadline
          WHERE process_instance_key = $1 AND element_id = $2 AND status = 'running'`,
        [input.processInstanceKey, input.elementId],
      );
      return started(raced.id, raced.dueDate);
    });
  }

  /** [the case] when it exists. */
  caseExists(caseId: string): Promise<unknown[]> {
    return this.dataSource.query(`SELECT id FROM social_case WHERE id = $1`, [caseId]);
  }

  /** Marks a running deadline met or cancelled; false when it was not running (already closed or breached). */
  async close(deadlineId: string, outcome: 'met' | 'cancelled'): Promise<boolean> {
    const rows = await changedRows(
      this.dataSource.manager,
      `UPDATE case_deadline SET status = $2, met_at = $3
        WHERE id = $1 AND status = 'running' RETURNING id`,
      [deadlineId, outcome, outcome === 'met' ? this.clock() : null],
    );
    return rows.length > 0;
  }

  /** The deadlines of a case, oldest due first, with their extensions; logged as a read of the case. */
  async list(actor: Actor, caseId: string): Promise<CaseDeadlineDto[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.require(manager, actor, caseId);
      const deadlines = await this.deadlinesOf(manager, caseId);
      await this.audit.record(
        actor,
        { action: 'read', entity: 'case', entityId: caseId, caseId },
        manager,
      );
      return deadlines;
    });
  }

  /**
   * Records a proroga by a coordinator of the case's unit or its case manager, moves the due date
   * and tells the path (message `deadline-extended`, key = the deadline id) so it re-arms its timer.
   */
  async extend(
    actor: Actor,
    caseId: string,
    deadlineId: string,
    dto: ExtendDeadlineDto,
  ): Promise<CaseDeadlineDto> {
    if ((dto.newDueDate === undefined) === (dto.extraDays === undefined)) {
      throw new BadRequestException(
        'Indicare la nuova scadenza oppure i giorni di proroga, non entrambi.',
      );
    }
    if (dto.newDueDate !== undefined && !isIsoDate(dto.newDueDate)) {
      throw new BadRequestException('La nuova scadenza non è una data valida.');
    }
    await this.dataSource.transaction(async (manager) => {
      const found = await this.access.require(manager, actor, caseId);
      if (actor.role !== Role.Coordinator && found.caseManagerId !== actor.accountId) {
        throw new ForbiddenException(
          'Solo il coordinatore di unità o il case manager possono registrare una proroga.',
        );
      }
      const [deadline] = await manager.query(
        `SELECT id, status, due_date::text AS "dueDate", max_extensions AS "maxExtensions",
                (SELECT count(*)::int FROM deadline_extension e WHERE e.deadline_id = d.id) AS extensions
           FROM case_deadline d WHERE id = $1 AND case_id = $2 FOR UPDATE`,
        [deadlineId, caseId],
      );
      if (!deadline) throw new NotFoundException('Scadenza non trovata.');
      if ((deadline.status as DeadlineStatus) !== 'running') {
        throw new ConflictException('La scadenza non è in corso: non può essere prorogata.');
      }
      if (deadline.maxExtensions !== null && deadline.extensions >= deadline.maxExtensions) {
        throw new ConflictException(
          deadline.maxExtensions === 0
            ? 'Per questa scadenza la legge non prevede proroghe.'
            : deadline.maxExtensions === 1
              ? 'Per questa scadenza la legge consente una sola proroga, già registrata.'
              : `Per questa scadenza la legge consente al massimo ${deadline.maxExtensions} proroghe, già registrate.`,
        );
      }
      const previous = deadline.dueDate as IsoDate;
      const newDue =
        dto.newDueDate ??
        palermoCalendar.computeDeadline({
          from: previous,
          amount: dto.extraDays as number,
          unit: dto.unit ?? 'calendarDays',
        }).date;
      if (newDue <= previous) {
        throw new BadRequestException('La nuova scadenza deve essere successiva a quella attuale.');
      }
      const now = this.clock();
      const [extension] = await manager.query(
        `INSERT INTO deadline_extension (deadline_id, previous_due, new_due, reason, granted_by, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [deadlineId, previous, newDue, dto.reason, dto.grantedBy, actor.accountId, now],
      );
      // A new due date earns a new reminder.
      await manager.query(
        `UPDATE case_deadline SET due_date = $2, last_reminder_at = NULL WHERE id = $1`,
        [deadlineId, newDue],
      );
      await this.audit.record(
        actor,
        { action: 'update', entity: 'case', entityId: caseId, caseId, reason: dto.reason },
        manager,
      );
      // The path re-arms its timer when this message reaches it, after the commit.
      await this.outbox.enqueue(manager, {
        name: DEADLINE_EXTENDED_MESSAGE,
        correlationKey: deadlineId,
        variables: { deadlineDue: deadlineDueInstant(newDue), deadlineDueDate: newDue },
        timeToLiveMs: MESSAGE_TTL_MS,
        messageId: `deadline-extension-${extension.id}`,
      });
    });
    await this.outbox.flush();
    const deadlines = await this.deadlinesOf(this.dataSource.manager, caseId);
    return deadlines.find((d) => d.id === deadlineId)!;
  }

  /**
   * One pass of the escalation: reminds the case manager (or the unit's coordinators) once of
   * a running deadline within DEADLINE_REMINDER_WORKING_DAYS working days, and marks breached
   * those whose due day is over in Rome, telling the unit's coordinators.
   */
  async escalate(): Promise<{ reminded: number; breached: number }> {
    const today = this.today();
    let breached = 0;
    for (;;) {
      const done = await this.breachSome(today);
      breached += done;
      if (done < SWEEP_BATCH) break;
    }
    const reminded = await this.remind(today);
    return { reminded, breached };
  }

  private async breachSome(today: IsoDate): Promise<number> {
    const count = await this.dataSource.transaction(async (manager) => {
      const breachedRows = await changedRows<DeadlineRow>(
        manager,
        `WITH due AS (
           SELECT id FROM case_deadline WHERE status = 'running' AND due_date < $1::date
            ORDER BY due_date LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)
         UPDATE case_deadline d SET status = 'breached' FROM due, social_case c
          WHERE d.id = due.id AND c.id = d.case_id
         RETURNING ${DEADLINE_ROW_COLUMNS}`,
        [today],
      );
      for (const row of breachedRows) {
        await this.notifications.notify(
          await coordinatorsOf(manager, row.unitCode),
          {
            kind: NotificationKind.DeadlineBreached,
            subject: `Scadenza superata: ${row.label} (${row.caseNumber})`,
            body:
              `La scadenza «${row.label}» della cartella ${row.caseNumber} era il ${italianDate(row.dueDate)}` +
              `${row.legalBasis ? ` (${row.legalBasis})` : ''} ed è stata superata.`,
            link: caseLink(row.caseNumber),
            caseNumber: row.caseNumber,
          },
          { manager },
        );
        await this.outbox.enqueue(manager, {
          name: DEADLINE_BREACHED_MESSAGE,
          correlationKey: row.id,
          variables: {
            caseId: row.caseId,
            caseNumber: row.caseNumber,
            unitCode: row.unitCode,
            deadlineId: row.id,
            label: row.label,
            dueDate: row.dueDate,
          },
          timeToLiveMs: MESSAGE_TTL_MS,
          messageId: `deadline-breach-${row.id}`,
        });
      }
      return breachedRows.length;
    });
    if (count > 0) await this.outbox.flush();
    return count;
  }

  private async remind(today: IsoDate): Promise<number> {
    const horizon = workingDaysHorizon(today, this.config.deadlineReminderWorkingDays);
    return this.dataSource.transaction(async (manager) => {
      const candidates: DeadlineRow[] = await manager.query(
        `SELECT ${DEADLINE_ROW_COLUMNS} FROM case_deadline d JOIN social_case c ON c.id = d.case_id
          WHERE d.status = 'running' AND d.last_reminder_at IS NULL
            AND d.due_date >= $1::date AND d.due_date < $2::date
          ORDER BY d.due_date FOR UPDATE OF d SKIP LOCKED`,
        [today, horizon],
      );
      let count = 0;
      for (const row of candidates) {
        const recipients = await this.caseManagerOrCoordinators(manager, row);
        await this.notifications.notify(
          recipients,
          {
            kind: NotificationKind.DeadlineNear,
            subject: `Scadenza vicina: ${row.label} (${row.caseNumber})`,
            body:
              `La scadenza «${row.label}» della cartella ${row.caseNumber} è il ${italianDate(row.dueDate)}` +
              `${row.legalBasis ? ` (${row.legalBasis})` : ''}.`,
            link: caseLink(row.caseNumber),
            caseNumber: row.caseNumber,
          },
          { manager },
        );
        await manager.query(`UPDATE case_deadline SET last_reminder_at = $2 WHERE id = $1`, [
          row.id,
          this.clock(),
        ]);
        count += 1;
      }
      return count;
    });
  }

  private async caseManagerOrCoordinators(
    manager: EntityManager,
    row: DeadlineRow,
  ): Promise<string[]> {
    if (row.caseManagerId) {
      const [active] = await manager.query(`SELECT id FROM account WHERE id = $1 AND active`, [
        row.caseManagerId,
      ]);
      if (active) return [active.id as string];
    }
    return coordinatorsOf(manager, row.unitCode);
  }

  private async deadlinesOf(manager: EntityManager, caseId: string): Promise<CaseDeadlineDto[]> {
    const deadlines = await manager.query(
      `SELECT id, kind, label, legal_basis AS "legalBasis", due_date::text AS "dueDate", status,
              process_instance_key::text AS "processInstanceKey", element_id AS "elementId",
              created_at AS "createdAt", met_at AS "metAt", last_reminder_at AS "lastReminderAt",
              max_extensions AS "maxExtensions"
         FROM case_deadline WHERE case_id = $1 ORDER BY due_date, created_at`,
      [caseId],
    );
    const extensions = await manager.query(
      `SELECT e.id, e.deadline_id AS "deadlineId", e.previous_due::text AS "previousDue", e.new_due::text AS "newDue",
              e.reason, e.granted_by AS "grantedBy", a.username AS "recordedBy",
              a.display_name AS "recordedByName", e.recorded_at AS "recordedAt"
         FROM deadline_extension e JOIN case_deadline d ON d.id = e.deadline_id
         JOIN account a ON a.id = e.recorded_by
        WHERE d.case_id = $1 ORDER BY e.recorded_at, e.id`,
      [caseId],
    );
    return deadlines.map((d: CaseDeadlineDto) => ({
      ...d,
      extensions: extensions
        .filter((e: { deadlineId: string }) => e.deadlineId === d.id)
        .map(({ deadlineId: _, ...e }: { deadlineId: string }) => e),
    }));
  }
}

const DEADLINE_ROW_COLUMNS = `d.id, d.case_id AS "caseId", c.case_number AS "caseNumber", c.unit_code AS "unitCode",
  c.case_manager_id AS "caseManagerId", d.label, d.legal_basis AS "legalBasis", d.due_date::text AS "dueDate"`;

function started(deadlineId: string, dueDate: IsoDate): StartedDeadline {
  return { deadlineId, dueDate, deadlineDue: deadlineDueInstant(dueDate) };
}

function caseLink(caseNumber: string): string {
  return `/casi/${caseNumber}`;
}

/** The active coordinators of a unit: who hears of breaches. */
export async function coordinatorsOf(manager: EntityManager, unitCode: string): Promise<string[]> {
  const rows = await manager.query(
    `SELECT id FROM account WHERE unit_code = $1 AND role = 'coordinator' AND active`,
    [unitCode],
  );
  return rows.map((r: { id: string }) => r.id);
}
