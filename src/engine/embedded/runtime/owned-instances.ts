import { ElementMetadata } from '../compiled-definition';
import { BpmnEventType, Key, Variables } from '../types';
import { chooseFlows } from './gateways';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';

/** Execution ids of the element instances bpmn-engine never runs: the runtime does. */
export const OWNED_PREFIX = { compensation: 'compensation:', token: 'token:' } as const;

export function isRuntimeOwned(record: ElementInstanceRecord): boolean {
  return (
    record.executionId.startsWith(OWNED_PREFIX.compensation) ||
    record.executionId.startsWith(OWNED_PREFIX.token)
  );
}

/**
 * Element instances the runtime runs itself, beside bpmn-engine's: compensation handlers
 * (compensation.ts) and the instance a second token makes of a busy task (concurrent-tokens.ts).
 * Job, FEEL script, pass-through, call activity, receive task and timer, message or signal
 * catch elements: activation (step budget, input mappings, boundary events: owned-boundaries.ts),
 * the job, script, child process, timer or subscription, output mappings; incidents and retries
 * at each step.
 */
export class OwnedInstances {
  constructor(private readonly core: RuntimeCore) {}

  create(
    elementId: string,
    flowScopeKey: Key,
    executionId: (key: Key) => string,
    bpmnEventType?: BpmnEventType,
  ): ElementInstanceRecord {
    const meta = this.core.meta(elementId);
    const key = this.core.nextKey();
    const record: ElementInstanceRecord = {
      key,
      elementId,
      elementType: meta.elementType,
      bpmnEventType: bpmnEventType ?? meta.eventType,
      flowScopeKey,
      executionId: executionId(key),
      phase: 'ACTIVATING',
    };
    this.core.store(record);
    this.core.variables.create(key, flowScopeKey);
    return record;
  }

  /** The instance's work from where it stands: activation, then its job (or it completes at once). */
  run(record: ElementInstanceRecord): void {
    const meta = this.core.meta(record.elementId);
    const retry = () => this.run(record);
    this.core.waiters.set(record.executionId, { retry });
    if (!this.core.activation.retryActivation(record)) return;
    try {
      if (record.phase === 'COMPLETING') return this.complete(record, undefined);
      if (meta.behaviour === 'feelScript' && meta.script) {
        const value = this.core.feel.evaluate(
          meta.script.expression,
          this.core.variables.visible(record.key),
        );
        const result = meta.script.resultVariable ? { [meta.script.resultVariable]: value } : {};
        return this.complete(record, result);
      }
      if (isConditionalGateway(meta)) {
        const taken = chooseFlows(
          this.core,
          record,
          meta.behaviour === 'exclusiveGateway' ? 'exclusive' : 'inclusive',
        );
        this.core.announce(record);
        return this.complete(record, null, taken);
      }
    } catch (err) {
      this.core.incidents.raise(record, record.executionId, err);
      return;
    }
    if (meta.behaviour === 'job') {
      this.awaitJob(record, retry);
      this.core.jobs.ensure(record);
    } else if (meta.behaviour === 'callActivity') {
      this.awaitCall(record, retry);
      this.core.calls.start(record);
    } else if (meta.behaviour === 'subProcess') {
      this.core.announce(record);
      this.core.waiters.delete(record.executionId);
      this.core.libraryScopes?.startScope(record);
    } else if (meta.behaviour === 'eventBasedGateway') {
      this.core.ownedEventGateways.run(record);
    } else if (waitsForEvent(meta)) {
      this.awaitEvent(record);
      this.openEvent(record, meta);
    } else this.complete(record, null);
  }

  /** After a recovery: the instance waits again for its job, its event, or its incident's retry. */
  resume(record: ElementInstanceRecord): void {
    const meta = this.core.meta(record.elementId);
    const retry = () => this.run(record);
    if (record.phase !== 'ACTIVATED') this.core.waiters.set(record.executionId, { retry });
    else if (meta.behaviour === 'job') this.awaitJob(record, retry);
    else if (meta.behaviour === 'callActivity') this.awaitCall(record, retry);
    else if (meta.behaviour === 'subProcess' && record.innerFlow !== undefined)
      this.core.libraryScopes?.resumeScope(record, record.innerFlow);
    else if (meta.behaviour === 'eventBasedGateway') this.core.ownedEventGateways.resume(record);
    else if (waitsForEvent(meta)) this.awaitEvent(record);
    else this.core.waiters.set(record.executionId, { retry });
  }

  /** A sub-process instance's inner flow ended: the instance completes (output mappings). */
  innerFlowCompleted(record: ElementInstanceRecord): void {
    delete record.innerFlow;
    this.complete(record, null);
  }

  private awaitJob(record: ElementInstanceRecord, retry: () => void): void {
    this.core.waiters.set(record.executionId, {
      retry,
      onJobCompleted: (variables) => this.complete(record, variables),
    });
  }

  /** A call activity: the durable layer starts the child; its end completes the instance. */
  private awaitCall(record: ElementInstanceRecord, retry: () => void): void {
    this.core.waiters.set(record.executionId, {
      retry,
      onCallCompleted: (variables) => this.complete(record, variables),
    });
  }

  /** A receive task or an intermediate catch event: its timer or subscription, owned by the instance. */
  private awaitEvent(record: ElementInstanceRecord): void {
    this.core.waiters.set(record.executionId, {
      retry: () => this.openEvent(record, this.core.meta(record.elementId)),
      onTimer: () => this.complete(record, {}),
      onSubscription: (_subscription, variables) => this.complete(record, variables),
    });
  }

  private openEvent(record: ElementInstanceRecord, meta: ElementMetadata): void {
    try {
      this.core.timers.openCatch(record.executionId, meta, record, true);
    } catch (err) {
      this.core.incidents.raise(record, record.executionId, err);
    }
  }

  /**
   * Output mappings and ELEMENT_COMPLETED (held by an incident until retried), then the scope
   * takes the flows (`flows`: a gateway's chosen ones, otherwise all of them).
   */
  complete(
    record: ElementInstanceRecord,
    variables: Variables | null | undefined,
    flows?: string[],
  ): void {
    const result = this.core.completion.complete(record, variables);
    if (!result) {
      this.core.waiters.set(record.executionId, {
        retry: () => this.complete(record, undefined, flows),
      });
      return;
    }
    this.core.waiters.delete(record.executionId);
    if (this.core.ownedBodies.isInner(record)) this.core.ownedBodies.innerCompleted(record, result);
    else if (record.executionId.startsWith(OWNED_PREFIX.token))
      this.core.tokens.leave(record, flows);
  }
}

/** An exclusive or inclusive gateway that forks (an inclusive join is the library's). */
export function isConditionalGateway(meta: ElementMetadata): boolean {
  return (
    meta.behaviour === 'exclusiveGateway' ||
    (meta.behaviour === 'inclusiveGateway' && meta.incoming.length <= 1)
  );
}

/** A receive task or an intermediate timer, message or signal catch event (not after an event-based gateway). */
export function waitsForEvent(meta: ElementMetadata): boolean {
  if (meta.behaviour === 'receiveTask') return true;
  return (
    meta.behaviour === 'catchEvent' &&
    !meta.eventBasedGateway &&
    (!!meta.timer || !!meta.message || !!meta.signal)
  );
}
