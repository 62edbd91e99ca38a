import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../../../database/prepared-query';
import { EngineNotFoundError } from '../../engine.port';
import { CompiledDefinition } from '../compiled-definition';
import {
  canCatchError,
  InstanceRunner,
  parentCatch,
  InstanceState,
  RunnerOptions,
  StartOptions,
} from '../instance-runner';
import { Clock, Effects, Key, Variables } from '../types';
import { CommandError } from '../runtime/command-error';
import { DefinitionStore } from './definition-store';
import { flowEventsInsert } from '../../read-model/flow-events';
import { jobsInsert, writeEffects, writesOnlyFlowAndJobs } from './effects-writer';
import { enqueueCommands } from './engine-command';
import { BlockKeyGenerator } from './key-generator';
import { KeyedMutex } from './keyed-mutex';
import { runStatement, Statement, withWrites } from './sql';

/** What the executor knows of an instance besides the runner. */
export interface InstanceMeta {
  processInstanceKey: Key;
  processDefinitionKey: Key;
  bpmnProcessId: string;
  version: number;
  parentProcessInstanceKey: Key | null;
  parentElementInstanceKey: Key | null;
}

export interface CommandContext {
  runner: InstanceRunner;
  manager: EntityManager;
  meta: InstanceMeta;
  now: Date;
}

/** Told after a commit, so background work and local workers start at once instead of at their next poll. */
export interface ExecutorHooks {
  commandsQueued(): void;
  jobsCreated(types: string[]): void;
}

/** `effects: null` means the command changed nothing in the instance (its state is not saved). */
export type CommandOutcome<T> = { effects: Effects | null; result?: T };

interface LiveInstance {
  runner: InstanceRunner;
  revision: number;
  meta: InstanceMeta;
  /** performance.now() of its last command: memory is wall time, not the engine's clock. */
  usedAt?: number;
}

// Enough keys for any ordinary command; a bigger one fails (KeysExhaustedError).
const KEYS_PER_COMMAND = 500;

/**
 * Runs commands on process instances durably: one instance at a time (an
 * in-process lock, and for several processes on one PostgreSQL the row's
 * lock or its revision), each command in one transaction with everything it
 * caused (a job's end, the common command, in one statement: see runGuarded).
 * A bounded set of recently used runners stays in memory (bpmn-engine holds
 * ~1 MB per instance); the rest are recovered from their stored state.
 */
