import { DataSource, EntityManager } from 'typeorm';
import { changedRows } from '../../../database/changed-rows';
import { EngineNotFoundError } from '../../engine.port';
import { Clock, Key } from '../types';
import { DefinitionStore } from './definition-store';
import { EngineCommand } from './engine-command';
import { InstanceExecutor } from './instance-executor';
import { MessageStore } from './message-store';

/** What the handlers of owed commands work with. */
export interface OwedCommandDeps {
  dataSource: DataSource;
  executor: InstanceExecutor;
  definitions: DefinitionStore;
  messages: MessageStore;
  clock: Clock;
  /** Wakes the loop that runs owed commands (a command queued more). */
  kick(): void;
}

type Work = Parameters<InstanceExecutor['run']>[1];

/** One owed command being carried out: it is deleted in the transaction that does its work. */
class OwedCommand {
  constructor(
    readonly deps: OwedCommandDeps,
    private readonly id: string,
  ) {}

  /** Deletes the command; false when another replica or run already did it. */
  readonly take = async (manager: EntityManager): Promise<boolean> =>
    (await changedRows(manager, `DELETE FROM engine_command WHERE id = $1 RETURNING id`, [this.id]))
      .length === 1;

  /** Runs the work on the instance; if the instance has ended, nothing is owed to it any more. */
  async onInstanceOrDrop(
    instanceKey: Key,
    work: Work,
    onDrop?: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    try {
      await this.deps.executor.run(instanceKey, work);
    } catch (error) {
      if (!(error instanceof EngineNotFoundError)) throw error;
      await this.deps.dataSource.transaction(async (manager) => {
        if ((await this.take(manager)) && onDrop) await onDrop(manager);
      });
    }
  }

  /** Drops the command: what it was owed to no longer exists. */
  async drop(): Promise<void> {
    await this.deps.dataSource.transaction(this.take);
  }
}

type Handlers = {
  [T in EngineCommand['type']]: (
    owed: OwedCommand,
    command: Extract<EngineCommand, { type: T }>,
  ) => Promise<void>;
};

