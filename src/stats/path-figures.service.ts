import { BadRequestException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor.decorator';
import { changedRows } from '../database/changed-rows';
import { withoutJit } from '../database/without-jit';
import { addCalendarDays, IsoDate, romeDateOf, romeStartOfDay } from '../deadlines/calendar';
import { parseBpmnXml } from '../engine/embedded/moddle';
import { ENGINE_CLOCK } from '../engine/engine-clock';
import { EngineReadRepository } from '../engine/http/engine-read.repository';
import {
  ElementFigureDto,
  FlowFigureDto,
  PathFiguresDto,
  PathFiguresQueryDto,
  PathSummaryDto,
  ThresholdDto,
} from './dto/path-figures.dto';
import { requireManager } from './stats-access';

const DEFAULT_PERIOD_DAYS = 90;
/** The steps a case waits at; events, gateways and the process itself pass at once. */
const STEP_TYPES = [
  'USER_TASK',
  'SERVICE_TASK',
  'SEND_TASK',
  'RECEIVE_TASK',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'MANUAL_TASK',
  'TASK',
  'CALL_ACTIVITY',
  'SUB_PROCESS',
  'INTERMEDIATE_CATCH_EVENT',
  'EVENT_BASED_GATEWAY',
  'MULTI_INSTANCE_BODY',
];

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
    const period = [romeStartOfDay(from), romeStartOfDay(addCalendarDays(to, 1))];
    const [steps, waiting, flows, thresholds, diagram] = await Promise.all([
      this.steps(bpmnProcessId, period),
      this.waitingNow(bpmnProcessId),
      this.flowsTaken(bpmnProcessId, period),
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

  /** Reached in the period, and the time from activation to completion of those completed. */
  private async steps(bpmnProcessId: string, [from, to]: Date[]): Promise<ElementRow[]> {
    const rows: Array<{
      elementId: string;
      reached: number;
      p50: string | null;
      p90: string | null;
    }> = await withoutJit(this.dataSource, (manager) =>
      manager.query(
        // Activations and completions of the path's steps since `from` (a completion follows
        // its activation), paired by element instance in one hash join: a join per activation
        // into the instance's events cost ~50 index probes each.
        `WITH visit AS (
           SELECT element_instance_key, element_id, intent, at FROM flow_event
            WHERE bpmn_process_id = $1 AND element_type = ANY($2::text[]) AND at >= $3
              AND intent IN ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED'))
         SELECT a.element_id AS "elementId", count(*)::int AS reached,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.at - a.at)) AS p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM e.at - a.at)) AS p90
           FROM visit a
           LEFT JOIN visit e ON e.element_instance_key = a.element_instance_key
                            AND e.intent = 'ELEMENT_COMPLETED'
          WHERE a.intent = 'ELEMENT_ACTIVATED' AND a.at < $4
          GROUP BY a.element_id`,
        [bpmnProcessId, STEP_TYPES, from, to],
      ),
    );
    // percentile_cont ignores the steps still open; numeric comes back as text.
    return rows.map((row) => ({
      ...row,
      p50: row.p50 === null ? null : Math.round(Number(row.p50)),
      p90: row.p90 === null ? null : Math.round(Number(row.p90)),
    }));
  }

  /** Cases at each step now: activated, not ended, in a running instance of the path. */
  private async waitingNow(bpmnProcessId: string): Promise<Map<string, number>> {
    const rows: Array<{ elementId: string; n: number }> = await withoutJit(
      this.dataSource,
      (manager) =>
        manager.query(
          `SELECT a.element_id AS "elementId", count(*)::int AS n
         FROM process_instance pi
         JOIN flow_event a ON a.process_instance_key = pi.key
        WHERE pi.bpmn_process_id = $1 AND pi.state = 'ACTIVE'
          AND a.intent = 'ELEMENT_ACTIVATED' AND a.element_type = ANY($2::text[])
          AND NOT EXISTS (
            SELECT 1 FROM flow_event x
             WHERE x.process_instance_key = a.process_instance_key
               AND x.element_instance_key = a.element_instance_key
               AND x.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED'))
        GROUP BY a.element_id`,
          [bpmnProcessId, STEP_TYPES],
        ),
    );
    return new Map(rows.map((row) => [row.elementId, row.n]));
  }

  private async flowsTaken(
    bpmnProcessId: string,
    [from, to]: Date[],
  ): Promise<Map<string, number>> {
    const rows: Array<{ flowId: string; n: number }> = await withoutJit(
      this.dataSource,
      (manager) =>
        manager.query(
          `SELECT element_id AS "flowId", count(*)::int AS n FROM flow_event
        WHERE bpmn_process_id = $1 AND intent = 'SEQUENCE_FLOW_TAKEN' AND at >= $2 AND at < $3
        GROUP BY element_id`,
          [bpmnProcessId, from, to],
        ),
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
