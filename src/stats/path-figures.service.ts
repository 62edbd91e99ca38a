import { BadRequestException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor.decorator';
import { changedRows } from '../database/changed-rows';
import { withoutJit } from '../database/without-jit';
import { addCalendarDays, IsoDate, romeDateOf } from '../deadlines/calendar';
import { parseBpmnXml } from '../engine/embedded/moddle';
import { ENGINE_CLOCK } from '../engine/engine-clock';
import { EngineReadRepository } from '../engine/http/engine-read.repository';
import { bucketSeconds } from '../engine/read-model/flow-events';
import {
  ElementFigureDto,
  FlowFigureDto,
  PathFiguresDto,
  PathFiguresQueryDto,
  PathSummaryDto,
  ThresholdDto,
} from './dto/path-figures.dto';
import { requireManager } from './stats-access';
import { ExportTable } from './table-export';

const DEFAULT_PERIOD_DAYS = 90;

const LEVEL_LABELS = { ok: 'nei tempi', amber: 'giallo', red: 'rosso' } as const;

interface ElementRow {
  elementId: string;
  reached: number;
  p50: number | null;
  p90: number | null;
}

/**
 * Where cases wait on a path, for the managers' heatmap: per step of the latest diagram, how
 * often it was reached in a period, how long it took (median, 90th percentile), how many cases
 * sit there now; per flow, how often it was taken and its share of its gateway's exits; and the
 * thresholds an administrator set per step, so the diagram says which steps run late.
 */
@Injectable()
export class PathFiguresService {
  private readonly logger = new Logger('PathFigures');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENGINE_CLOCK) private readonly clock: () => Date,
    private readonly definitions: EngineReadRepository,
  ) {}

  async list(actor: Actor): Promise<PathSummaryDto[]> {
    requireManager(actor);
    const latest = await this.definitions.latestDefinitions();
    return latest.map(({ bpmnProcessId, name, version }) => ({ bpmnProcessId, name, version }));
  }

  async figures(
    actor: Actor,
    bpmnProcessId: string,
    query: PathFiguresQueryDto,
  ): Promise<PathFiguresDto> {
    requireManager(actor);
    const definition = await this.latest(bpmnProcessId);
    const today = romeDateOf(this.clock());
    const from = (query.from ?? addCalendarDays(today, -DEFAULT_PERIOD_DAYS)) as IsoDate;
    const to = (query.to ?? today) as IsoDate;
    if (from > to) {
      throw new BadRequestException('Il periodo deve iniziare prima di finire (from ≤ to).');
    }
    const [steps, waiting, flows, thresholds, diagram] = await Promise.all([
      this.steps(bpmnProcessId, from, to),
      this.waitingNow(bpmnProcessId),
      this.flowsTaken(bpmnProcessId, from, to),
      this.thresholds(bpmnProcessId),
      diagramOf(definition.xml),
    ]);
    const byStep = new Map(steps.map((row) => [row.elementId, row]));
    const elements: ElementFigureDto[] = diagram.nodes.map(({ id, name }) => {
      const row = byStep.get(id);
      const threshold = thresholds.get(id) ?? null;
      const p90 = row?.p90 ?? null;
      return {
        elementId: id,
        name,
        reached: row?.reached ?? 0,
        waitingNow: waiting.get(id) ?? 0,
        p50Seconds: row?.p50 ?? null,
        p90Seconds: p90,
        threshold,
        level:
          threshold === null || p90 === null
            ? null
            : p90 >= threshold.redSeconds
              ? 'red'
              : p90 >= threshold.amberSeconds
                ? 'amber'
                : 'ok',
      };
    });
    const exits = new Map<string, number>();
    for (const flow of diagram.flows) {
      if (flow.fromGateway) {
        exits.set(flow.source, (exits.get(flow.source) ?? 0) + (flows.get(flow.id) ?? 0));
      }
    }
    const flowFigures: FlowFigureDto[] = diagram.flows.map((flow) => {
      const taken = flows.get(flow.id) ?? 0;
      const out = exits.get(flow.source) ?? 0;
      return {
        flowId: flow.id,
        name: flow.name,
        taken,
        share: flow.fromGateway && out > 0 ? taken / out : null,
      };
    });
    return {
      bpmnProcessId,
      name: definition.name,
      version: definition.version,
      xml: definition.xml,
      from,
      to,
      elements,
      flows: flowFigures,
    };
  }

  async figuresTable(
    actor: Actor,
    bpmnProcessId: string,
    query: PathFiguresQueryDto,
  ): Promise<ExportTable> {
    const { elements, flows } = await this.figures(actor, bpmnProcessId, query);
    if (query.table === 'exits') {
      return {
        sheet: `Uscite ${bpmnProcessId}`,
        header: ['Uscita', 'Id', 'Volte', 'Quota'],
        rows: flows
          .filter((f) => f.share !== null)
          .map((f) => [f.name ?? f.flowId, f.flowId, f.taken, f.share]),
        formats: { 3: '0%' },
      };
    }
    const hours = (seconds: number | null | undefined) =>
      seconds === null || seconds === undefined ? null : Math.round(seconds / 360) / 10;
    return {
      sheet: `Tempi ${bpmnProcessId}`,
      header: [
        'Passo',
        'Id',
        'Raggiunto',
        'In attesa ora',
        'Mediana (ore)',
        '90° percentile (ore)',
        'Soglia gialla (ore)',
        'Soglia rossa (ore)',
        'Livello',
      ],
      rows: elements
        .filter((e) => e.reached > 0 || e.waitingNow > 0 || e.threshold)
        .map((e) => [
          e.name ?? e.elementId,
          e.elementId,
          e.reached,
          e.waitingNow,
          hours(e.p50Seconds),
          hours(e.p90Seconds),
          hours(e.threshold?.amberSeconds),
          hours(e.threshold?.redSeconds),
          e.level === null ? null : LEVEL_LABELS[e.level],
        ]),
    };
  }

  async setThreshold(
    actor: Actor,
    bpmnProcessId: string,
    elementId: string,
    dto: ThresholdDto,
  ): Promise<ThresholdDto> {
    if (dto.redSeconds <= dto.amberSeconds) {
      throw new BadRequestException({
        message: 'La soglia rossa deve superare quella gialla.',
        details: [{ field: 'redSeconds', messages: ['maggiore della soglia gialla'] }],
      });
    }
    const { xml } = await this.latest(bpmnProcessId);
    if (!(await diagramOf(xml)).nodes.some((node) => node.id === elementId)) {
      throw new NotFoundException('Passo non trovato nell’ultima versione del percorso.');
    }
    await this.dataSource.query(
      `INSERT INTO element_threshold (bpmn_process_id, element_id, amber_seconds, red_seconds, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (bpmn_process_id, element_id) DO UPDATE
         SET amber_seconds = EXCLUDED.amber_seconds, red_seconds = EXCLUDED.red_seconds,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [bpmnProcessId, elementId, dto.amberSeconds, dto.redSeconds, actor.accountId],
    );
    this.logger.log({
      msg: `${actor.username} set the thresholds of ${bpmnProcessId}/${elementId}`,
      amberSeconds: dto.amberSeconds,
      redSeconds: dto.redSeconds,
    });
    return { amberSeconds: dto.amberSeconds, redSeconds: dto.redSeconds };
  }

  async clearThreshold(actor: Actor, bpmnProcessId: string, elementId: string): Promise<void> {
    const removed = await changedRows(
      this.dataSource.manager,
      `DELETE FROM element_threshold WHERE bpmn_process_id = $1 AND element_id = $2 RETURNING element_id`,
      [bpmnProcessId, elementId],
    );
    if (removed.length === 0) throw new NotFoundException('Nessuna soglia per questo passo.');
    this.logger.log(`${actor.username} cleared the thresholds of ${bpmnProcessId}/${elementId}`);
  }

  private async latest(
    bpmnProcessId: string,
  ): Promise<{ xml: string; version: number; name: string | null }> {
    const [definition] = await this.dataSource.query(
      `SELECT xml, version, name FROM process_definition WHERE bpmn_process_id = $1
        ORDER BY version DESC LIMIT 1`,
      [bpmnProcessId],
    );
    if (!definition) throw new NotFoundException('Percorso non trovato.');
    return definition;
  }

  /**
   * Visits that began in the period (days in Rome), and the time from activation to completion
   * of those completed, read from the days' summaries (src/engine/read-model/flow-events.ts).
   */
  private async steps(bpmnProcessId: string, from: IsoDate, to: IsoDate): Promise<ElementRow[]> {
    const [reached, histograms] = await withoutJit(this.dataSource, async (manager) => {
      // The days already compacted plus the counts appended since (see the migration).
      const counts: Array<{ elementId: string; reached: number }> = await manager.query(
        `SELECT element_id AS "elementId", sum(reached)::int AS reached
           FROM (SELECT element_id, reached FROM step_day
                  WHERE bpmn_process_id = $1 AND day BETWEEN $2 AND $3
                 UNION ALL
                 SELECT element_id, reached FROM step_day_delta
                  WHERE bpmn_process_id = $1 AND day BETWEEN $2 AND $3) d
          GROUP BY element_id`,
        [bpmnProcessId, from, to],
      );
      const buckets: Array<{ elementId: string; bucket: number; n: number }> = await manager.query(
        `SELECT element_id AS "elementId", bucket, sum(n)::int AS n
           FROM (SELECT element_id, b::int - 1 AS bucket, n
                   FROM step_day, unnest(durations) WITH ORDINALITY AS u(n, b)
                  WHERE bpmn_process_id = $1 AND day BETWEEN $2 AND $3 AND n > 0
                 UNION ALL
                 SELECT element_id, bucket, n FROM step_day_delta
                  WHERE bpmn_process_id = $1 AND day BETWEEN $2 AND $3 AND bucket IS NOT NULL) d
          GROUP BY element_id, bucket ORDER BY element_id, bucket`,
        [bpmnProcessId, from, to],
      );
      return [counts, buckets] as const;
    });
    const byElement = new Map<string, Array<{ bucket: number; n: number }>>();
    for (const { elementId, bucket, n } of histograms) {
      const histogram = byElement.get(elementId) ?? [];
      histogram.push({ bucket, n });
      byElement.set(elementId, histogram);
    }
    return reached.map(({ elementId, reached }) => {
      const histogram = byElement.get(elementId) ?? [];
      return {
        elementId,
        reached,
        p50: percentile(histogram, 0.5),
        p90: percentile(histogram, 0.9),
      };
    });
  }

  /** Cases at each step now: the visits still open. */
  private async waitingNow(bpmnProcessId: string): Promise<Map<string, number>> {
    const rows: Array<{ elementId: string; n: number }> = await this.dataSource.query(
      `SELECT element_id AS "elementId", count(*)::int AS n FROM step_visit
        WHERE bpmn_process_id = $1 GROUP BY element_id`,
      [bpmnProcessId],
    );
    return new Map(rows.map((row) => [row.elementId, row.n]));
  }

  private async flowsTaken(
    bpmnProcessId: string,
    from: IsoDate,
    to: IsoDate,
  ): Promise<Map<string, number>> {
    const rows: Array<{ flowId: string; n: number }> = await this.dataSource.query(
      `SELECT flow_id AS "flowId", sum(taken)::int AS n
         FROM (SELECT flow_id, taken FROM flow_day
                WHERE bpmn_process_id = $1 AND day BETWEEN $2 AND $3
               UNION ALL
               SELECT flow_id, taken FROM flow_day_delta
                WHERE bpmn_process_id = $1 AND day BETWEEN $2 AND $3) d
        GROUP BY flow_id`,
      [bpmnProcessId, from, to],
    );
    return new Map(rows.map((row) => [row.flowId, row.n]));
  }

  private async thresholds(bpmnProcessId: string): Promise<Map<string, ThresholdDto>> {
    const rows: Array<{ elementId: string; amberSeconds: number; redSeconds: number }> =
      await this.dataSource.query(
        `SELECT element_id AS "elementId", amber_seconds AS "amberSeconds", red_seconds AS "redSeconds"
           FROM element_threshold WHERE bpmn_process_id = $1`,
        [bpmnProcessId],
      );
    return new Map(rows.map(({ elementId, ...threshold }) => [elementId, threshold]));
  }
}

/**
 * The p-th percentile of a histogram in whole seconds, interpolated between neighbouring ranks
 * as PostgreSQL's percentile_cont does, each rank standing at its bucket's value.
 */
export function percentile(
  histogram: ReadonlyArray<{ bucket: number; n: number }>,
  p: number,
): number | null {
  const total = histogram.reduce((sum, { n }) => sum + n, 0);
  if (total === 0) return null;
  const rank = p * (total - 1);
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const { bucket, n } of histogram) {
      seen += n;
      if (index < seen) return bucketSeconds(bucket);
    }
    return bucketSeconds(histogram[histogram.length - 1].bucket);
  };
  const low = valueAt(Math.floor(rank));
  const high = valueAt(Math.ceil(rank));
  return Math.round(low + (rank - Math.floor(rank)) * (high - low));
}

interface Diagram {
  /** Flow nodes (not flows), in the model's order, with their names. */
  nodes: Array<{ id: string; name: string | null }>;
  flows: Array<{ id: string; name: string | null; source: string; fromGateway: boolean }>;
}

async function diagramOf(xml: string): Promise<Diagram> {
  const { elementsById } = await parseBpmnXml(xml);
  const diagram: Diagram = { nodes: [], flows: [] };
  for (const [id, element] of Object.entries(elementsById)) {
    const type = String(element.$type);
    const name =
      typeof element.name === 'string' && element.name.trim() ? element.name.trim() : null;
    if (type === 'bpmn:SequenceFlow') {
      const source = element.sourceRef as { id: string; $type: string } | undefined;
      if (source) {
        diagram.flows.push({
          id,
          name,
          source: source.id,
          fromGateway: /Gateway$/.test(source.$type),
        });
      }
    } else if (isFlowNode(type)) {
      diagram.nodes.push({ id, name });
    }
  }
  return diagram;
}

function isFlowNode(type: string): boolean {
  return /(Task|Event|Gateway|SubProcess|CallActivity)$/.test(type);
}
