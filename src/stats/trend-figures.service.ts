import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor.decorator';
import { withoutJit } from '../database/without-jit';
import { addCalendarDays, addMonths, IsoDate, romeDateOf } from '../deadlines/calendar';
import { isoWeekday, toEpochDay } from '../deadlines/calendar/iso-date';
import { ENGINE_CLOCK } from '../engine/engine-clock';
import {
  TrendFiguresDto,
  TrendFiguresQueryDto,
  TrendInterval,
  TrendPeriodDto,
} from './dto/trend-figures.dto';
import { requireManager } from './stats-access';
import { ExportTable } from './table-export';

/** The day a case opened or closed, in Rome, and the week or month it falls in. */
const periodOf = (interval: TrendInterval, day: string) =>
  `date_trunc('${interval}', ${day})::date`;
const romeDay = (at: string) => `(${at} AT TIME ZONE 'Europe/Rome')::date`;

/**
 * Week by week or month by month: cases opened and closed, and legal deadlines breached (by
 * the period of their due date), for the city, a unit or a path. A path's cases are those it
 * ran on; its deadlines, those its instances raised.
 */
@Injectable()
export class TrendFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENGINE_CLOCK) private readonly clock: () => Date,
  ) {}

  async trends(actor: Actor, query: TrendFiguresQueryDto): Promise<TrendFiguresDto> {
    requireManager(actor);
    const today = romeDateOf(this.clock());
    const starts = periodStarts(query.interval, today, query.periods);
    const period = (day: string) => periodOf(query.interval, day);
    const params: unknown[] = [
      starts[0],
      today,
      query.unitCode ?? null,
      query.bpmnProcessId ?? null,
    ];
    const caseScope = `($3::text IS NULL OR c.unit_code = $3)
      AND ($4::text IS NULL OR EXISTS (
        SELECT 1 FROM case_path p WHERE p.case_id = c.id AND p.bpmn_process_id = $4))`;
    const rows: Array<{
      start: string;
      measure: Exclude<keyof TrendPeriodDto, 'start'>;
      n: number;
    }> = await withoutJit(this.dataSource, (manager) =>
      manager.query(
        `SELECT ${period(romeDay('c.opened_at'))}::text AS start, 'opened' AS measure, count(*)::int AS n
             FROM social_case c
            WHERE c.opened_at >= $1::timestamp AT TIME ZONE 'Europe/Rome' AND ${caseScope}
            GROUP BY 1
           UNION ALL
           SELECT ${period(romeDay('c.closed_at'))}::text, 'closed', count(*)::int
             FROM social_case c
            WHERE c.closed_at >= $1::timestamp AT TIME ZONE 'Europe/Rome' AND ${caseScope}
            GROUP BY 1
           UNION ALL
           SELECT ${period('d.due_date')}::text, 'breached', count(*)::int
             FROM case_deadline d
             JOIN social_case c ON c.id = d.case_id
             LEFT JOIN process_instance pi ON pi.key = d.process_instance_key
            WHERE d.due_date >= $1::date
              AND (d.status = 'breached' OR (d.status = 'running' AND d.due_date < $2::date))
              AND ($3::text IS NULL OR c.unit_code = $3)
              AND ($4::text IS NULL OR pi.bpmn_process_id = $4)
            GROUP BY 1`,
        params,
      ),
    );
    const byStart = new Map(
      starts.map((start) => [start, { start, opened: 0, closed: 0, breached: 0 }]),
    );
    for (const row of rows) {
      const figures = byStart.get(row.start);
      if (figures) figures[row.measure] = row.n;
    }
    return { interval: query.interval, periods: [...byStart.values()] };
  }

  async trendsTable(actor: Actor, query: TrendFiguresQueryDto): Promise<ExportTable> {
    const { periods } = await this.trends(actor, query);
    return {
      sheet: query.interval === 'week' ? 'Andamento settimanale' : 'Andamento mensile',
      header: [
        query.interval === 'week' ? 'Settimana dal' : 'Mese',
        'Cartelle aperte',
        'Cartelle chiuse',
        'Scadenze superate',
      ],
      rows: periods.map((p) => [
        query.interval === 'week' ? p.start : p.start.slice(0, 7),
        p.opened,
        p.closed,
        p.breached,
      ]),
      formats: query.interval === 'week' ? { 0: 'dd/mm/yyyy' } : undefined,
    };
  }
}

/** The first days of the last `count` weeks (Mondays) or months, the current one last. */
export function periodStarts(interval: TrendInterval, today: IsoDate, count: number): IsoDate[] {
  const current =
    interval === 'week'
      ? addCalendarDays(today, 1 - isoWeekday(toEpochDay(today)))
      : (`${today.slice(0, 8)}01` as IsoDate);
  return Array.from({ length: count }, (_, i) =>
    interval === 'week'
      ? addCalendarDays(current, -7 * (count - 1 - i))
      : addMonths(current, -(count - 1 - i)),
  );
}
