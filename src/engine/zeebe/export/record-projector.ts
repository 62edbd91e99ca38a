import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parseBpmnXml } from '../../embedded/moddle';
import { checksum } from '../../embedded/persistence/definition-store';
import { NEW_JOB_COLUMNS } from '../../embedded/persistence/job-store';
import { insertRows } from '../../embedded/persistence/sql';
import { BpmnElementType, BpmnEventType, FlowEvent, FlowEventIntent } from '../../embedded/types';
import { recordFlowEvents } from '../../read-model/flow-events';
import { BUSINESS_KEY_VARIABLE } from '../business-key';
import { ExportedRecord, keyOf, textOf } from './exported-record';

const FLOW_EVENT_INTENTS: ReadonlySet<string> = new Set<FlowEventIntent>([
  'ELEMENT_ACTIVATED',
  'ELEMENT_COMPLETED',
  'ELEMENT_TERMINATED',
  'SEQUENCE_FLOW_TAKEN',
]);

const logger = new Logger('ZeebeExport');

/**
 * Applies a Zeebe cluster's exported records to the read side's tables, the rows the embedded
 * engine writes for the same events: definitions, instances, flow events, jobs, incidents,
 * message subscriptions, and the variable scopes the forms prefill from. Records already
 * applied (by position, per partition and value type) are skipped: the streams deliver at
 * least once. Returns how many records were applied.
 */
export async function projectRecords(
  manager: EntityManager,
  records: readonly ExportedRecord[],
): Promise<number> {
  const applied = await positionsOf(manager);
  const fresh = records
    .filter((record) => record.recordType === 'EVENT')
    .filter((record) => {
      const done = applied.get(`${record.partitionId}:${record.valueType}`);
      return done === undefined || BigInt(record.position) > BigInt(done);
    })
    .sort((a, b) => a.partitionId - b.partitionId || compareKeys(a.position, b.position));
  const projector = new Projector(manager);
  for (const record of fresh) await projector.apply(record);
  await projector.flush();
  await savePositions(manager, fresh);
  return fresh.length;
}

class Projector {
  private readonly flowEvents: FlowEvent[] = [];

  constructor(private readonly manager: EntityManager) {}

  apply(record: ExportedRecord): Promise<void> {
    switch (record.valueType) {
      case 'PROCESS':
        return this.process(record);
      case 'PROCESS_INSTANCE':
        return this.processInstance(record);
      case 'VARIABLE':
        return this.variable(record);
      case 'JOB':
        return this.job(record);
      case 'JOB_BATCH':
        return this.jobBatch(record);
      case 'INCIDENT':
        return this.incident(record);
      case 'PROCESS_MESSAGE_SUBSCRIPTION':
        return this.messageSubscription(record);
      default:
        return Promise.resolve();
    }
  }

  async flush(): Promise<void> {
    await recordFlowEvents(this.manager, this.flowEvents.splice(0));
  }

