import { Key } from '../types';
import { OWNED_PREFIX } from './owned-instances';
import type { RuntimeCore } from './runtime-core';
import { CompensationRecord, ElementInstanceRecord } from './runtime-state';

function isCompensationHandler(record: ElementInstanceRecord): boolean {
  return record.executionId.startsWith(OWNED_PREFIX.compensation);
}

/**
 * Compensation as Zeebe 8.5 runs it. A completed activity with a compensation boundary event
 * leaves a record; a compensation throw event invokes, at once, the handlers of the completed
 * activities of its scope (and of the sub-processes completed in it), each after its boundary
 * event, in the throw event's scope, and waits until they have all completed.
 */
export class Compensation {
  constructor(private readonly core: RuntimeCore) {}

  private get records(): Record<Key, CompensationRecord> {
    return (this.core.state.compensations ??= {});
  }

  private find(predicate: (c: CompensationRecord) => boolean): CompensationRecord[] {
    return Object.values(this.core.state.compensations ?? {}).filter(predicate);
  }

  /** An element instance completed: record what a later throw event can compensate. */
  onCompleted(record: ElementInstanceRecord): void {
    if (isCompensationHandler(record)) return this.handlerCompleted(record);
    if (record.flowScopeKey === null) return;
    const meta = this.core.meta(record.elementId);
    // Every completion passes here: a model without compensation stops at once.
    if (!meta.compensation && !this.core.state.compensations) return;
    // A multi-instance activity is compensated once, for all its instances (Zeebe).
    const own =
      meta.compensation && (record.elementType === 'MULTI_INSTANCE_BODY' || !meta.loop)
        ? meta.compensation
        : undefined;
    const isScope =
      record.elementType === 'SUB_PROCESS' || record.elementType === 'MULTI_INSTANCE_BODY';
    const holds = isScope && this.find((c) => c.scopeKey === record.key).length > 0;
    if (!own && !holds) return this.forget(record.key);
    const key = this.core.nextKey();
    this.records[key] = {
      key,
      activityId: record.elementId,
      activityInstanceKey: record.key,
      scopeKey: record.flowScopeKey,
      handlerId: own?.handlerId ?? null,
    };
  }

  /** An element instance ended otherwise: nothing completed in it can be compensated any more. */
  forget(key: Key): void {
    for (const c of this.find(
      (c) => c.scopeKey === key || c.handlerKey === key || c.throwEventKey === key,
    )) {
      delete this.records[c.key];
      this.forget(c.activityInstanceKey);
    }
  }

  /**
   * A compensation throw event: invokes the handlers in its scope (inside an event sub-process,
   * also in the scope around it). Returns whether it has to wait for them.
   */
  trigger(throwEvent: ElementInstanceRecord, waiter: string): boolean {
    const scopeKey = throwEvent.flowScopeKey;
    const scope = scopeKey ? this.core.state.instances[scopeKey] : undefined;
    const scopes = [
      scopeKey,
      scope?.elementType === 'EVENT_SUB_PROCESS' ? scope.flowScopeKey : null,
    ];
    const only = this.core.meta(throwEvent.elementId).compensateActivity;
    const chosen = this.find(
      (c) =>
        !c.throwEventKey &&
        scopes.includes(c.scopeKey) &&
        (only === undefined || c.activityId === only),
    );
    for (const c of chosen) this.triggerOne(c, throwEvent, waiter);
    return this.find((c) => c.throwEventKey === throwEvent.key).length > 0;
  }

  private triggerOne(c: CompensationRecord, throwEvent: ElementInstanceRecord, waiter: string) {
    c.throwEventKey = throwEvent.key;
    c.throwWaiter = waiter;
    if (c.handlerId) {
      const handler = this.activateHandler(c, throwEvent);
      c.handlerKey = handler.key;
      // Zeebe activates each handler by a command of its own: after every boundary event of
      // this throw, and after tokens already on their way.
      this.core.arrivals.defer(() => {
        if (this.core.state.instances[handler.key] === handler) this.core.owned.run(handler);
      });
    }
    for (const inner of this.find((o) => o.scopeKey === c.activityInstanceKey && !o.throwEventKey))
      this.triggerOne(inner, throwEvent, waiter);
    if (!c.handlerId) this.settleScope(c.activityInstanceKey);
  }

  /** The boundary event passes (activated, completed) and the handler is created beside the throw event. */
  private activateHandler(
    c: CompensationRecord,
    throwEvent: ElementInstanceRecord,
  ): ElementInstanceRecord {
    const activity = this.core.meta(c.activityId);
    const boundary = this.core.meta(activity.compensation!.boundaryId);
    const boundaryRecord: ElementInstanceRecord = {
      key: this.core.nextKey(),
      elementId: boundary.id,
      elementType: boundary.elementType,
      bpmnEventType: 'COMPENSATION',
      flowScopeKey: throwEvent.flowScopeKey,
      executionId: '',
      phase: 'COMPLETING',
    };
    this.core.emit('ELEMENT_ACTIVATED', boundaryRecord);
    this.core.emit('ELEMENT_COMPLETED', boundaryRecord);
    return this.core.owned.create(
      c.handlerId!,
      throwEvent.flowScopeKey!,
      (key) => `${OWNED_PREFIX.compensation}${key}`,
      'COMPENSATION',
    );
  }

  private handlerCompleted(record: ElementInstanceRecord): void {
    this.core.waiters.delete(record.executionId);
    const [c] = this.find((o) => o.handlerKey === record.key);
    if (!c) return;
    delete this.records[c.key];
    this.settleScope(c.scopeKey);
    this.endThrowIfDone(c);
  }

  /** A sub-process without a handler of its own is compensated once nothing inside it waits (Zeebe). */
  private settleScope(scopeKey: Key): void {
    if (this.find((o) => o.scopeKey === scopeKey).length) return;
    const [scope] = this.find((o) => o.activityInstanceKey === scopeKey && !o.handlerId);
    if (!scope?.throwEventKey) return;
    delete this.records[scope.key];
    this.settleScope(scope.scopeKey);
  }

  private endThrowIfDone(c: CompensationRecord): void {
    if (this.find((o) => o.throwEventKey === c.throwEventKey).length) return;
    this.core.waiters.get(c.throwWaiter ?? '')?.onCompensated?.();
  }

  /** After a recovery: the throw event waits again, its handlers wait for their jobs or retries. */
  resume(throwEvent: ElementInstanceRecord, waiter: string): boolean {
    const pending = this.find((c) => c.throwEventKey === throwEvent.key);
    for (const c of pending) {
      c.throwWaiter = waiter;
      const handler = c.handlerKey ? this.core.state.instances[c.handlerKey] : undefined;
      if (handler) this.core.owned.resume(handler);
    }
    return pending.length > 0;
  }
}
