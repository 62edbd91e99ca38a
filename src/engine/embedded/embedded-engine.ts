import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { validateModel } from '../../models/validation';
import {
  ActivatedJob,
  ActivateJobsCommand,
  CreatedInstance,
  CreateInstanceCommand,
  DeployedProcess,
  DeploymentRejectedError,
  DeployResource,
  EngineConflictError,
  EngineNotFoundError,
  FailJobCommand,
  ProcessEngine,
  PublishedMessage,
  PublishMessageCommand,
  ThrowErrorCommand,
  Variables,
} from '../engine.port';
import { compileBpmn, DeploymentError } from './compile';
import { BROKER_EVENTS_INSTALLED } from './engine-factory';
import { CompiledDefinition, ProcessMetadata, TimerDefinition } from './compiled-definition';
import { Feel } from './feel';
import { CommandError } from './runtime/instance-runtime';
import { IncidentError } from './runtime/job-spec';
import { nextCycleDue, scheduleTimer } from './runtime/timer-schedule';
import { Clock, Effects, Key } from './types';
import { InstanceRunner } from './instance-runner';
import { instanceOfActiveElement } from '../read-model/flow-events';
import { BackgroundLoop } from '../../common/background-loop';
import { checksum, DefinitionStore } from './persistence/definition-store';
import { EngineCommand } from './persistence/engine-command';
import { CommandContext, CommandOutcome, InstanceExecutor } from './persistence/instance-executor';
import { JobStore } from './persistence/job-store';
import { BlockKeyGenerator } from './persistence/key-generator';
import { MessageStore } from './persistence/message-store';
import { OwedCommandDeps, runOwedCommand } from './persistence/owed-commands';
import { changedRows } from '../../database/changed-rows';

export interface EmbeddedEngineOptions {
  clock?: Clock;
  /** Runners kept in memory (each holds ~1 MB); the rest are recovered from the database. */
  maxLiveInstances?: number;
  /** A runner unused this long leaves memory (default 60 s). */
  liveIdleMs?: number;
  /** How often due timers, timed-out jobs and owed commands are looked for. */
  pollIntervalMs?: number;
  /** A deployed literal timer cycle may not repeat more often than this (default 60 s). */
  minTimerCycleMs?: number;
  /** A multi-instance over more items raises an incident (default 1,000). */
  maxLoopCardinality?: number;
  /** One FEEL evaluation that may loop runs at most this long, then an incident (default 250). */
  feelBudgetMs?: number;
  /** Elements one command may activate (runtime/step-budget.ts). */
  maxStepsPerCommand?: number;
  /** No other process writes this database (embedded PGlite): live runners are trusted without a row lock. */
  soleWriter?: boolean;
}

const BATCH = 100;
const MAX_REMEMBERED_JOBS = 50_000;

/**
 * The embedded engine: bpmn-engine token flow (InstanceRunner) made durable
 * in the application's own database, with Zeebe's semantics.
 */
export class EmbeddedEngine extends ProcessEngine {
  readonly clock: Clock;
  private readonly logger = new Logger('EmbeddedEngine');
  private readonly keys = new BlockKeyGenerator();
  private readonly definitions = new DefinitionStore();
  private readonly jobs = new JobStore();
  private readonly messages = new MessageStore();
  private readonly executor: InstanceExecutor;
  private readonly owed: OwedCommandDeps;
  private readonly timers: BackgroundLoop;
  private readonly commands: BackgroundLoop;
  private readonly jobTimeouts: BackgroundLoop;
  private readonly jobListeners = new Set<(type: string) => void>();
  // Job → instance, remembered at activation, to spare a query on every completion.
  private readonly jobInstances = new Map<Key, Key>();
  private lastRetryCheck = new Date(0);
  private readonly minTimerCycleMs: number;
  private readonly liveIdleMs: number;

