import { EntityManager } from 'typeorm';
import { flowEventsInsert } from '../../read-model/flow-events';
import { Effects, Key } from '../types';
import { enqueueCommands, QueuedCommand } from './engine-command';
import { NEW_JOB_COLUMNS } from './job-store';
import { insertRows, insertStatement, runStatement, Statement, withWrites } from './sql';

/**
 * Writes what one command did to an instance — flow events, jobs, timers,
 * subscriptions, incidents and the work owed to other instances — inside the
 * transaction, with `instanceWrite` (the statement saving the instance's row, with
 * RETURNING), whose rows it returns. The flow events and new jobs, what nearly every
 * command writes, travel in that statement's round trip. No row back: the instance
 * was not written, nothing more is, and the caller rolls back.
 */
export async function writeEffects<T>(
  manager: EntityManager,
  effects: Effects,
  instance: {
    processInstanceKey: Key;
    parentProcessInstanceKey: Key | null;
    parentElementInstanceKey: Key | null;
  },
  now: Date,
  instanceWrite: Statement,
): Promise<{ rows: T[]; queued: number }> {
  // Before the new jobs: a job offered again after an incident keeps its key.
  if (effects.jobsCancelled.length > 0) {
    await manager.query(
      `UPDATE job SET state = 'CANCELED', ended_at = $2
        WHERE key = ANY($1::bigint[]) AND state IN ('ACTIVATABLE', 'ACTIVATED', 'FAILED')`,
      [effects.jobsCancelled.map((j) => j.key), now],
    );
  }
  const writes = [flowEventsInsert(effects.flowEvents), jobsInsert(effects, now)];
  const rows = await runStatement<T>(
    manager,
    withWrites(
      instanceWrite,
      writes.filter((w): w is Statement => w !== null),
    ),
  );
  if (rows.length === 0) return { rows, queued: 0 };

  if (effects.timersCancelled.length > 0) {
    await manager.query(
      `UPDATE timer SET state = 'CANCELED' WHERE key = ANY($1::bigint[]) AND state = 'ACTIVE'`,
      [effects.timersCancelled.map((t) => t.key)],
    );
  }
  await insertRows(
    manager,
    'timer',
    [
      'key',
      'process_instance_key',
      'element_id',
      'element_instance_key',
      'due_at',
      'repetitions',
      'interval',
      'state',
      'created_at',
    ],
    effects.timersCreated.map((t) => [
      t.key,
      t.processInstanceKey,
      t.elementId,
      t.elementInstanceKey,
      t.dueAt,
      t.repetitions,
      t.interval ?? null,
      'ACTIVE',
      now,
    ]),
    `ON CONFLICT (key) DO UPDATE SET due_at = EXCLUDED.due_at, repetitions = EXCLUDED.repetitions, state = 'ACTIVE'`,
  );

  const closed = effects.subscriptionsClosed;
  const closedMessages = closed.filter((s) => s.kind === 'message').map((s) => s.key);
  const closedSignals = closed.filter((s) => s.kind === 'signal').map((s) => s.key);
  if (closedMessages.length > 0) {
    await manager.query(
      `UPDATE message_subscription SET state = 'CLOSED' WHERE key = ANY($1::bigint[]) AND state = 'OPEN'`,
      [closedMessages],
    );
  }
  if (closedSignals.length > 0) {
    await manager.query(
      `UPDATE signal_subscription SET state = 'CLOSED' WHERE key = ANY($1::bigint[]) AND state = 'OPEN'`,
      [closedSignals],
    );
  }
  const openedMessages = effects.subscriptionsOpened.filter((s) => s.kind === 'message');
  await insertRows(
    manager,
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
    openedMessages.map((s) => [
      s.key,
      s.processInstanceKey,
      s.elementInstanceKey,
      s.elementId,
      s.bpmnProcessId,
      s.name,
      s.correlationKey ?? '',
      s.interrupting,
      'OPEN',
      now,
    ]),
  );
  await insertRows(
    manager,
    'signal_subscription',
    ['key', 'process_instance_key', 'element_instance_key', 'element_id', 'signal_name', 'state'],
    effects.subscriptionsOpened
      .filter((s) => s.kind === 'signal')
      .map((s) => [s.key, s.processInstanceKey, s.elementInstanceKey, s.elementId, s.name, 'OPEN']),
  );

  if (effects.incidentsResolved.length > 0) {
    await manager.query(
      `UPDATE incident SET state = 'RESOLVED', resolved_at = $2 WHERE key = ANY($1::bigint[]) AND state = 'ACTIVE'`,
      [effects.incidentsResolved.map((i) => i.key), now],
    );
  }
  await insertRows(
    manager,
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
    effects.incidentsCreated.map((i) => [
      i.key,
      i.processInstanceKey,
      i.bpmnProcessId,
      i.elementId,
      i.elementInstanceKey,
      i.jobKey,
      i.errorType,
      i.errorMessage,
      'ACTIVE',
      now,
    ]),
  );

  const owed = owedCommands(effects, instance);
  await enqueueCommands(manager, owed, now);
  return { rows, queued: owed.length };
}