  private async process(record: ExportedRecord): Promise<void> {
    if (record.intent !== 'CREATED') return;
    const { value } = record;
    const xml = Buffer.from(textOf(value, 'resource'), 'base64').toString('utf8');
    const bpmnProcessId = textOf(value, 'bpmnProcessId');
    await this.manager.query(
      `INSERT INTO process_definition (key, bpmn_process_id, version, name, resource_name, checksum, xml, deployed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [
        keyOf(value, 'processDefinitionKey'),
        bpmnProcessId,
        value.version,
        await processName(xml, bpmnProcessId),
        textOf(value, 'resourceName'),
        checksum(xml),
        xml,
        new Date(record.timestamp),
      ],
    );
  }

  private async processInstance(record: ExportedRecord): Promise<void> {
    const { value, intent } = record;
    const elementType = textOf(value, 'bpmnElementType');
    const instanceKey = keyOf(value, 'processInstanceKey');
    const at = new Date(record.timestamp);
    if (FLOW_EVENT_INTENTS.has(intent)) {
      this.flowEvents.push({
        // Zeebe sets it on every element's record; the process's own record carries its key too.
        processInstanceKey: instanceKey ?? record.key,
        elementInstanceKey: record.key,
        flowScopeKey: keyOf(value, 'flowScopeKey'),
        elementId: textOf(value, 'elementId'),
        elementType: elementType as BpmnElementType,
        bpmnEventType: (textOf(value, 'bpmnEventType') || 'UNSPECIFIED') as BpmnEventType,
        intent: intent as FlowEventIntent,
        bpmnProcessId: textOf(value, 'bpmnProcessId'),
        timestamp: at,
      });
    }
    if (intent === 'ELEMENT_ACTIVATING') {
      if (elementType === 'PROCESS') await this.instanceStarted(record);
      await this.manager.query(
        `INSERT INTO exported_scope (key, process_instance_key, parent_key) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO NOTHING`,
        [record.key, instanceKey, keyOf(value, 'flowScopeKey')],
      );
    } else if (intent === 'ELEMENT_COMPLETED' || intent === 'ELEMENT_TERMINATED') {
      if (elementType === 'PROCESS') {
        // A root process is only terminated by a cancellation, which the embedded engine calls so.
        const called = keyOf(value, 'parentProcessInstanceKey') !== null;
        const state =
          intent === 'ELEMENT_COMPLETED' ? 'COMPLETED' : called ? 'TERMINATED' : 'CANCELED';
        await this.manager.query(
          `UPDATE process_instance SET state = $2, ended_at = $3 WHERE key = $1 AND state = 'ACTIVE'`,
          [record.key, state, at],
        );
        await this.manager.query(`DELETE FROM exported_scope WHERE process_instance_key = $1`, [
          record.key,
        ]);
      } else {
        await this.manager.query(`DELETE FROM exported_scope WHERE key = $1`, [record.key]);
      }
    }
  }

  private async instanceStarted(record: ExportedRecord): Promise<void> {
    const { value } = record;
    const definitionKey = keyOf(value, 'processDefinitionKey');
    const inserted: unknown[] = await this.manager.query(
      `INSERT INTO process_instance (key, process_definition_key, bpmn_process_id, version, state,
                                     parent_process_instance_key, parent_element_instance_key, started_at)
       SELECT $1, $2, $3, $4, 'ACTIVE', $5, $6, $7
        WHERE EXISTS (SELECT 1 FROM process_definition WHERE key = $2)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [
        record.key,
        definitionKey,
        textOf(value, 'bpmnProcessId'),
        value.version,
        keyOf(value, 'parentProcessInstanceKey'),
        keyOf(value, 'parentElementInstanceKey'),
        new Date(record.timestamp),
      ],
    );
    if (inserted.length === 0) {
      const [known] = await this.manager.query(`SELECT 1 FROM process_instance WHERE key = $1`, [
        record.key,
      ]);
      // The exporter was attached after the deployment: the instance's events are kept, the
      // instance row cannot be (its definition was never exported).
      if (!known) {
        logger.warn(
          `Instance ${record.key} of process definition ${definitionKey} not recorded: the definition was never exported`,
        );
      }
    }
  }