  constructor(
    private readonly dataSource: DataSource,
    options: EmbeddedEngineOptions = {},
  ) {
    super();
    if (!BROKER_EVENTS_INSTALLED)
      this.logger.warn(
        "bpmn-elements' smqp is not the version broker-events.ts was written for: each live instance takes twice the memory",
      );
    this.clock = options.clock ?? (() => new Date());
    this.minTimerCycleMs = options.minTimerCycleMs ?? 60_000;
    this.liveIdleMs = options.liveIdleMs ?? 60_000;
    const interval = options.pollIntervalMs ?? 1000;
    const onError = (error: unknown) =>
      this.logger.error(error instanceof Error ? error.stack : String(error));
    this.executor = new InstanceExecutor(
      dataSource,
      this.definitions,
      this.keys,
      this.clock,
      options.maxLiveInstances ?? 200,
      {
        commandsQueued: () => this.commands.kick(),
        jobsCreated: (types) =>
          types.forEach((type) => this.jobListeners.forEach((listener) => listener(type))),
      },
      {
        maxLoopCardinality: options.maxLoopCardinality,
        feelBudgetMs: options.feelBudgetMs,
        maxStepsPerCommand: options.maxStepsPerCommand,
        minTimerCycleMs: this.minTimerCycleMs,
      },
      options.soleWriter ?? false,
    );
    this.owed = {
      dataSource,
      executor: this.executor,
      definitions: this.definitions,
      messages: this.messages,
      clock: this.clock,
      kick: () => this.commands.kick(),
    };
    this.timers = new BackgroundLoop(() => this.fireDueTimers(), interval, onError);
    this.commands = new BackgroundLoop(() => this.runOwedCommands(), interval, onError);
    this.jobTimeouts = new BackgroundLoop(
      async () => {
        this.executor.evictIdle(this.liveIdleMs);
        await this.releaseTimedOutJobs();
      },
      interval,
      onError,
    );
  }

