import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { romeDateOf } from '../deadlines/calendar';
import { withoutJit } from '../database/without-jit';
import { ENGINE_CLOCK } from '../engine/engine.module';
import {
  CaseloadsDto,
  CaseworkerLoadDto,
  LEPS_FURTHER_INHABITANTS_PER_WORKER,
  LEPS_INHABITANTS_PER_WORKER,
  SetPopulationDto,
  UnitCaseloadDto,
  UnitPopulationDto,
} from './dto/caseload.dto';

type UnitRow = Omit<
  UnitCaseloadDto,
  'requiredSocialWorkers' | 'furtherTargetSocialWorkers' | 'meetsTarget'
>;

/** Figures across all units for managers: counts only, never a name or a case. */
@Injectable()
export class StatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENGINE_CLOCK) private readonly clock: () => Date,
  ) {}

  async caseloads(): Promise<CaseloadsDto> {
    const at = this.clock();
    const rows: UnitRow[] = await withoutJit(this.dataSource, (manager) =>
      manager.query(
        `SELECT u.code AS "unitCode", u.name, pop.population,
              (SELECT count(*)::int FROM social_case c WHERE c.unit_code = u.code AND c.status = 'open') AS "openCases",
              (SELECT count(*)::int FROM task t WHERE t.unit_code = u.code AND t.state = 'CREATED') AS "openTasks",
              (SELECT count(*)::int FROM task t
                WHERE t.unit_code = u.code AND t.state = 'CREATED' AND t.due_at < $1) AS "overdueTasks",
              (SELECT count(*)::int FROM case_deadline d JOIN social_case c ON c.id = d.case_id
                WHERE c.unit_code = u.code AND d.status = 'running') AS "runningDeadlines",
              (SELECT count(*)::int FROM case_deadline d JOIN social_case c ON c.id = d.case_id
                WHERE c.unit_code = u.code
                  AND (d.status = 'breached' OR (d.status = 'running' AND d.due_date < $2::date))) AS "overdueDeadlines",
              (SELECT count(*)::int FROM account a
                WHERE a.unit_code = u.code AND a.role = 'caseworker' AND a.active) AS "socialWorkers",
              (SELECT COALESCE(sum(a.fte), 0)::float FROM account a
                WHERE a.unit_code = u.code AND a.role = 'caseworker' AND a.active) AS "socialWorkersFte"
         FROM territorial_unit u LEFT JOIN unit_population pop ON pop.unit_code = u.code
        ORDER BY u.code`,
        [at, romeDateOf(at)],
      ),
    );
    const units = rows.map(withTarget);
    const population = units.every((u) => u.population !== null)
      ? units.reduce((sum, u) => sum + u.population!, 0)
      : null;
    // Palermo's units make one ambito territoriale (the LEPS are set per ambito).
    const ambito = withTarget({
      unitCode: '',
      name: 'Ambito territoriale (tutte le unità)',
      population,
      ...Object.fromEntries(
        SUMMED.map((field) => [field, units.reduce((sum, u) => sum + u[field], 0)]),
      ),
    } as UnitRow);
    return { at, units, ambito };
  }

  /** Each active caseworker's and coordinator's load, by unit: open cases they manage, tasks they hold. */
  async caseworkers(unitCode?: string): Promise<CaseworkerLoadDto[]> {
    const at = this.clock();
    return this.dataSource.query(
      `SELECT a.id AS "accountId", a.display_name AS "displayName", a.role, a.unit_code AS "unitCode",
              a.fte::float AS fte,
              (SELECT count(*)::int FROM social_case c WHERE c.case_manager_id = a.id AND c.status = 'open') AS "openCases",
              (SELECT count(*)::int FROM task t WHERE t.assignee = a.username AND t.state = 'CREATED') AS "openTasks",
              (SELECT count(*)::int FROM task t
                WHERE t.assignee = a.username AND t.state = 'CREATED' AND t.due_at < $1) AS "overdueTasks"
         FROM account a
        WHERE a.active AND a.role IN ('caseworker', 'coordinator') AND ($2::text IS NULL OR a.unit_code = $2)
        ORDER BY a.unit_code, a.display_name, a.id`,
      [at, unitCode ?? null],
    );
  }

  /** The inhabitants of a unit (an administrator's setting: the base of the LEPS target). */
  async setPopulation(unitCode: string, dto: SetPopulationDto): Promise<UnitPopulationDto> {
    const [unit] = await this.dataSource.query(`SELECT 1 FROM territorial_unit WHERE code = $1`, [
      unitCode,
    ]);
    if (!unit) throw new NotFoundException('Unità territoriale non trovata.');
    await this.dataSource.query(
      `INSERT INTO unit_population (unit_code, population) VALUES ($1, $2)
       ON CONFLICT (unit_code) DO UPDATE SET population = EXCLUDED.population, updated_at = now()`,
      [unitCode, dto.population],
    );
    return { unitCode, population: dto.population };
  }
}

/** The counts the ambito adds up from its units. */
const SUMMED = [
  'openCases',
  'openTasks',
  'overdueTasks',
  'runningDeadlines',
  'overdueDeadlines',
  'socialWorkers',
  'socialWorkersFte',
] as const;

/** The LEPS target is counted in full-time equivalents. */
function withTarget(row: UnitRow): UnitCaseloadDto {
  const population = row.population;
  const required = population ? Math.ceil(population / LEPS_INHABITANTS_PER_WORKER) : null;
  return {
    ...row,
    requiredSocialWorkers: required,
    furtherTargetSocialWorkers: population
      ? Math.ceil(population / LEPS_FURTHER_INHABITANTS_PER_WORKER)
      : null,
    meetsTarget: required === null ? null : row.socialWorkersFte >= required,
  };
}
