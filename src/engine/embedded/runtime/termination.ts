import { isRuntimeOwned } from './owned-instances';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';

/** Terminating element instances and closing what they own. */
export class Termination {
  constructor(private readonly core: RuntimeCore) {}

  /** Terminates the element instance of an execution (bpmn-engine discarded or stopped it). */
  terminate(executionId: string): void {
    delete this.core.state.zombies[executionId];
    if (this.core.ended) return;
    const record = this.core.recordByExecution(executionId);
    if (record && record.elementType !== 'PROCESS') this.terminateRecord(record, true);
  }

  /** byEngine: bpmn-engine already ended it; otherwise it lingers there until discarded (a zombie). */
  terminateRecord(record: ElementInstanceRecord, byEngine = false): void {
    if (!this.core.state.instances[record.key]) return;
    // An instance the runtime runs itself: bpmn-engine has nothing to discard.
    if (!byEngine && record.elementType !== 'PROCESS' && !isRuntimeOwned(record))
      this.core.state.zombies[record.executionId] = true;
    for (const child of this.core.children(record.key)) this.terminateRecord(child);
    this.closeOwned(record, true);
    for (const incident of Object.values(this.core.state.incidents)) {
      if (incident.elementInstanceKey !== record.key) continue;
      this.core.incidents.resolve(incident);
      this.core.incidents.handOverHolds(incident);
    }
    if (!record.hidden) this.core.emit('ELEMENT_TERMINATED', record);
    const body =
      record.loopIndex !== undefined && record.flowScopeKey
        ? this.core.state.instances[record.flowScopeKey]
        : undefined;
    this.core.drop(record);
    this.core.compensation.forget(record.key);
    if (body?.body) {
      body.body.terminated++;
      this.core.multiInstance.updateBodyCounters(body);
    }
    this.core.boundaryListeners.delete(record.executionId);
    this.core.waiters.delete(record.executionId);
    // Its children are terminated above; what the library still runs of them goes now.
    if (record.elementType === 'SUB_PROCESS' && isRuntimeOwned(record))
      this.core.libraryScopes?.endScope(record);
  }

  /** Jobs, timers, subscriptions and child processes of an element instance end with it. */
  closeOwned(record: ElementInstanceRecord, terminated: boolean): void {
    for (const job of Object.values(this.core.state.jobs)) {
      if (job.elementInstanceKey !== record.key) continue;
      delete this.core.state.jobs[job.key];
      this.core.effects.jobsCancelled.push({ key: job.key, elementInstanceKey: record.key });
    }
    for (const timer of Object.values(this.core.state.timers)) {
      if (timer.elementInstanceKey !== record.key) continue;
      delete this.core.state.timers[timer.key];
      this.core.effects.timersCancelled.push({ key: timer.key, elementInstanceKey: record.key });
    }
    for (const sub of Object.values(this.core.state.subscriptions)) {
      if (sub.elementInstanceKey !== record.key) continue;
      delete this.core.state.subscriptions[sub.key];
      this.core.effects.subscriptionsClosed.push({
        key: sub.key,
        kind: sub.kind,
        elementInstanceKey: record.key,
      });
    }
    if (terminated && record.callStarted) {
      this.core.effects.callActivitiesCancelled.push({
        elementInstanceKey: record.key,
        elementId: record.elementId,
      });
    }
  }
}