export class InstanceExecutor {
  private readonly live = new Map<Key, LiveInstance>();
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: DefinitionStore,
    private readonly keys: BlockKeyGenerator,
    private readonly clock: Clock,
    private readonly maxLiveInstances: number,
    private readonly hooks: ExecutorHooks,
    private readonly limits: Pick<
      RunnerOptions,
      'maxLoopCardinality' | 'feelBudgetMs' | 'maxStepsPerCommand' | 'minTimerCycleMs'
    > = {},
    /** No other process writes this database (PGlite): a cached runner is trusted without locking its row. */
    private readonly soleWriter = false,
  ) {}

  get liveCount(): number {
    return this.live.size;
  }

  async create(
    definition: { key: Key; bpmnProcessId: string; version: number },
    options: {
      variables?: Variables;
      businessKey?: string;
      startEventId?: string;
      parent?: { processInstanceKey: Key; elementInstanceKey: Key };
      /** Started by a message with this (non-empty) correlation key: see MessageStore.startsBlocked. */
      messageCorrelationKey?: string;
      /** Extra work in the same transaction (e.g. taking the command that asked for it); false: create nothing. */
      before?: (manager: EntityManager, processInstanceKey: Key) => Promise<boolean>;
    },
  ): Promise<{ processInstanceKey: Key | null }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      await this.keys.reserve(manager, KEYS_PER_COMMAND);
      const processInstanceKey = this.keys.nextKey();
      if (options.before && !(await options.before(manager, processInstanceKey))) return null;
      const compiled = await this.definitions.compiledOf(manager, definition.key);
      const meta: InstanceMeta = {
        processInstanceKey,
        processDefinitionKey: definition.key,
        bpmnProcessId: definition.bpmnProcessId,
        version: definition.version,
        parentProcessInstanceKey: options.parent?.processInstanceKey ?? null,
        parentElementInstanceKey: options.parent?.elementInstanceKey ?? null,
      };
      const startOptions: StartOptions = {
        ...(await this.runnerOptions(manager, meta)),
        processInstanceKey,
        variables: options.variables,
        startEventId: options.startEventId,
      };
      const { runner, effects } = await InstanceRunner.start(
        compiled,
        definition.bpmnProcessId,
        startOptions,
      );
      const now = this.clock();
      let { queued } = await writeEffects(manager, effects, meta, now, {
        text: `INSERT INTO process_instance (key, process_definition_key, bpmn_process_id, version, business_key, state,
           parent_process_instance_key, parent_element_instance_key, variables, runner_state, revision, started_at, ended_at,
           message_correlation_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $13) RETURNING key`,
        params: [
          processInstanceKey,
          definition.key,
          definition.bpmnProcessId,
          definition.version,
          options.businessKey ?? null,
          effects.instanceEnded ? storedEndState(effects.instanceEnded) : 'ACTIVE',
          meta.parentProcessInstanceKey,
          meta.parentElementInstanceKey,
          JSON.stringify(effects.instanceEnded ? effects.instanceEnded.variables : {}),
          effects.instanceEnded ? null : runner.getStateJson(),
          now,
          effects.instanceEnded ? now : null,
          options.messageCorrelationKey || null,
        ],
        prepared: true,
      });
      if (effects.instanceEnded && options.messageCorrelationKey)
        queued += await nextMessageStart(
          manager,
          meta.bpmnProcessId,
          options.messageCorrelationKey,
          now,
        );
      return {
        processInstanceKey,
        live: effects.instanceEnded ? null : { runner, revision: 1, meta },
        effects,
        queued,
      };
    });
    if (!outcome) return { processInstanceKey: null };
    if (outcome.live) this.cache(outcome.live);
    this.notify(outcome.effects, outcome.queued);
    return { processInstanceKey: outcome.processInstanceKey };
  }

  /** Runs a command on one instance; NOT_FOUND when the instance does not exist. */
  async run<T>(
    processInstanceKey: Key,
    command: (context: CommandContext) => Promise<CommandOutcome<T>>,
  ): Promise<T | undefined> {
    return this.mutex.runExclusive(processInstanceKey, () =>
      this.runLocked(processInstanceKey, command, this.take(processInstanceKey)),
    );
  }

  /**
   * A command whose only database work of its own is `guard`, a write that must change one row
   * (a job's end). With a runner in memory it is first tried without locking or reading the
   * instance's row: computed, then written in one statement (or, when it also touches timers,
   * subscriptions, incidents or other instances, one transaction) that counts only if the row
   * is still at the runner's revision and the guard changed its row. Anything refused is run
   * again the careful way, on the stored state under the row's lock, where the guard is tried
   * first and its refusal becomes `refused()`.
   */
  async runGuarded(
    processInstanceKey: Key,
    compute: (runner: InstanceRunner) => Effects,
    guard: (now: Date) => Statement,
    refused: () => Error,
  ): Promise<void> {
    await this.mutex.runExclusive(processInstanceKey, async () => {
      const cached = this.take(processInstanceKey);
      const tried = cached ? await this.tryOptimistic(cached, compute, guard) : 'refused';
      if (tried === 'done') return;
      await this.runLocked(
        processInstanceKey,
        async ({ runner, manager, now }) => {
          if ((await runStatement(manager, guard(now))).length === 0) throw refused();
          return { effects: compute(runner) };
        },
        // A runner that refused the command is as it was; one whose write was refused is ahead.
        tried === 'unchanged' ? cached : undefined,
      );
    });
  }

  /** The cached runner, out of the cache while it changes: if a write fails, it may be ahead of the database. */
  private take(processInstanceKey: Key): LiveInstance | undefined {
    const cached = this.live.get(processInstanceKey);
    this.live.delete(processInstanceKey);
    return cached;
  }

  private async runLocked<T>(
    processInstanceKey: Key,
    command: (context: CommandContext) => Promise<CommandOutcome<T>>,
    cached: LiveInstance | undefined,
  ): Promise<T | undefined> {
    for (let retry = 0; ; retry++) {
      try {
        return await this.attempt(processInstanceKey, command, retry === 0 ? cached : undefined);
      } catch (error) {
        // A stale cached runner, or PostgreSQL aborting this transaction to break a deadlock
        // with another writer: rolled back, so run again on the stored state.
        const again =
          (retry === 0 && error instanceof StaleRunnerError) ||
          (retry < MAX_LOCK_RETRIES && isLockConflict(error));
        if (!again) throw error;
      }
    }
  }

  /**
   * `refused`: the row moved past the runner or the guard changed nothing, and nothing was
   * written; `unchanged`: the runner itself refused the command (a CommandError leaves it as
   * it was), and the careful run reports it after the guard (a stale runner's answer may be wrong).
   */
  private async tryOptimistic(
    live: LiveInstance,
    compute: (runner: InstanceRunner) => Effects,
    guardAt: (now: Date) => Statement,
  ): Promise<'done' | 'refused' | 'unchanged'> {
    await this.keys.reserve(this.dataSource.manager, KEYS_PER_COMMAND);
    const now = this.clock();
    const guard = guardAt(now);
    let effects: Effects;
    try {
      effects = compute(live.runner);
    } catch (error) {
      return error instanceof CommandError ? 'unchanged' : 'refused';
    }
    let saved: Saved;
    try {
      saved = writesOnlyFlowAndJobs(effects)
        ? await this.saveInOneStatement(live, effects, now, guard)
        : await this.dataSource.transaction(async (manager) => {
            // The instance's row before the job's, the order every command takes them in.
            if (!(await this.lockAt(manager, live))) throw new StaleRunnerError();
            // Refused like a moved row: the careful run tells which.
            if ((await runStatement(manager, guard)).length === 0) throw new StaleRunnerError();
            return this.save(manager, live, effects, now);
          });
    } catch (error) {
      // A deadlock's victim too (PostgreSQL): rolled back like the rest.
      if (error instanceof StaleRunnerError || isRefusedStatement(error) || isLockConflict(error))
        return 'refused';
      throw error;
    }
    this.settle(saved, effects);
    return 'done';
  }

  /** Locks the instance's row if it is still at the runner's revision. */
  private async lockAt(manager: EntityManager, live: LiveInstance): Promise<boolean> {
    const rows = await preparedQuery(
      manager,
      `SELECT 1 FROM process_instance WHERE key = $1 AND revision = $2 FOR UPDATE`,
      [live.meta.processInstanceKey, live.revision],
    );
    return rows.length === 1;
  }

  /**
   * The instance's row, the guard, its flow events and new jobs as one autocommit statement:
   * one round trip instead of five. Its last expression divides by zero unless both the row
   * and the guard changed, so a refusal rolls the whole statement back. PostgreSQL evaluates
   * w0 (the row) before w1 (the job), the order the careful run locks them in; were it the
   * other way, a deadlock would still only refuse the try.
   */
  private async saveInOneStatement(
    live: LiveInstance,
    effects: Effects,
    now: Date,
    guard: Statement,
  ): Promise<Saved> {
    const writes = [
      this.instanceWrite(live, effects, now),
      guard,
      flowEventsInsert(effects.flowEvents),
      jobsInsert(effects, now),
    ];
    await runStatement(
      this.dataSource.manager,
      withWrites(
        {
          text: `SELECT 1 / ((SELECT count(*) FROM w0) * (SELECT count(*) FROM w1))::int AS ok`,
          params: [],
          prepared: true,
        },
        writes.filter((w): w is Statement => w !== null),
      ),
    );
    return { live: { ...live, revision: live.revision + 1 }, queued: 0 };
  }

  /**
   * One try in one transaction. With a trusted runner (this process is the database's only
   * writer) the row is not read and locked first: the revision in the UPDATE's condition
   * proves the runner current, and a mismatch rolls back for a locked try.
   */
  private async attempt<T>(
    processInstanceKey: Key,
    command: (context: CommandContext) => Promise<CommandOutcome<T>>,
    cached: LiveInstance | undefined,
  ): Promise<T | undefined> {
    const trusted = cached !== undefined && this.soleWriter;
    const outcome = await this.dataSource.transaction(async (manager) => {
      await this.keys.reserve(manager, KEYS_PER_COMMAND);
      const live = trusted ? cached! : await this.lockAndLoad(manager, processInstanceKey, cached);
      const now = this.clock();
      const { effects, result } = await command({
        runner: live.runner,
        manager,
        meta: live.meta,
        now,
      });
      if (!effects) return { live, result, effects: null, queued: 0 };
      return { ...(await this.save(manager, live, effects, now)), result, effects };
    });
    if (outcome.effects) this.settle(outcome, outcome.effects);
    else if (outcome.live) this.cache(outcome.live);
    return outcome.result;
  }

  /** Writes a computed command in `manager`'s transaction; StaleRunnerError if the row moved past the runner. */
  private async save(
    manager: EntityManager,
    live: LiveInstance,
    effects: Effects,
    now: Date,
  ): Promise<Saved> {
    const {
      rows: [updated],
      queued: owed,
    } = await writeEffects<{ message_correlation_key: string | null }>(
      manager,
      effects,
      live.meta,
      now,
      this.instanceWrite(live, effects, now),
    );
    if (!updated) throw new StaleRunnerError();
    let queued = owed;
    if (updated.message_correlation_key)
      queued += await nextMessageStart(
        manager,
        live.meta.bpmnProcessId,
        updated.message_correlation_key,
        now,
      );
    return {
      live: effects.instanceEnded ? null : { ...live, revision: live.revision + 1 },
      queued,
    };
  }

  /**
   * The instance's row at the runner's next revision, if it is still at the runner's one.
   * While active, the variables live in runner_state (see process_instance_variables in the read model).
   */
  private instanceWrite(live: LiveInstance, effects: Effects, now: Date): Statement {
    const ended = effects.instanceEnded;
    const key = live.meta.processInstanceKey;
    return ended
      ? {
          text: `UPDATE process_instance SET revision = revision + 1, state = $3, variables = $4, runner_state = NULL, ended_at = $5
                  WHERE key = $1 AND revision = $2 RETURNING message_correlation_key`,
          params: [key, live.revision, storedEndState(ended), JSON.stringify(ended.variables), now],
          prepared: true,
        }
      : {
          text: `UPDATE process_instance SET revision = revision + 1, runner_state = $3 WHERE key = $1 AND revision = $2
                  RETURNING NULL AS message_correlation_key`,
          params: [key, live.revision, live.runner.getStateJson()],
          prepared: true,
        };
  }

  /** After a commit: the runner back in memory (unless its instance ended), waiting work told. */
  private settle(saved: Saved, effects: Effects): void {
    if (saved.live) this.cache(saved.live);
    this.notify(effects, saved.queued);
  }

  /** Locks the instance's row; the cached runner if it is at the row's revision, else one recovered from it. */
  private async lockAndLoad(
    manager: EntityManager,
    processInstanceKey: Key,
    cached: LiveInstance | undefined,
  ): Promise<LiveInstance> {
    const rows = await preparedQuery<{ revision: number; state: string } & RawMeta>(
      manager,
      `SELECT revision, state, process_definition_key::text, bpmn_process_id, version,
              parent_process_instance_key::text, parent_element_instance_key::text
         FROM process_instance WHERE key = $1 FOR UPDATE`,
      [processInstanceKey],
    );
    const row = rows[0];
    if (!row) throw new EngineNotFoundError(`process instance ${processInstanceKey} not found`);
    if (row.state !== 'ACTIVE') {
      throw new EngineNotFoundError(
        `process instance ${processInstanceKey} is ${row.state.toLowerCase()}`,
      );
    }
    return cached && cached.revision === row.revision
      ? cached
      : this.recover(manager, processInstanceKey, row);
  }

  private notify(effects: Effects, queued: number): void {
    if (queued > 0) this.hooks.commandsQueued();
    if (effects.jobsCreated.length > 0)
      this.hooks.jobsCreated([...new Set(effects.jobsCreated.map((j) => j.type))]);
  }

  /**
   * Drops the runners untouched for idleMs: an instance waits for days between a case's steps,
   * and each runner holds ~1 MB. The map is in order of use, so this stops at the first recent one.
   */
  evictIdle(idleMs: number): number {
    const before = performance.now() - idleMs;
    let evicted = 0;
    for (const [key, live] of this.live) {
      if ((live.usedAt ?? 0) > before) break;
      this.live.delete(key);
      evicted++;
    }
    return evicted;
  }

  /** Drops every live runner (tests, shutdown). */
  clear(): void {
    this.live.clear();
  }

  private async recover(
    manager: EntityManager,
    processInstanceKey: Key,
    row: RawMeta & { revision: number },
  ): Promise<LiveInstance> {
    const meta = toMeta(processInstanceKey, row);
    const [{ runner_state: state }] = await manager.query(
      `SELECT runner_state FROM process_instance WHERE key = $1`,
      [processInstanceKey],
    );
    const compiled = await this.definitions.compiledOf(manager, meta.processDefinitionKey);
    const runner = await InstanceRunner.recover(
      compiled,
      state as InstanceState,
      await this.runnerOptions(manager, meta),
    );
    return { runner, revision: row.revision, meta };
  }

  /**
   * A called process asks its parent whether an error it does not catch is
   * caught at the call activity; the parent's stored state answers.
   */
  private async runnerOptions(manager: EntityManager, meta: InstanceMeta): Promise<RunnerOptions> {
    const options: RunnerOptions = {
      clock: this.clock,
      nextKey: this.keys.nextKey,
      ...this.limits,
    };
    if (meta.parentProcessInstanceKey && meta.parentElementInstanceKey) {
      const rows: Array<{ runner_state: InstanceState | null; process_definition_key: string }> =
        await manager.query(
          `SELECT runner_state, process_definition_key::text FROM process_instance WHERE key = $1`,
          [meta.parentProcessInstanceKey],
        );
      const parent = rows[0];
      if (parent?.runner_state) {
        const parentCompiled: CompiledDefinition = await this.definitions.compiledOf(
          manager,
          parent.process_definition_key,
        );
        const parentState = parent.runner_state;
        const callKey = meta.parentElementInstanceKey;
        options.canParentCatchError = (code) =>
          canCatchError(parentCompiled, parentState, callKey, code);
        options.parentEscalation = (code) =>
          parentCatch(parentCompiled, parentState, callKey, 'ESCALATION', code);
      }
    }
    return options;
  }

  private cache(live: LiveInstance): void {
    this.live.delete(live.meta.processInstanceKey);
    this.live.set(live.meta.processInstanceKey, { ...live, usedAt: performance.now() });
    while (this.live.size > this.maxLiveInstances) {
      const oldest = this.live.keys().next().value as Key;
      this.live.delete(oldest);
    }
  }
}

