import { matchCode } from './catch-rule';
import { Key, Variables } from '../types';
import { CommandError } from './command-error';
import { eventStartExecutionId, eventSubProcessCatch } from './event-sub-processes';
import { IncidentError } from './job-spec';
import { isRuntimeOwned } from './owned-instances';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';
import type { BoundaryListener, CompletionResult } from './runtime-types';

/**
 * Errors, escalations, boundary events and intermediate catch events: who catches a throw,
 * and what happens when an event triggers.
 */
export class Catches {
  constructor(private readonly core: RuntimeCore) {}

  /** Zeebe's catch lookup: boundary events up the scope chain; an exact code wins over catch-all. */
  findCatch(
    from: ElementInstanceRecord,
    kind: 'error' | 'escalation',
    code: string,
  ): { listener: BoundaryListener; attached: ElementInstanceRecord } | null {
    let current: ElementInstanceRecord | undefined = from;
    while (current) {
      // An event sub-process in the scope is closer than the scope's own boundary events.
      const scope: ElementInstanceRecord = current;
      const start =
        scope === from
          ? undefined
          : eventSubProcessCatch(
              this.core.compiled,
              scope,
              kind === 'error' ? 'ERROR' : 'ESCALATION',
              code,
            );
      if (start) {
        const listener: BoundaryListener = {
          boundaryId: start.id,
          definitionExecutionId: eventStartExecutionId(scope, start.id),
          kind,
          code: kind === 'error' ? start.error?.code : start.escalation?.code,
          interrupting: start.cancelActivity !== false,
          trigger: (variables) => this.core.eventSubProcesses.trigger(scope, start, variables),
        };
        return { listener, attached: scope };
      }
      const listeners = (this.core.boundaryListeners.get(current.executionId) ?? []).filter(
        (l) => l.kind === kind,
      );
      const match = matchCode(listeners, (l) => l.code, code);
      if (match) return { listener: match, attached: current };
      current = current.flowScopeKey ? this.core.state.instances[current.flowScopeKey] : undefined;
    }
    return null;
  }

  /** A worker threw a BPMN error: caught by a boundary, or an UNHANDLED_ERROR_EVENT incident. */
  throwJobError(
    jobKey: Key,
    errorCode: string,
    errorMessage: string,
    variables: Variables,
  ): 'caught' | 'uncaught' {
    const job = this.core.jobs.job(jobKey);
    if (job.state !== 'ACTIVATABLE')
      throw new CommandError('INVALID_STATE', `job ${jobKey} is ${job.state}`);
    const record = this.core.state.instances[job.elementInstanceKey];
    if (!record) throw new CommandError('NOT_FOUND', `no element instance for job ${jobKey}`);
    const target = this.findCatch(record, 'error', errorCode);
    if (target) {
      delete this.core.state.jobs[job.key];
      record.jobKey = undefined;
      target.listener.trigger(variables);
      return 'caught';
    }
    return 'uncaught';
  }

  /**
   * An error end event threw: caught by a boundary up the scope chain, propagated to the
   * parent process (the durable layer says whether it catches), or uncaught.
   */
  throwElementError(
    record: ElementInstanceRecord,
    errorCode: string,
  ): 'caught' | 'propagated' | 'uncaught' {
    const target = this.findCatch(record, 'error', errorCode);
    if (target) {
      target.listener.trigger({});
      return 'caught';
    }
    if (this.core.options.canParentCatchError?.(errorCode)) {
      this.core.process.terminateForPropagation(errorCode, '', {});
      return 'propagated';
    }
    return 'uncaught';
  }

  /**
   * An escalation nothing in this instance catches goes to the parent's call activity (Zeebe):
   * an interrupting catch there ends this instance ('ended'); a non-interrupting one is an
   * effect for the parent and the throw goes on ('continues', as when nothing catches it).
   */
  escalateToParent(escalationCode: string): 'ended' | 'continues' {
    const caught = this.core.options.parentEscalation?.(escalationCode) ?? null;
    if (caught === 'interrupting') {
      this.core.process.endForPropagation({ escalationPropagated: { escalationCode } });
      return 'ended';
    }
    if (caught === 'non-interrupting')
      this.core.effects.escalationsToParent.push({ escalationCode });
    return 'continues';
  }

  canParentCatch(errorCode: string): boolean {
    return this.core.options.canParentCatchError?.(errorCode) === true;
  }

  raiseUnhandledJobError(jobKey: Key, errorCode: string, errorMessage: string): void {
    const job = this.core.jobs.job(jobKey);
    const record = this.core.state.instances[job.elementInstanceKey];
    job.state = 'ERROR_THROWN';
    if (!record) return;
    const message = `Expected to throw an error event with the code '${errorCode}'${errorMessage ? ` with message '${errorMessage}'` : ''}, but it was not caught. No error events are available in the scope.`;
    this.core.incidents.raise(
      record,
      null,
      new IncidentError('UNHANDLED_ERROR_EVENT', message),
      'UNHANDLED_ERROR_EVENT',
      job.key,
    );
  }

