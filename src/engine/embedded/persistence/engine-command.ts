import { EntityManager } from 'typeorm';
import { Key, Variables } from '../types';
import { insertRows } from './sql';

/**
 * Work owed after a commit, written in the same transaction as the change
 * that caused it (an outbox): starting a called process, returning to a
 * parent, delivering a signal or a buffered message. A crash only delays it.
 */
export type EngineCommand =
  | {
      type: 'start-called-process';
      parentProcessInstanceKey: Key;
      parentElementInstanceKey: Key;
      bpmnProcessId: string;
      variables: Variables;
    }
  | { type: 'cancel-called-process'; parentElementInstanceKey: Key }
  | {
      type: 'called-process-ended';
      parentProcessInstanceKey: Key;
      parentElementInstanceKey: Key;
      variables: Variables;
      error?: { errorCode: string; errorMessage: string; variables: Variables };
    }
  /** The child threw an escalation the call activity catches (interrupting: the child has ended). */
  | {
      type: 'escalate-at-call-activity';
      parentProcessInstanceKey: Key;
      parentElementInstanceKey: Key;
      escalationCode: string;
    }
  | { type: 'broadcast-signal'; signalName: string; variables: Variables }
  | { type: 'trigger-signal'; subscriptionKey: Key; variables: Variables }
  | { type: 'correlate-buffered-message'; subscriptionKey: Key }
  | { type: 'correlate-message'; subscriptionKey: Key; messageKey: Key }
  | {
      type: 'start-by-message';
      processDefinitionKey: Key;
      bpmnProcessId: string;
      startEventId: string;
      messageKey: Key;
      correlationKey: string;
    }
  /** An instance started by a message with this key ended: a message buffered meanwhile may start the next. */
  | { type: 'start-buffered-by-message'; bpmnProcessId: string; correlationKey: string };

export interface QueuedCommand {
  processInstanceKey: Key | null;
  command: EngineCommand;
}

export async function enqueueCommands(
  manager: EntityManager,
  commands: readonly QueuedCommand[],
  now: Date,
): Promise<void> {
  await insertRows(
    manager,
    'engine_command',
    ['process_instance_key', 'command', 'created_at'],
    commands.map((c) => [c.processInstanceKey, JSON.stringify(c.command), now]),
  );
}
