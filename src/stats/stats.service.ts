import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { romeDateOf } from '../deadlines/calendar';
import { ENGINE_CLOCK } from '../engine/engine.module';
import {
  CaseloadsDto,
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
    const rows: UnitRow[] = await this.dataSource.query(
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
                WHERE a.unit_code = u.code AND a.role = 'caseworker' AND a.active) AS "socialWorkers"
         FROM territorial_unit u LEFT JOIN unit_population pop ON pop.unit_code = u.code
        ORDER BY u.code`,
      [at, romeDateOf(at)],
    );
    return { at, units: rows.map(withTarget) };
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

function withTarget(row: UnitRow): UnitCaseloadDto {
  const population = row.population;
  const required = population ? Math.ceil(population / LEPS_INHABITANTS_PER_WORKER) : null;
  return {
    ...row,
    requiredSocialWorkers: required,
    furtherTargetSocialWorkers: population
      ? Math.ceil(population / LEPS_FURTHER_INHABITANTS_PER_WORKER)
      : null,
    meetsTarget: required === null ? null : row.socialWorkers >= required,
  };
}
