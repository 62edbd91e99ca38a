import { EntityManager } from 'typeorm';
import { EngineConflictError, PublishMessageCommand } from '../../engine.port';
import { Key, Variables } from '../types';
import { enqueueCommands, QueuedCommand } from './engine-command';
import { changedRows } from '../../../database/changed-rows';

export interface BufferedMessage {
  key: Key;
  variables: Variables;
}

/**
 * Messages and their correlation, as in Zeebe: a message goes to at most one
 * subscription per process (bpmnProcessId), the first published of several
 * buffered matches wins, and a message id is unique while its message lives.
 */
export class MessageStore {
  async publish(
    manager: EntityManager,
    key: Key,
    command: PublishMessageCommand,
    now: Date,
  ): Promise<void> {
    const ttl = Math.max(0, command.timeToLiveMs ?? 0);
    if (command.messageId) {
      // Two publishes of one id at once must not both pass the check.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        JSON.stringify([command.name, command.messageId]),
      ]);
      const duplicate = await manager.query(
        `SELECT 1 FROM message WHERE name = $1 AND message_id = $2 AND expires_at > $3 LIMIT 1`,
        [command.name, command.messageId, now],
      );
      if (duplicate.length > 0) {
        throw new EngineConflictError(
          `a message with name '${command.name}' and id '${command.messageId}' was already published and is still alive`,
        );
      }
    }
    await manager.query(
      `INSERT INTO message (key, name, correlation_key, message_id, variables, published_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        key,
        command.name,
        command.correlationKey,
        command.messageId ?? null,
        JSON.stringify(command.variables ?? {}),
        now,
        new Date(now.getTime() + ttl),
      ],
    );
    // The oldest open subscription of each process gets it; the slot is taken now, the instance moves after commit.
    const subscriptions: Array<{
      key: string;
      process_instance_key: string;
      bpmn_process_id: string;
    }> = await manager.query(
      `SELECT DISTINCT ON (bpmn_process_id) key::text, process_instance_key::text, bpmn_process_id
         FROM message_subscription
        WHERE state = 'OPEN' AND message_name = $1 AND correlation_key = $2
        ORDER BY bpmn_process_id, message_subscription.key`,
      [command.name, command.correlationKey],
    );
    const commands: QueuedCommand[] = [];
    for (const subscription of subscriptions) {
      await manager.query(
        `INSERT INTO message_correlation (message_key, bpmn_process_id, process_instance_key, correlated_at)
         VALUES ($1, $2, $3, $4)`,
        [key, subscription.bpmn_process_id, subscription.process_instance_key, now],
      );
      commands.push({
        processInstanceKey: subscription.process_instance_key,
        command: { type: 'correlate-message', subscriptionKey: subscription.key, messageKey: key },
      });
    }
    const starts: Array<{
      process_definition_key: string;
      bpmn_process_id: string;
      element_id: string;
    }> = await manager.query(
      `SELECT s.process_definition_key::text, s.bpmn_process_id, s.element_id
         FROM message_start_subscription s
        WHERE s.message_name = $1
          AND NOT EXISTS (SELECT 1 FROM message_correlation c WHERE c.message_key = $2 AND c.bpmn_process_id = s.bpmn_process_id)`,
      [command.name, key],
    );
    for (const start of starts) {
      commands.push({
        processInstanceKey: null,
        command: {
          type: 'start-by-message',
          processDefinitionKey: start.process_definition_key,
          bpmnProcessId: start.bpmn_process_id,
          startEventId: start.element_id,
          messageKey: key,
          correlationKey: command.correlationKey,
        },
      });
    }
    await enqueueCommands(manager, commands, now);
  }

  /** The first live message for a subscription that its process has not received yet. */
  async buffered(
    manager: EntityManager,
    subscriptionKey: Key,
    now: Date,
  ): Promise<BufferedMessage | null> {
    const rows: Array<{ key: string; variables: Variables }> = await manager.query(
      `SELECT m.key::text, m.variables
         FROM message_subscription s
         JOIN message m ON m.name = s.message_name AND m.correlation_key = s.correlation_key
        WHERE s.key = $1 AND s.state = 'OPEN' AND m.expires_at > $2
          AND NOT EXISTS (SELECT 1 FROM message_correlation c
                           WHERE c.message_key = m.key AND c.bpmn_process_id = s.bpmn_process_id)
        ORDER BY m.key LIMIT 1`,
      [subscriptionKey, now],
    );
    return rows[0] ?? null;
  }

  /**
   * Whether an instance of the process started by a message with this correlation key is
   * active (an empty key never blocks). Serialised per key, so two such messages at once
   * cannot both start one.
   */
  async startBlocked(
    manager: EntityManager,
    bpmnProcessId: string,
    correlationKey: string,
  ): Promise<boolean> {
    if (!correlationKey) return false;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      JSON.stringify(['message-start', bpmnProcessId, correlationKey]),
    ]);
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM process_instance
        WHERE bpmn_process_id = $1 AND message_correlation_key = $2 AND state = 'ACTIVE' LIMIT 1`,
      [bpmnProcessId, correlationKey],
    );
    return rows.length > 0;
  }

  /** The first live message with this key for one of the process's message start events, not yet correlated to it. */
  async waitingStart(
    manager: EntityManager,
    bpmnProcessId: string,
    correlationKey: string,
    now: Date,
  ): Promise<{ messageKey: Key; processDefinitionKey: Key; startEventId: string } | null> {
    const [row] = await manager.query(
      `SELECT m.key::text AS "messageKey", s.process_definition_key::text AS "processDefinitionKey",
              s.element_id AS "startEventId"
         FROM message m JOIN message_start_subscription s ON s.message_name = m.name
        WHERE s.bpmn_process_id = $1 AND m.correlation_key = $2 AND m.expires_at > $3
          AND NOT EXISTS (SELECT 1 FROM message_correlation c
                           WHERE c.message_key = m.key AND c.bpmn_process_id = $1)
        ORDER BY m.key LIMIT 1`,
      [bpmnProcessId, correlationKey, now],
    );
    return row ?? null;
  }

  async variablesOf(manager: EntityManager, messageKey: Key): Promise<Variables> {
    const rows = await manager.query(`SELECT variables FROM message WHERE key = $1`, [messageKey]);
    return (rows[0]?.variables as Variables | undefined) ?? {};
  }

  /** Takes the subscription for a correlation; false when it has closed meanwhile. */
  async takeSubscription(manager: EntityManager, subscriptionKey: Key): Promise<boolean> {
    const rows = await changedRows(
      manager,
      `UPDATE message_subscription SET state = 'CORRELATED' WHERE key = $1 AND state = 'OPEN' RETURNING key`,
      [subscriptionKey],
    );
    return rows.length === 1;
  }

  async recordCorrelation(
    manager: EntityManager,
    messageKey: Key,
    bpmnProcessId: string,
    processInstanceKey: Key,
    now: Date,
  ): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO message_correlation (message_key, bpmn_process_id, process_instance_key, correlated_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING message_key`,
      [messageKey, bpmnProcessId, processInstanceKey, now],
    );
    return rows.length === 1;
  }

  /** Frees the slot a correlation had taken, so the message can go to another subscription. */
  async releaseCorrelation(
    manager: EntityManager,
    messageKey: Key,
    bpmnProcessId: string,
  ): Promise<void> {
    await manager.query(
      `DELETE FROM message_correlation WHERE message_key = $1 AND bpmn_process_id = $2`,
      [messageKey, bpmnProcessId],
    );
  }
}