/**
 * A terminate end event completes the process (Zeebe); a child ended because its parent's call
 * activity caught its error or escalation is terminated, as its history says.
 */
function storedEndState(
  ended: NonNullable<Effects['instanceEnded']>,
): 'COMPLETED' | 'CANCELED' | 'TERMINATED' {
  if (ended.state === 'CANCELED') return 'CANCELED';
  if (ended.errorPropagated || ended.escalationPropagated) return 'TERMINATED';
  return 'COMPLETED';
}

/** A command written: the runner at its new revision (null: the instance ended), commands owed to others. */
interface Saved {
  live: LiveInstance | null;
  queued: number;
}

/** The row moved past the runner, or the guard changed nothing: saveInOneStatement's division by zero. */
function isRefusedStatement(error: unknown): boolean {
  return sqlState(error) === '22012';
}

/** The instance's row moved past the cached runner: the try is rolled back and made again, locked. */
class StaleRunnerError extends Error {}

/** Tries of a command PostgreSQL chose as a deadlock's victim before the error is the caller's. */
const MAX_LOCK_RETRIES = 3;

/** deadlock_detected or serialization_failure: the transaction was rolled back and may be re-run. */
function isLockConflict(error: unknown): boolean {
  const code = sqlState(error);
  return code === '40P01' || code === '40001';
}

/** PostgreSQL's error code, as TypeORM wraps it or as the driver gives it. */
function sqlState(error: unknown): string | undefined {
  return (
    (error as { driverError?: { code?: string } }).driverError?.code ??
    (error as { code?: string }).code
  );
}

interface RawMeta {
  process_definition_key: string;
  bpmn_process_id: string;
  version: number;
  parent_process_instance_key: string | null;
  parent_element_instance_key: string | null;
}

function toMeta(processInstanceKey: Key, row: RawMeta): InstanceMeta {
  return {
    processInstanceKey,
    processDefinitionKey: row.process_definition_key,
    bpmnProcessId: row.bpmn_process_id,
    version: row.version,
    parentProcessInstanceKey: row.parent_process_instance_key,
    parentElementInstanceKey: row.parent_element_instance_key,
  };
}

/** An instance started by a message with a correlation key ended: the next such message may start one. */
async function nextMessageStart(
  manager: EntityManager,
  bpmnProcessId: string,
  correlationKey: string,
  now: Date,
): Promise<number> {
  const command = { type: 'start-buffered-by-message' as const, bpmnProcessId, correlationKey };
  await enqueueCommands(manager, [{ processInstanceKey: null, command }], now);
  return 1;
}