  private async variable(record: ExportedRecord): Promise<void> {
    const { value } = record;
    if (record.intent !== 'CREATED' && record.intent !== 'UPDATED') return;
    const name = textOf(value, 'name');
    const json = textOf(value, 'value');
    const scopeKey = keyOf(value, 'scopeKey');
    const instanceKey = keyOf(value, 'processInstanceKey');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      // The broker writes JSON; anything else would fail the whole pass, again and again.
      logger.error(`Variable ${name} of scope ${scopeKey} skipped: its value is not JSON`);
      return;
    }
    await this.manager.query(
      `INSERT INTO exported_scope (key, process_instance_key, variables)
       VALUES ($1, $2, jsonb_build_object($3::text, $4::jsonb))
       ON CONFLICT (key) DO UPDATE SET variables = exported_scope.variables || EXCLUDED.variables`,
      [scopeKey, instanceKey, name, json],
    );
    if (name === BUSINESS_KEY_VARIABLE && scopeKey === instanceKey) {
      const businessKey = parsed;
      if (typeof businessKey === 'string' && businessKey.length <= 120) {
        await this.manager.query(`UPDATE process_instance SET business_key = $2 WHERE key = $1`, [
          instanceKey,
          businessKey,
        ]);
      }
    }
  }

  private async job(record: ExportedRecord): Promise<void> {
    const { value, key } = record;
    const at = new Date(record.timestamp);
    switch (record.intent) {
      case 'CREATED':
        await insertRows(
          this.manager,
          'job',
          NEW_JOB_COLUMNS,
          [
            [
              key,
              textOf(value, 'type'),
              'ACTIVATABLE',
              keyOf(value, 'processInstanceKey'),
              textOf(value, 'elementId'),
              keyOf(value, 'elementInstanceKey'),
              textOf(value, 'bpmnProcessId'),
              value.retries,
              JSON.stringify(value.customHeaders ?? {}),
              at,
            ],
          ],
          'ON CONFLICT (key) DO NOTHING',
        );
        return;
      case 'COMPLETED':
      case 'CANCELED':
      case 'ERROR_THROWN':
        await this.manager.query(`UPDATE job SET state = $2, ended_at = $3 WHERE key = $1`, [
          key,
          record.intent,
          at,
        ]);
        return;
      case 'FAILED': {
        const retries = Number(value.retries);
        const backOff = Number(value.retryBackoff ?? 0);
        await this.manager.query(
          `UPDATE job SET state = $2, retries = $3, worker = NULL, deadline = NULL, retry_at = $4,
                          error_message = $5 WHERE key = $1`,
          [
            key,
            retries > 0 ? 'ACTIVATABLE' : 'FAILED',
            retries,
            retries > 0 && backOff > 0 ? new Date(record.timestamp + backOff) : null,
            textOf(value, 'errorMessage') || null,
          ],
        );
        return;
      }
      case 'TIMED_OUT':
      case 'RECURRED_AFTER_BACKOFF':
      case 'YIELDED':
        await this.manager.query(
          `UPDATE job SET state = 'ACTIVATABLE', worker = NULL, deadline = NULL, retry_at = NULL
            WHERE key = $1 AND state IN ('ACTIVATABLE', 'ACTIVATED')`,
          [key],
        );
        return;
      case 'RETRIES_UPDATED':
        await this.manager.query(`UPDATE job SET retries = $2 WHERE key = $1`, [
          key,
          value.retries,
        ]);
        return;
      case 'TIMEOUT_UPDATED':
        await this.manager.query(`UPDATE job SET deadline = $2 WHERE key = $1`, [
          key,
          new Date(Number(value.deadline)),
        ]);
        return;
    }
  }

  private async jobBatch(record: ExportedRecord): Promise<void> {
    if (record.intent !== 'ACTIVATED') return;
    const keys = Array.isArray(record.value.jobKeys) ? record.value.jobKeys : [];
    const jobs = Array.isArray(record.value.jobs) ? (record.value.jobs as unknown[]) : [];
    for (const [index, jobKey] of keys.entries()) {
      const job = (jobs[index] ?? {}) as Record<string, unknown>;
      await this.manager.query(
        `UPDATE job SET state = 'ACTIVATED', worker = $2, deadline = $3 WHERE key = $1 AND state = 'ACTIVATABLE'`,
        [
          String(jobKey),
          textOf(job, 'worker') || textOf(record.value, 'worker'),
          new Date(Number(job.deadline)),
        ],
      );
    }
  }

  private async incident(record: ExportedRecord): Promise<void> {
    const { value, key } = record;
    const at = new Date(record.timestamp);
    if (record.intent === 'CREATED') {
      await insertRows(
        this.manager,
        'incident',
        [
          'key',
          'process_instance_key',
          'bpmn_process_id',
          'element_id',
          'element_instance_key',
          'job_key',
          'error_type',
          'error_message',
          'state',
          'created_at',
        ],
        [
          [
            key,
            keyOf(value, 'processInstanceKey'),
            textOf(value, 'bpmnProcessId'),
            textOf(value, 'elementId'),
            keyOf(value, 'elementInstanceKey'),
            keyOf(value, 'jobKey'),
            textOf(value, 'errorType').slice(0, 64),
            textOf(value, 'errorMessage'),
            'ACTIVE',
            at,
          ],
        ],
        'ON CONFLICT (key) DO NOTHING',
      );
    } else if (record.intent === 'RESOLVED') {
      await this.manager.query(
        `UPDATE incident SET state = 'RESOLVED', resolved_at = $2 WHERE key = $1 AND state = 'ACTIVE'`,
        [key, at],
      );
      // A job's incident resolved offers the job again (Zeebe writes no job record for it).
      const jobKey = keyOf(value, 'jobKey');
      if (jobKey) {
        await this.manager.query(
          `UPDATE job SET state = 'ACTIVATABLE' WHERE key = $1 AND state = 'FAILED'`,
          [jobKey],
        );
      }
    }
  }

  private async messageSubscription(record: ExportedRecord): Promise<void> {
    const { value } = record;
    const elementInstanceKey = keyOf(value, 'elementInstanceKey');
    const messageName = textOf(value, 'messageName');
    if (record.intent === 'CREATED') {
      await insertRows(
        this.manager,
        'message_subscription',
        [
          'key',
          'process_instance_key',
          'element_instance_key',
          'element_id',
          'bpmn_process_id',
          'message_name',
          'correlation_key',
          'interrupting',
          'state',
          'created_at',
        ],
        [
          [
            record.key,
            keyOf(value, 'processInstanceKey'),
            elementInstanceKey,
            textOf(value, 'elementId'),
            textOf(value, 'bpmnProcessId'),
            messageName,
            textOf(value, 'correlationKey'),
            value.interrupting !== false,
            'OPEN',
            new Date(record.timestamp),
          ],
        ],
        'ON CONFLICT (key) DO NOTHING',
      );
    } else if (record.intent === 'CORRELATED' || record.intent === 'DELETED') {
      // A non-interrupting subscription stays open after a correlation, as in Zeebe.
      if (record.intent === 'CORRELATED' && value.interrupting === false) return;
      await this.manager.query(
        `UPDATE message_subscription SET state = $3
          WHERE element_instance_key = $1 AND message_name = $2 AND state = 'OPEN'`,
        [elementInstanceKey, messageName, record.intent === 'CORRELATED' ? 'CORRELATED' : 'CLOSED'],
      );
    }
  }
}