/**
 * The command wrote flow events and new jobs only, and the instance goes on: nothing
 * here depends on the order of writes or on another instance (see InstanceExecutor.runGuarded).
 */
export function writesOnlyFlowAndJobs(effects: Effects): boolean {
  return (
    !effects.instanceEnded &&
    effects.jobsCancelled.length === 0 &&
    effects.timersCreated.length === 0 &&
    effects.timersCancelled.length === 0 &&
    effects.subscriptionsOpened.length === 0 &&
    effects.subscriptionsClosed.length === 0 &&
    effects.incidentsCreated.length === 0 &&
    effects.incidentsResolved.length === 0 &&
    effects.callActivitiesStarted.length === 0 &&
    effects.callActivitiesCancelled.length === 0 &&
    effects.signalsBroadcast.length === 0 &&
    effects.escalationsToParent.length === 0
  );
}

/** A job offered again after an incident keeps its key: its row goes back to ACTIVATABLE. */
export function jobsInsert(effects: Effects, now: Date): Statement | null {
  return insertStatement(
    'job',
    NEW_JOB_COLUMNS,
    effects.jobsCreated.map((j) => [
      j.key,
      j.type,
      'ACTIVATABLE',
      j.processInstanceKey,
      j.elementId,
      j.elementInstanceKey,
      j.bpmnProcessId,
      j.retries,
      JSON.stringify(j.customHeaders),
      now,
    ]),
    `ON CONFLICT (key) DO UPDATE SET state = 'ACTIVATABLE', retries = EXCLUDED.retries,
       worker = NULL, deadline = NULL, retry_at = NULL, ended_at = NULL`,
  );
}

function owedCommands(
  effects: Effects,
  instance: {
    processInstanceKey: Key;
    parentProcessInstanceKey: Key | null;
    parentElementInstanceKey: Key | null;
  },
): QueuedCommand[] {
  const commands: QueuedCommand[] = [];
  for (const call of effects.callActivitiesStarted) {
    commands.push({
      processInstanceKey: null,
      command: {
        type: 'start-called-process',
        parentProcessInstanceKey: call.processInstanceKey,
        parentElementInstanceKey: call.elementInstanceKey,
        bpmnProcessId: call.bpmnProcessId,
        variables: call.variables,
      },
    });
  }
  for (const call of effects.callActivitiesCancelled) {
    commands.push({
      processInstanceKey: null,
      command: { type: 'cancel-called-process', parentElementInstanceKey: call.elementInstanceKey },
    });
  }
  for (const signal of effects.signalsBroadcast) {
    commands.push({
      processInstanceKey: null,
      command: {
        type: 'broadcast-signal',
        signalName: signal.signalName,
        variables: signal.variables,
      },
    });
  }
  // A new subscription may have a buffered message waiting for it.
  for (const subscription of effects.subscriptionsOpened.filter((s) => s.kind === 'message')) {
    commands.push({
      processInstanceKey: instance.processInstanceKey,
      command: { type: 'correlate-buffered-message', subscriptionKey: subscription.key },
    });
  }
  const ended = effects.instanceEnded;
  const { parentProcessInstanceKey, parentElementInstanceKey } = instance;
  if (parentProcessInstanceKey && parentElementInstanceKey) {
    for (const { escalationCode } of effects.escalationsToParent) {
      commands.push({
        processInstanceKey: parentProcessInstanceKey,
        command: {
          type: 'escalate-at-call-activity',
          parentProcessInstanceKey,
          parentElementInstanceKey,
          escalationCode,
        },
      });
    }
  }
  if (ended && ended.state !== 'CANCELED' && parentProcessInstanceKey && parentElementInstanceKey) {
    commands.push({
      processInstanceKey: parentProcessInstanceKey,
      command: ended.escalationPropagated
        ? {
            type: 'escalate-at-call-activity',
            parentProcessInstanceKey,
            parentElementInstanceKey,
            escalationCode: ended.escalationPropagated.escalationCode,
          }
        : {
            type: 'called-process-ended',
            parentProcessInstanceKey,
            parentElementInstanceKey,
            variables: ended.variables,
            error: ended.errorPropagated,
          },
    });
  }
  return commands;
}
