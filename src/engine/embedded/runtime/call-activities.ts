import { Key, Variables } from '../types';
import { CommandError } from './command-error';
import { IncidentError } from './job-spec';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';

/** Call activities: the durable layer starts and ends the child process; this is the parent's side. */
export class CallActivities {
  constructor(private readonly core: RuntimeCore) {}

  /** Emits the call activity effect once: the durable layer starts the child. */
  start(record: ElementInstanceRecord): boolean {
    if (record.callStarted) return true;
    const meta = this.core.meta(record.elementId);
    const called = meta.calledElement;
    if (!called) throw new Error(`element ${meta.id} has no zeebe:calledElement`);
    try {
      const visible = this.core.variables.visible(record.key);
      const bpmnProcessId = this.core.expectString(called.processId, visible, 'called process id');
      const variables = called.propagateAllParentVariables
        ? visible
        : this.core.variables.local(record.key);
      record.callStarted = true;
      this.core.announce(record);
      this.core.effects.callActivitiesStarted.push({
        elementInstanceKey: record.key,
        elementId: record.elementId,
        processInstanceKey: this.core.state.processInstanceKey,
        bpmnProcessId,
        variables,
        propagateAllChildVariables: called.propagateAllChildVariables,
      });
      return true;
    } catch (err) {
      this.core.incidents.raise(record, record.executionId, err);
      return false;
    }
  }

  /** The child ended: its variables come back as Zeebe passes them (all, or output mappings only). */
  complete(elementInstanceKey: Key, variables: Variables): void {
    const record = this.record(elementInstanceKey);
    const waiter = this.core.waiters.get(record.executionId);
    if (!waiter?.onCallCompleted)
      throw new Error(`nothing waits for call activity ${elementInstanceKey}`);
    const meta = this.core.meta(record.elementId);
    const hasOutputs = (meta.ioMapping?.outputs.length ?? 0) > 0;
    const passed = meta.calledElement?.propagateAllChildVariables || hasOutputs ? variables : {};
    record.callStarted = false;
    waiter.onCallCompleted(passed);
  }

  /** The child could not be started (e.g. no such process): CALLED_ELEMENT_ERROR; retry starts it again. */
  fail(elementInstanceKey: Key, errorMessage: string): void {
    const record = this.record(elementInstanceKey);
    record.callStarted = false;
    this.core.incidents.raise(
      record,
      record.executionId,
      new IncidentError('CALLED_ELEMENT_ERROR', errorMessage),
      'CALLED_ELEMENT_ERROR',
    );
  }

  record(elementInstanceKey: Key): ElementInstanceRecord {
    const record = this.core.state.instances[elementInstanceKey];
    if (!record || record.elementType !== 'CALL_ACTIVITY' || !record.callStarted) {
      throw new CommandError('NOT_FOUND', `no waiting call activity ${elementInstanceKey}`);
    }
    return record;
  }
}