async function processName(xml: string, bpmnProcessId: string): Promise<string | null> {
  try {
    const { elementsById } = await parseBpmnXml(xml);
    const name = elementsById[bpmnProcessId]?.name;
    return typeof name === 'string' && name.trim() ? name.trim().slice(0, 255) : null;
  } catch {
    return null;
  }
}

async function positionsOf(manager: EntityManager): Promise<Map<string, string>> {
  const rows: Array<{ partition_id: number; value_type: string; position: string }> =
    await manager.query(
      `SELECT partition_id, value_type, position::text FROM zeebe_export_position FOR UPDATE`,
    );
  return new Map(rows.map((row) => [`${row.partition_id}:${row.value_type}`, row.position]));
}

async function savePositions(manager: EntityManager, records: readonly ExportedRecord[]) {
  const highest = new Map<string, ExportedRecord>();
  for (const record of records) {
    const id = `${record.partitionId}:${record.valueType}`;
    const seen = highest.get(id);
    if (!seen || compareKeys(record.position, seen.position) > 0) highest.set(id, record);
  }
  await insertRows(
    manager,
    'zeebe_export_position',
    ['partition_id', 'value_type', 'position'],
    [...highest.values()].map((r) => [r.partitionId, r.valueType, r.position]),
    `ON CONFLICT (partition_id, value_type) DO UPDATE SET position = EXCLUDED.position`,
  );
}

function compareKeys(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference > 0n ? 1 : -1;
}
