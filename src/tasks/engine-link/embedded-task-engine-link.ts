import { DataSource } from 'typeorm';
import { EmbeddedEngine } from '../../engine/embedded/embedded-engine';
import { parseBpmnXml } from '../../engine/embedded/moddle';
import { RuntimeState } from '../../engine/embedded/runtime/runtime-state';
import { visibleIn } from '../../engine/embedded/runtime/variable-scopes';
import { ActivatedJob, Key, Variables } from '../../engine/engine.port';
import { USER_TASK_JOB_TYPE } from '../user-task-headers.util';
import { JobContext, JobStatus, TaskEngineLink } from './task-engine-link';

/** Element names of this many process versions are kept in memory. */
const NAME_CACHE_SIZE = 100;
/** Called processes inherit the case number of the nearest ancestor that has one. */
const MAX_CALL_DEPTH = 20;

/**
 * The embedded engine keeps its state in the application's database: this
 * reads its tables (`job`, `process_instance`, `process_definition`) and
 * never writes them.
 */
export class EmbeddedTaskEngineLink extends TaskEngineLink {
  /** Instances started by a message or timer have no business key: the variable stands in. */
  readonly fetchVariables = ['caseNumber'];
  private readonly names = new Map<string, Promise<Map<string, string>>>();

  constructor(
    private readonly engine: EmbeddedEngine,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  async contextOf(jobs: readonly ActivatedJob[]): Promise<Map<Key, JobContext>> {
    const paths = await this.pathsOf([...new Set(jobs.map((j) => j.processInstanceKey))]);
    const context = new Map<Key, JobContext>();
    for (const job of jobs) {
      const variable = job.variables.caseNumber;
      const names = await this.elementNames(job.bpmnProcessId, job.processDefinitionVersion);
      const path = paths.get(job.processInstanceKey);
      context.set(job.key, {
        caseNumber:
          path?.businessKey ?? (typeof variable === 'string' && variable ? variable : null),
        elementName: names.get(job.elementId) ?? null,
        processName: path?.processName ?? null,
        pathName: path?.pathName ?? path?.processName ?? null,
      });
    }
    return context;
  }

  async statusOf(jobKeys: readonly Key[]): Promise<Map<Key, JobStatus>> {
    const rows: Array<{
      key: string;
      state: string;
      ended_at: Date | null;
      instance_state: string | null;
    }> = await this.dataSource.query(
      `SELECT j.key::text, j.state, j.ended_at, i.state AS instance_state
           FROM job j LEFT JOIN process_instance i ON i.key = j.process_instance_key
          WHERE j.key = ANY($1::bigint[])`,
      [jobKeys],
    );
    const found = new Map(rows.map((row) => [row.key, row]));
    return new Map(
      jobKeys.map((key): [Key, JobStatus] => {
        const row = found.get(key);
        switch (row?.state) {
          case 'ACTIVATABLE':
          case 'ACTIVATED':
            return [key, { state: 'OPEN' }];
          case 'FAILED':
            return [key, { state: 'INCIDENT' }];
          case 'COMPLETED':
            return [key, { state: 'COMPLETED', at: row.ended_at }];
          default:
            // CANCELED, ERROR_THROWN, or a job the engine does not know.
            return [
              key,
              {
                state: 'CANCELED',
                instanceEnded:
                  !row || ['CANCELED', 'TERMINATED'].includes(row.instance_state ?? ''),
              },
            ];
        }
      }),
    );
  }

  async variablesOf(processInstanceKey: Key, elementInstanceKey: Key): Promise<Variables> {
    const [row]: Array<{ scopes: RuntimeState['scopes'] | null }> = await this.dataSource.query(
      `SELECT runner_state->'runtime'->'scopes' AS scopes FROM process_instance WHERE key = $1`,
      [processInstanceKey],
    );
    return row?.scopes ? visibleIn(row.scopes, elementInstanceKey) : {};
  }

  async unrecorded(worker: string, limit: number): Promise<ActivatedJob[]> {
    const rows: Array<{
      key: string;
      process_instance_key: string;
      bpmn_process_id: string;
      version: number;
      element_id: string;
      element_instance_key: string;
      custom_headers: Record<string, string>;
      retries: number;
      deadline: Date;
    }> = await this.dataSource.query(
      `SELECT j.key::text, j.process_instance_key::text, j.bpmn_process_id, i.version, j.element_id,
              j.element_instance_key::text, j.custom_headers, j.retries, j.deadline
         FROM job j JOIN process_instance i ON i.key = j.process_instance_key
        WHERE j.state = 'ACTIVATED' AND j.type = $1 AND j.worker = $2
          AND NOT EXISTS (SELECT 1 FROM task t WHERE t.job_key = j.key)
        ORDER BY j.key LIMIT $3`,
      [USER_TASK_JOB_TYPE, worker, limit],
    );
    return rows.map((row) => ({
      key: row.key,
      type: USER_TASK_JOB_TYPE,
      processInstanceKey: row.process_instance_key,
      bpmnProcessId: row.bpmn_process_id,
      processDefinitionVersion: row.version,
      elementId: row.element_id,
      elementInstanceKey: row.element_instance_key,
      customHeaders: row.custom_headers,
      worker,
      retries: row.retries,
      deadline: row.deadline.getTime(),
      variables: {},
    }));
  }

  onJobsAvailable(listener: () => void): () => void {
    // '*': jobs whose activation timed out went back to the pool, of any type.
    return this.engine.onJobsAvailable((type) => {
      if (type === USER_TASK_JOB_TYPE || type === '*') listener();
    });
  }

  /**
   * For each instance: its process's name and, from the nearest ancestor with a business key
   * (call activities inherit the case), that key and that process's name: the path.
   */
  private async pathsOf(
    instanceKeys: Key[],
  ): Promise<
    Map<Key, { businessKey: string | null; processName: string | null; pathName: string | null }>
  > {
    if (instanceKeys.length === 0) return new Map();
    const rows: Array<{
      start: string;
      business_key: string | null;
      process_name: string | null;
      path_name: string | null;
    }> = await this.dataSource.query(
      `WITH RECURSIVE chain (start, key, parent, business_key, depth) AS (
         SELECT key, key, parent_process_instance_key, business_key, 0
           FROM process_instance WHERE key = ANY($1::bigint[])
         UNION ALL
         SELECT c.start, p.key, p.parent_process_instance_key, p.business_key, c.depth + 1
           FROM chain c JOIN process_instance p ON p.key = c.parent
          WHERE c.business_key IS NULL AND c.depth < ${MAX_CALL_DEPTH}
       )
       SELECT s.key::text AS start, holder.business_key, own.name AS process_name,
              path.name AS path_name
         FROM process_instance s
         JOIN process_definition own ON own.key = s.process_definition_key
         LEFT JOIN chain holder ON holder.start = s.key AND holder.business_key IS NOT NULL
         LEFT JOIN process_instance root ON root.key = holder.key
         LEFT JOIN process_definition path ON path.key = root.process_definition_key
        WHERE s.key = ANY($1::bigint[])`,
      [instanceKeys],
    );
    return new Map(
      rows.map((row) => [
        row.start,
        {
          businessKey: row.business_key,
          processName: row.process_name,
          pathName: row.path_name,
        },
      ]),
    );
  }

  /** Names of a process version's elements, parsed once from its deployed XML. */
  private elementNames(bpmnProcessId: string, version: number): Promise<Map<string, string>> {
    const cacheKey = `${bpmnProcessId}@${version}`;
    let names = this.names.get(cacheKey);
    if (!names) {
      names = this.readNames(bpmnProcessId, version);
      names.catch(() => this.names.delete(cacheKey));
      if (this.names.size >= NAME_CACHE_SIZE) {
        this.names.delete(this.names.keys().next().value as string);
      }
      this.names.set(cacheKey, names);
    }
    return names;
  }

  private async readNames(bpmnProcessId: string, version: number): Promise<Map<string, string>> {
    const [row]: Array<{ xml: string }> = await this.dataSource.query(
      `SELECT xml FROM process_definition WHERE bpmn_process_id = $1 AND version = $2`,
      [bpmnProcessId, version],
    );
    const names = new Map<string, string>();
    if (!row) return names;
    const { elementsById } = await parseBpmnXml(row.xml);
    for (const [id, element] of Object.entries(elementsById)) {
      const name = typeof element.name === 'string' ? element.name.trim() : '';
      if (name) names.set(id, name);
    }
    return names;
  }
}