  registerBoundary(attachedExecutionId: string, listener: BoundaryListener): void {
    const list = (this.core.boundaryListeners.get(attachedExecutionId) ?? []).filter(
      (l) => l.definitionExecutionId !== listener.definitionExecutionId,
    );
    list.push(listener);
    this.core.boundaryListeners.set(attachedExecutionId, list);
    const attached = this.core.recordByExecution(attachedExecutionId);
    // Registered after the activity activated (recovery, a repeating timer): open now.
    if (attached && attached.phase !== 'ACTIVATING' && listener.open) {
      try {
        listener.open(attached);
      } catch (err) {
        this.core.incidents.raise(attached, listener.definitionExecutionId, err);
      }
    }
  }

  unregisterBoundary(attachedExecutionId: string, definitionExecutionId: string): void {
    const list = this.core.boundaryListeners.get(attachedExecutionId);
    if (!list) return;
    this.core.boundaryListeners.set(
      attachedExecutionId,
      list.filter((l) => l.definitionExecutionId !== definitionExecutionId),
    );
  }

  /**
   * A boundary event triggers: an interrupting one terminates the activity first (Zeebe's
   * order), then the boundary instance activates and completes with the variables.
   * Returns false while an incident (output mapping) holds the boundary event.
   */
  catchBoundary(
    attachedExecutionId: string,
    boundaryExecutionId: string,
    boundaryId: string,
    interrupting: boolean,
    variables: Variables,
  ): 'caught' | 'held' | 'gone' {
    let boundary = this.core.recordByExecution(boundaryExecutionId);
    if (boundary) return this.core.completion.complete(boundary) ? 'caught' : 'held';
    const attached = this.core.recordByExecution(attachedExecutionId);
    if (!attached) return 'gone';
    const meta = this.core.meta(boundaryId);
    if (interrupting) this.core.termination.terminateRecord(attached);
    boundary = {
      key: this.core.nextKey(),
      elementId: boundaryId,
      elementType: 'BOUNDARY_EVENT',
      bpmnEventType: meta.eventType,
      flowScopeKey: attached.flowScopeKey,
      executionId: boundaryExecutionId,
      phase: 'ACTIVATED',
    };
    this.core.store(boundary);
    this.core.variables.create(boundary.key, attached.flowScopeKey);
    this.core.emit('ELEMENT_ACTIVATED', boundary);
    return this.core.completion.complete(boundary, variables) ? 'caught' : 'held';
  }

  /** An intermediate catch event (or receive task) got its message, timer or signal. */
  catchIntermediate(
    record: ElementInstanceRecord,
    variables: Variables | null,
  ): CompletionResult | null {
    if (record.hidden) return this.catchEventBasedTarget(record, variables);
    return this.core.completion.complete(
      record,
      record.phase === 'COMPLETING' ? undefined : variables,
    );
  }

  /** Zeebe's event-based gateway: the gateway completes, its flow is taken, then the event activates. */
  private catchEventBasedTarget(
    record: ElementInstanceRecord,
    variables: Variables | null,
  ): CompletionResult | null {
    const meta = this.core.meta(record.elementId);
    const gateway = this.eventBasedGatewayOf(record);
    if (gateway) {
      this.core.termination.closeOwned(gateway, false);
      this.core.emit('ELEMENT_COMPLETED', gateway);
      this.core.drop(gateway);
      const flow = Object.values(this.core.compiled.flows).find(
        (f) => f.sourceId === gateway.elementId && f.targetId === meta.id,
      );
      if (flow && record.flowScopeKey) this.core.emitFlowTaken(flow.id, record.flowScopeKey);
    }
    record.hidden = false;
    delete record.announced;
    this.core.emit('ELEMENT_ACTIVATED', record);
    return this.core.completion.complete(record, variables);
  }

  /** The active event-based gateway instance a target's subscriptions belong to. */
  eventBasedGatewayOf(record: ElementInstanceRecord): ElementInstanceRecord | undefined {
    const gatewayId = this.core.compiled.elements[record.elementId]?.eventBasedGateway;
    if (!gatewayId) return undefined;
    return Object.values(this.core.state.instances).find(
      (r) =>
        r.elementId === gatewayId &&
        r.flowScopeKey === record.flowScopeKey &&
        r.phase === 'ACTIVATED' &&
        // One the runtime runs (a second token) has its own events, not bpmn-elements' ones.
        !isRuntimeOwned(r),
    );
  }
}