  start(): void {
    this.timers.start();
    this.commands.start();
    this.jobTimeouts.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.timers.stop(), this.commands.stop(), this.jobTimeouts.stop()]);
    this.executor.clear();
  }

  /** Runs the background work now: due timers, timed-out jobs, owed commands (tests move the clock, then call this). */
  async settle(): Promise<void> {
    await this.jobTimeouts.runNow();
    await this.timers.runNow();
    await this.commands.runNow();
  }

  /** Called with a job type whenever jobs of that type become available (local workers poll on it). */
  onJobsAvailable(listener: (type: string) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  get liveInstances(): number {
    return this.executor.liveCount;
  }

  async isReady(): Promise<boolean> {
    await this.dataSource.query('SELECT 1 FROM process_definition LIMIT 1');
    return true;
  }

  // ------------------------------------------------------------ deployment

  async notExecutable(content: string): Promise<string[]> {
    try {
      await this.compile(content);
      return [];
    } catch (error) {
      if (error instanceof DeploymentError) return error.problems;
      throw error;
    }
  }

  private compile(content: string): Promise<CompiledDefinition> {
    return compileBpmn(content, { minTimerCycleMs: this.minTimerCycleMs });
  }

  async deploy(resources: DeployResource[], deployedBy?: string): Promise<DeployedProcess[]> {
    const compiledResources: Array<{
      resource: DeployResource;
      compiled: CompiledDefinition;
      checksum: string;
      executable: string[];
    }> = [];
    for (const resource of resources) {
      const validation = await validateModel(resource.content);
      if (!validation.ok) {
        throw new DeploymentRejectedError(
          `Il modello ${resource.name} non può essere pubblicato.`,
          validation.problems,
        );
      }
      compiledResources.push({
        resource,
        compiled: await this.compile(resource.content).catch((error: unknown) => {
          if (!(error instanceof DeploymentError)) throw error;
          throw new DeploymentRejectedError(
            `Il modello ${resource.name} non può essere eseguito.`,
            error.problems.map((message) => ({ code: 'NOT_EXECUTABLE', message })),
          );
        }),
        checksum: checksum(resource.content),
        executable: validation.processes.map((p) => p.bpmnProcessId),
      });
    }
    const deployed: DeployedProcess[] = [];
    await this.dataSource.transaction(async (manager) => {
      await this.keys.reserve(manager, 100);
      for (const { resource, compiled, checksum: sum, executable } of compiledResources) {
        for (const id of executable) {
          const process = compiled.processes[id];
          await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`deploy:${id}`]);
          const [latest] = await manager.query(
            `SELECT key::text, version, checksum, resource_name FROM process_definition
              WHERE bpmn_process_id = $1 ORDER BY version DESC LIMIT 1`,
            [id],
          );
          if (latest && latest.checksum === sum && latest.resource_name === resource.name) {
            deployed.push({
              bpmnProcessId: id,
              version: latest.version,
              processDefinitionKey: latest.key,
              resourceName: resource.name,
            });
            continue;
          }
          const key = this.keys.nextKey();
          const version = (latest?.version ?? 0) + 1;
          await manager.query(
            `INSERT INTO process_definition (key, bpmn_process_id, version, name, resource_name, checksum, xml, deployed_at, deployed_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              key,
              id,
              version,
              process.name ?? null,
              resource.name,
              sum,
              resource.content,
              this.clock(),
              deployedBy ?? null,
            ],
          );
          this.definitions.remember(key, compiled);
          await this.openStartEvents(manager, key, process);
          deployed.push({
            bpmnProcessId: id,
            version,
            processDefinitionKey: key,
            resourceName: resource.name,
          });
        }
      }
    });
    this.timers.kick();
    return deployed;
  }

  /** Only the latest version's message and timer start events are open (Zeebe). */
  private async openStartEvents(
    manager: EntityManager,
    definitionKey: Key,
    process: ProcessMetadata,
  ): Promise<void> {
    const id = process.bpmnProcessId;
    await manager.query(`DELETE FROM message_start_subscription WHERE bpmn_process_id = $1`, [id]);
    await manager.query(
      `UPDATE timer SET state = 'CANCELED' WHERE process_instance_key IS NULL AND state = 'ACTIVE'
          AND process_definition_key IN (SELECT key FROM process_definition WHERE bpmn_process_id = $1)`,
      [id],
    );
    const now = this.clock();
    for (const start of process.startEvents) {
      if (start.kind === 'message' && start.message) {
        await manager.query(
          `INSERT INTO message_start_subscription (process_definition_key, bpmn_process_id, message_name, element_id)
           VALUES ($1, $2, $3, $4)`,
          [definitionKey, id, start.message.evaluatedName ?? start.message.name, start.elementId],
        );
      }
      if (start.kind === 'timer' && start.timer) {
        // A timer start event's expression is evaluated at deployment (Zeebe).
        const schedule = this.scheduleStartTimer(start.elementId, start.timer, now);
        await manager.query(
          `INSERT INTO timer (key, process_definition_key, element_id, due_at, repetitions, interval, state, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE', $7)`,
          [
            this.keys.nextKey(),
            definitionKey,
            start.elementId,
            schedule.dueAt,
            schedule.repetitions,
            schedule.interval ?? null,
            now,
          ],
        );
      }
    }
  }

  private scheduleStartTimer(elementId: string, timer: TimerDefinition, now: Date) {
    try {
      return scheduleTimer(new Feel({ now: this.clock }), timer, {}, now, {
        minCycleMs: this.minTimerCycleMs,
      });
    } catch (error) {
      if (!(error instanceof IncidentError)) throw error;
      // Zeebe refuses a deployment whose timer start event cannot be scheduled.
      throw new DeploymentRejectedError('Il modello non può essere eseguito.', [
        { code: 'NOT_EXECUTABLE', message: `element '${elementId}': ${error.message}`, elementId },
      ]);
    }
  }

  // ------------------------------------------------------------ instances

  async createInstance(command: CreateInstanceCommand): Promise<CreatedInstance> {
    const definition = await this.definitions.latest(
      this.dataSource.manager,
      command.bpmnProcessId,
      command.version,
    );
    if (!definition) {
      throw new EngineNotFoundError(
        `no process with id '${command.bpmnProcessId}'${command.version ? ` and version ${command.version}` : ''} is deployed`,
      );
    }
    const { processInstanceKey } = await this.translate(() =>
      this.executor.create(definition, {
        variables: command.variables,
        businessKey: command.businessKey,
      }),
    );
    return {
      processInstanceKey: processInstanceKey as Key,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
    };
  }

  async cancelInstance(processInstanceKey: Key): Promise<void> {
    await this.onInstance(processInstanceKey, async ({ runner }) => ({ effects: runner.cancel() }));
  }

  async setVariables(elementInstanceKey: Key, variables: Variables, local = false): Promise<void> {
    const instance = await instanceOfActiveElement(this.dataSource.manager, elementInstanceKey);
    if (!instance)
      throw new EngineNotFoundError(`element instance ${elementInstanceKey} not found`);
    await this.onInstance(instance, async ({ runner }) => ({
      effects: runner.setVariables(elementInstanceKey, variables, local),
    }));
  }

  // ------------------------------------------------------------ messages and signals

  async publishMessage(command: PublishMessageCommand): Promise<PublishedMessage> {
    const messageKey = await this.dataSource.transaction(async (manager) => {
      await this.keys.reserve(manager, 1);
      const key = this.keys.nextKey();
      await this.messages.publish(manager, key, command, this.clock());
      return key;
    });
    this.commands.kick();
    return { messageKey };
  }

  async broadcastSignal(signalName: string, variables: Variables = {}): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO engine_command (process_instance_key, command, created_at) VALUES (NULL, $1, $2)`,
      [
        JSON.stringify({ type: 'broadcast-signal', signalName, variables } satisfies EngineCommand),
        this.clock(),
      ],
    );
    this.commands.kick();
  }

  variablesAt(processInstanceKey: Key, elementInstanceKey: Key): Promise<Variables> {
    return this.jobs.variablesAt(this.dataSource.manager, processInstanceKey, elementInstanceKey);
  }

  // ------------------------------------------------------------ jobs

  async activateJobs(command: ActivateJobsCommand): Promise<ActivatedJob[]> {
    const jobs = await this.dataSource.transaction((manager) =>
      this.jobs.activate(manager, command, this.clock()),
    );
    for (const job of jobs) {
      this.jobInstances.set(job.key, job.processInstanceKey);
      // Jobs never completed here (cancelled, timed out) must not pile up.
      if (this.jobInstances.size > MAX_REMEMBERED_JOBS)
        this.jobInstances.delete(this.jobInstances.keys().next().value as Key);
    }
    return jobs;
  }

  async completeJob(jobKey: Key, variables: Variables = {}): Promise<void> {
    await this.onJobEnd(jobKey, 'COMPLETED', (runner) => runner.completeJob(jobKey, variables));
    this.jobInstances.delete(jobKey);
  }

  async failJob(jobKey: Key, command: FailJobCommand): Promise<void> {
    await this.onJob(jobKey, async ({ runner, manager, now }) => {
      const retryAt =
        command.retries > 0 && command.retryBackOffMs
          ? new Date(now.getTime() + command.retryBackOffMs)
          : null;
      if (
        !(await this.jobs.fail(
          manager,
          jobKey,
          command.retries,
          command.errorMessage ?? null,
          retryAt,
        ))
      )
        throw jobNotFound(jobKey);
      return { effects: runner.failJob(jobKey, command.retries, command.errorMessage ?? '') };
    });
  }

  async throwError(jobKey: Key, command: ThrowErrorCommand): Promise<void> {
    await this.onJobEnd(jobKey, 'ERROR_THROWN', (runner) =>
      runner.throwError(
        jobKey,
        command.errorCode,
        command.errorMessage ?? '',
        command.variables ?? {},
      ),
    );
    this.jobInstances.delete(jobKey);
  }

  async updateJobRetries(jobKey: Key, retries: number): Promise<void> {
    await this.onJob(jobKey, async ({ runner, manager }) => {
      if (!(await this.jobs.updateRetries(manager, jobKey, retries))) throw jobNotFound(jobKey);
      return { effects: runner.updateJobRetries(jobKey, retries) };
    });
  }

  /** The deadline lives in the job row only: the instance's state is not involved. */
  async updateJobTimeout(jobKey: Key, timeoutMs: number): Promise<void> {
    const deadline = new Date(this.clock().getTime() + timeoutMs);
    if (!(await this.jobs.updateDeadline(this.dataSource.manager, jobKey, deadline)))
      throw new EngineNotFoundError(`job ${jobKey} not found, or not activated`);
  }

  // ------------------------------------------------------------ incidents

  async resolveIncident(incidentKey: Key): Promise<void> {
    const rows = await this.dataSource.query(
      `SELECT process_instance_key::text AS instance, state FROM incident WHERE key = $1`,
      [incidentKey],
    );
    if (rows.length === 0 || rows[0].state !== 'ACTIVE')
      throw new EngineNotFoundError(`incident ${incidentKey} not found or already resolved`);
    await this.onInstance(rows[0].instance, async ({ runner }) => ({
      effects: runner.retryIncident(incidentKey),
    }));
  }

  // ------------------------------------------------------------ background work

  private async fireDueTimers(): Promise<boolean> {
    const now = this.clock();
    const due: Array<{
      key: string;
      process_instance_key: string | null;
      process_definition_key: string | null;
      element_id: string;
      repetitions: number;
      interval: string | null;
    }> = await this.dataSource.query(
      `SELECT key::text, process_instance_key::text, process_definition_key::text, element_id, repetitions, interval
           FROM timer WHERE state = 'ACTIVE' AND due_at <= $1 ORDER BY due_at, timer.key LIMIT ${BATCH}`,
      [now],
    );
    for (const timer of due) {
      if (timer.process_instance_key) {
        await this.onInstance(timer.process_instance_key, async ({ runner, manager }) => {
          const taken = await changedRows(
            manager,
            `UPDATE timer SET state = 'TRIGGERED' WHERE key = $1 AND state = 'ACTIVE' RETURNING key`,
            [timer.key],
          );
          return { effects: taken.length === 1 ? runner.triggerTimer(timer.key) : null };
        }).catch(async (error) => {
          if (!(error instanceof EngineNotFoundError)) throw error;
          await this.dataSource.query(`UPDATE timer SET state = 'CANCELED' WHERE key = $1`, [
            timer.key,
          ]);
        });
      } else if (timer.process_definition_key) {
        await this.startByTimer(timer as typeof timer & { process_definition_key: string });
      }
    }
    return due.length === BATCH;
  }

  private async startByTimer(timer: {
    key: string;
    process_definition_key: string;
    element_id: string;
    repetitions: number;
    interval: string | null;
  }): Promise<void> {
    const [definition] = await this.dataSource.query(
      `SELECT key::text, bpmn_process_id AS "bpmnProcessId", version FROM process_definition WHERE key = $1`,
      [timer.process_definition_key],
    );
    await this.executor.create(definition, {
      startEventId: timer.element_id,
      before: async (manager) => {
        const repeats = timer.interval && timer.repetitions !== 1;
        const taken = await changedRows(
          manager,
          repeats
            ? `UPDATE timer SET due_at = $2, repetitions = CASE WHEN repetitions < 0 THEN repetitions ELSE repetitions - 1 END
                WHERE key = $1 AND state = 'ACTIVE' RETURNING key`
            : `UPDATE timer SET state = 'TRIGGERED' WHERE key = $1 AND state = 'ACTIVE' RETURNING key`,
          repeats ? [timer.key, nextCycleDue(timer.interval as string, this.clock())] : [timer.key],
        );
        return taken.length === 1;
      },
    });
  }

  /** Timed-out jobs go back to the pool; workers hear of them, and of jobs whose back-off just ended. */
  private async releaseTimedOutJobs(): Promise<void> {
    const now = this.clock();
    const released = await this.jobs.releaseTimedOut(this.dataSource.manager, now);
    const retryable = await this.jobs.typesRetryableSince(
      this.dataSource.manager,
      this.lastRetryCheck,
      now,
    );
    this.lastRetryCheck = now;
    const types = released > 0 ? ['*'] : retryable;
    for (const type of types) this.jobListeners.forEach((listener) => listener(type));
  }

  private async runOwedCommands(): Promise<boolean> {
    const rows: Array<{ id: string; command: EngineCommand }> = await this.dataSource.query(
      `SELECT id::text, command FROM engine_command ORDER BY engine_command.id LIMIT ${BATCH}`,
    );
    for (const row of rows) {
      try {
        await runOwedCommand(this.owed, row.id, row.command);
      } catch (error) {
        this.logger.error(
          `engine command ${row.id} (${row.command.type}) failed: ${error instanceof Error ? error.stack : String(error)}`,
        );
        return false;
      }
    }
    return rows.length === BATCH;
  }

  // ------------------------------------------------------------ plumbing

  private async onJob(jobKey: Key, work: Parameters<InstanceExecutor['run']>[1]): Promise<void> {
    const instanceKey =
      this.jobInstances.get(jobKey) ??
      (await this.jobs.instanceOf(this.dataSource.manager, jobKey));
    if (!instanceKey) throw jobNotFound(jobKey);
    await this.onInstance(instanceKey, work);
  }

  /** A worker ends its job: the job's row and the instance's move together (InstanceExecutor.runGuarded). */
  private async onJobEnd(
    jobKey: Key,
    state: 'COMPLETED' | 'ERROR_THROWN',
    compute: (runner: InstanceRunner) => Effects,
  ): Promise<void> {
    const instanceKey =
      this.jobInstances.get(jobKey) ??
      (await this.jobs.instanceOf(this.dataSource.manager, jobKey));
    if (!instanceKey) throw jobNotFound(jobKey);
    await this.translate(() =>
      this.executor.runGuarded(
        instanceKey,
        compute,
        (now) => this.jobs.endStatement(jobKey, state, now),
        () => jobNotFound(jobKey),
      ),
    );
  }

  private async onInstance<T>(
    instanceKey: Key,
    work: (context: CommandContext) => Promise<CommandOutcome<T>>,
  ): Promise<T | undefined> {
    return this.translate(() => this.executor.run(instanceKey, work));
  }

  /** The core's command errors become the port's. */
  private async translate<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CommandError) {
        if (error.code === 'NOT_FOUND') throw new EngineNotFoundError(error.message);
        throw new EngineConflictError(error.message);
      }
      throw error;
    }
  }
}

function jobNotFound(jobKey: Key): EngineNotFoundError {
  return new EngineNotFoundError(`job ${jobKey} not found, or no longer open`);
}
