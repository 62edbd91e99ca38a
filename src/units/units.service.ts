import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { AppConfig } from '../config/app-config';
import { nextMonday, romeDateOf, romeStartOfDay } from '../deadlines/calendar';
import { atRiskSql, workingDaysHorizon } from '../deadlines/deadline-risk';
import { ENGINE_CLOCK } from '../engine/engine-clock';
import {
  TerritorialUnitDto,
  UnitBoardDto,
  UnitBoardMemberDto,
  UnitStaffMemberDto,
} from './dto/unit.dto';
import { requireOwnUnit, UNIT_NOT_FOUND } from './unit-access';

export const BOARD_FORBIDDEN = "La bacheca dell'unità è riservata ai suoi coordinatori.";
/** Managers see the units' figures as counts only (GET /api/stats/caseloads), never person by person. */
export const BOARD_FORBIDDEN_TO_MANAGERS =
  "Il dirigente consulta i carichi di lavoro delle unità in forma aggregata: la bacheca con i singoli operatori è riservata al coordinatore dell'unità.";
export const STAFF_FORBIDDEN =
  "L'elenco degli operatori dell'unità è riservato ai suoi assistenti sociali e coordinatori.";

/** Active caseworkers and coordinators of unit $1, by name: who may hold its tasks and cases. */
const STAFF_OF_UNIT = `a.unit_code = $1 AND a.active AND a.role IN ('caseworker', 'coordinator')
  ORDER BY lower(a.display_name), a.username`;
const STAFF_COLUMNS = `a.id AS "accountId", a.username, a.display_name AS "displayName", a.role`;

/**
 * A unit's day for its coordinator: open work nobody holds, late work, cases without a case
 * manager, deadlines at risk, and each member's load. Counted from the tasklist rows (open =
 * state CREATED, assigned or not) and the cases; two queries, whatever the unit's size.
 */
@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(ENGINE_CLOCK) private readonly clock: () => Date,
  ) {}

  /** Every unit, in the order of their numerals (I, II, III, IV…), not the alphabet's. */
  async list(): Promise<TerritorialUnitDto[]> {
    const units: TerritorialUnitDto[] = await this.dataSource.query(
      `SELECT code, name FROM territorial_unit`,
    );
    return units.sort((a, b) => romanValue(a.code) - romanValue(b.code));
  }

  async board(principal: Principal, unitCode: string): Promise<UnitBoardDto> {
    requireOwnUnit(
      principal,
      unitCode,
      [Role.Coordinator],
      principal.role === Role.Manager ? BOARD_FORBIDDEN_TO_MANAGERS : BOARD_FORBIDDEN,
    );
    const now = this.clock();
    const today = romeDateOf(now);
    const horizon = workingDaysHorizon(today, this.config.deadlineReminderWorkingDays);
    const weekEnd = romeStartOfDay(nextMonday(today));
    // One snapshot: the totals and the people add up.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [unit] = await manager.query(
        `SELECT u.code AS "unitCode", u.name AS "unitName",
                (SELECT count(*)::int FROM task t
                  WHERE t.unit_code = u.code AND t.state = 'CREATED' AND t.assignee IS NULL) AS "unassignedTasks",
                (SELECT count(*)::int FROM task t
                  WHERE t.unit_code = u.code AND t.state = 'CREATED' AND t.due_at < $2) AS "overdueTasks",
                (SELECT count(*)::int FROM social_case c
                  WHERE c.unit_code = u.code AND c.status = 'open' AND c.case_manager_id IS NULL) AS "casesWithoutManager",
                (SELECT count(*)::int FROM case_deadline d JOIN social_case c ON c.id = d.case_id
                  WHERE c.unit_code = u.code AND ${atRiskSql('$3')}) AS "deadlinesAtRisk"
           FROM territorial_unit u WHERE u.code = $1`,
        [unitCode, now, horizon],
      );
      if (!unit) throw new NotFoundException(UNIT_NOT_FOUND);
      const staff: UnitBoardMemberDto[] = await manager.query(
        `SELECT ${STAFF_COLUMNS},
                coalesce(k.open_cases, 0) AS "openCases",
                coalesce(t.open_tasks, 0) AS "openTasks",
                coalesce(t.overdue_tasks, 0) AS "overdueTasks",
                coalesce(t.due_this_week, 0) AS "tasksDueThisWeek",
                coalesce(r.at_risk, 0) AS "deadlinesAtRisk"
           FROM account a
           LEFT JOIN (SELECT c.case_manager_id, count(*)::int AS open_cases FROM social_case c
                       WHERE c.unit_code = $1 AND c.status = 'open' GROUP BY c.case_manager_id) k
             ON k.case_manager_id = a.id
           LEFT JOIN (SELECT t.assignee, count(*)::int AS open_tasks,
                             (count(*) FILTER (WHERE t.due_at < $2))::int AS overdue_tasks,
                             (count(*) FILTER (WHERE t.due_at >= $2 AND t.due_at < $3))::int AS due_this_week
                        FROM task t WHERE t.unit_code = $1 AND t.state = 'CREATED' AND t.assignee IS NOT NULL
                       GROUP BY t.assignee) t
             ON t.assignee = a.username
           LEFT JOIN (SELECT c.case_manager_id, count(*)::int AS at_risk
                        FROM case_deadline d JOIN social_case c ON c.id = d.case_id
                       WHERE c.unit_code = $1 AND ${atRiskSql('$4')} GROUP BY c.case_manager_id) r
             ON r.case_manager_id = a.id
          WHERE ${STAFF_OF_UNIT}`,
        [unitCode, now, weekEnd, horizon],
      );
      return { ...unit, staff };
    });
  }

  async staff(principal: Principal, unitCode: string): Promise<UnitStaffMemberDto[]> {
    requireOwnUnit(principal, unitCode, [Role.Coordinator, Role.Caseworker], STAFF_FORBIDDEN);
    return this.dataSource.query(`SELECT ${STAFF_COLUMNS} FROM account a WHERE ${STAFF_OF_UNIT}`, [
      unitCode,
    ]);
  }
}

function romanValue(code: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10 };
  return [...code].reduce(
    (total, letter, i) =>
      values[letter] < (values[code[i + 1]] ?? 0) ? total - values[letter] : total + values[letter],
    0,
  );
}