const HANDLERS: Handlers = {
  async 'start-called-process'(owed, command) {
    const { deps } = owed;
    const definition = await deps.definitions.latest(
      deps.dataSource.manager,
      command.bpmnProcessId,
    );
    if (!definition) {
      return owed.onInstanceOrDrop(command.parentProcessInstanceKey, async ({ runner, manager }) =>
        (await owed.take(manager))
          ? {
              effects: runner.failCallActivity(
                command.parentElementInstanceKey,
                `Expected process with BPMN process id '${command.bpmnProcessId}' to be deployed, but not found.`,
              ),
            }
          : { effects: null },
      );
    }
    await deps.executor.create(definition, {
      variables: command.variables,
      parent: {
        processInstanceKey: command.parentProcessInstanceKey,
        elementInstanceKey: command.parentElementInstanceKey,
      },
      before: owed.take,
    });
  },

  async 'cancel-called-process'(owed, command) {
    const children: Array<{ key: string }> = await owed.deps.dataSource.query(
      `SELECT key::text FROM process_instance WHERE parent_element_instance_key = $1 AND state = 'ACTIVE'`,
      [command.parentElementInstanceKey],
    );
    if (children.length === 0) return owed.drop();
    await owed.onInstanceOrDrop(children[0].key, async ({ runner, manager }) => ({
      effects: (await owed.take(manager)) ? runner.cancel() : null,
    }));
  },

  async 'escalate-at-call-activity'(owed, command) {
    await owed.onInstanceOrDrop(command.parentProcessInstanceKey, async ({ runner, manager }) => ({
      effects: (await owed.take(manager))
        ? runner.escalateAtCallActivity(command.parentElementInstanceKey, command.escalationCode)
        : null,
    }));
  },

  async 'called-process-ended'(owed, command) {
    await owed.onInstanceOrDrop(command.parentProcessInstanceKey, async ({ runner, manager }) => {
      if (!(await owed.take(manager))) return { effects: null };
      return {
        effects: command.error
          ? runner.throwErrorAtCallActivity(
              command.parentElementInstanceKey,
              command.error.errorCode,
              command.error.variables,
            )
          : runner.completeCallActivity(command.parentElementInstanceKey, command.variables),
      };
    });
  },

  /** One trigger-signal per open subscription, so each instance takes it in its own transaction. */
  async 'broadcast-signal'(owed, command) {
    const { deps } = owed;
    await deps.dataSource.transaction(async (manager) => {
      if (!(await owed.take(manager))) return;
      const subscriptions: Array<{ key: string; process_instance_key: string }> =
        await manager.query(
          `SELECT key::text, process_instance_key::text FROM signal_subscription WHERE signal_name = $1 AND state = 'OPEN'`,
          [command.signalName],
        );
      for (const subscription of subscriptions) {
        await manager.query(
          `INSERT INTO engine_command (process_instance_key, command, created_at) VALUES ($1, $2, $3)`,
          [
            subscription.process_instance_key,
            JSON.stringify({
              type: 'trigger-signal',
              subscriptionKey: subscription.key,
              variables: command.variables,
            } satisfies EngineCommand),
            deps.clock(),
          ],
        );
      }
    });
    deps.kick();
  },

  async 'trigger-signal'(owed, command) {
    const [subscription] = await owed.deps.dataSource.query(
      `SELECT process_instance_key::text AS instance FROM signal_subscription WHERE key = $1`,
      [command.subscriptionKey],
    );
    await owed.onInstanceOrDrop(subscription.instance, async ({ runner, manager }) => {
      if (!(await owed.take(manager))) return { effects: null };
      const open = await changedRows(
        manager,
        `UPDATE signal_subscription SET state = 'CLOSED' WHERE key = $1 AND state = 'OPEN' RETURNING key`,
        [command.subscriptionKey],
      );
      return {
        effects:
          open.length === 1
            ? runner.correlateMessage(command.subscriptionKey, command.variables)
            : null,
      };
    });
  },

  async 'correlate-buffered-message'(owed, command) {
    const { messages } = owed.deps;
    const [subscription] = await owed.deps.dataSource.query(
      `SELECT process_instance_key::text AS instance FROM message_subscription WHERE key = $1`,
      [command.subscriptionKey],
    );
    await owed.onInstanceOrDrop(subscription.instance, async ({ runner, manager, meta, now }) => {
      if (!(await owed.take(manager))) return { effects: null };
      const message = await messages.buffered(manager, command.subscriptionKey, now);
      if (!message || !(await messages.takeSubscription(manager, command.subscriptionKey)))
        return { effects: null };
      await messages.recordCorrelation(
        manager,
        message.key,
        meta.bpmnProcessId,
        meta.processInstanceKey,
        now,
      );
      return { effects: runner.correlateMessage(command.subscriptionKey, message.variables) };
    });
  },

  async 'correlate-message'(owed, command) {
    const { messages } = owed.deps;
    const [subscription] = await owed.deps.dataSource.query(
      `SELECT process_instance_key::text AS instance, bpmn_process_id FROM message_subscription WHERE key = $1`,
      [command.subscriptionKey],
    );
    // If the subscription closed meanwhile, the slot is given back: the message stays buffered for others.
    const release = (manager: EntityManager) =>
      messages.releaseCorrelation(manager, command.messageKey, subscription.bpmn_process_id);
    await owed.onInstanceOrDrop(
      subscription.instance,
      async ({ runner, manager }) => {
        if (!(await owed.take(manager))) return { effects: null };
        if (!(await messages.takeSubscription(manager, command.subscriptionKey))) {
          await release(manager);
          return { effects: null };
        }
        const variables = await messages.variablesOf(manager, command.messageKey);
        return { effects: runner.correlateMessage(command.subscriptionKey, variables) };
      },
      release,
    );
  },

  'start-by-message': (owed, command) => startByMessage(owed, command),

  async 'start-buffered-by-message'(owed, command) {
    const { deps } = owed;
    const waiting = await deps.messages.waitingStart(
      deps.dataSource.manager,
      command.bpmnProcessId,
      command.correlationKey,
      deps.clock(),
    );
    if (waiting) await startByMessage(owed, { ...command, ...waiting });
    else await owed.drop();
  },
};

/**
 * Starts an instance at a message start event unless (Zeebe) an instance started by a message
 * with the same correlation key is still active: then the message stays buffered, and
 * start-buffered-by-message tries again when that instance ends.
 */
async function startByMessage(
  owed: OwedCommand,
  start: {
    processDefinitionKey: Key;
    bpmnProcessId: string;
    startEventId: string;
    messageKey: Key;
    correlationKey: string;
  },
): Promise<void> {
  const { deps } = owed;
  const [definition] = await deps.dataSource.query(
    `SELECT key::text, bpmn_process_id AS "bpmnProcessId", version FROM process_definition WHERE key = $1`,
    [start.processDefinitionKey],
  );
  const variables = await deps.messages.variablesOf(deps.dataSource.manager, start.messageKey);
  await deps.executor.create(definition, {
    variables,
    startEventId: start.startEventId,
    messageCorrelationKey: start.correlationKey,
    before: async (manager, processInstanceKey) =>
      (await owed.take(manager)) &&
      !(await deps.messages.startBlocked(manager, start.bpmnProcessId, start.correlationKey)) &&
      (await deps.messages.recordCorrelation(
        manager,
        start.messageKey,
        start.bpmnProcessId,
        processInstanceKey,
        deps.clock(),
      )),
  });
}

/** Carries out one owed command (engine-command.ts), exactly once. */
export function runOwedCommand(
  deps: OwedCommandDeps,
  id: string,
  command: EngineCommand,
): Promise<void> {
  const handler = HANDLERS[command.type] as (
    owed: OwedCommand,
    command: EngineCommand,
  ) => Promise<void>;
  return handler(new OwedCommand(deps, id), command);
}
