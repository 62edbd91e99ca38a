import { isOwnedBoundaryEvent } from './owned-boundaries';
import { isConditionalGateway, OWNED_PREFIX, waitsForEvent } from './owned-instances';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';

/**
 * A token reaching an element that already has an active instance. Zeebe activates a second
 * element instance at once; bpmn-elements holds one execution per element, so the runtime takes
 * the token and runs that instance itself (owned-instances.ts, owned-boundaries.ts).
 * bpmn-elements' scope still counts the token's sequence flow as on its way, which keeps the
 * scope from completing; the scope takes the instance's outgoing flows (or its boundary event's)
 * and lets go of the token when nothing of it is left.
 */
export class ConcurrentTokens {
  constructor(private readonly core: RuntimeCore) {}

  /**
   * Whether a second instance of the element can run beside bpmn-elements' one: a job or FEEL
   * script element, a call activity, a sub-process, a receive task or an intermediate timer,
   * message or signal catch event, each also multi-instance (a second body), an event-based
   * gateway, and an exclusive or inclusive fork (busy only while an incident holds it).
   */
  canTake(elementId: string): boolean {
    const meta = this.core.meta(elementId);
    const owned =
      meta.behaviour === 'job' ||
      meta.behaviour === 'feelScript' ||
      meta.behaviour === 'callActivity' ||
      meta.behaviour === 'subProcess' ||
      meta.behaviour === 'eventBasedGateway' ||
      isConditionalGateway(meta) ||
      waitsForEvent(meta);
    return owned && meta.elementType !== 'START_EVENT';
  }

  /**
   * A token that came over a sequence flow (its id and the token's sequence id) into a busy
   * element: a second element instance, activated now. False when its scope is gone or was
   * taken over by an interrupting event sub-process: bpmn-elements then handles the token.
   */
  take(
    elementId: string,
    scopeExecutionId: string | undefined,
    flowId: string,
    sequenceId: string,
  ): boolean {
    if (this.core.ended || !scopeExecutionId) return false;
    const scope = this.core.recordByExecution(scopeExecutionId);
    if (!scope || scope.interrupted) return false;
    const record = this.core.owned.create(
      elementId,
      scope.key,
      () => `${OWNED_PREFIX.token}${sequenceId}`,
    );
    record.tokenFlowId = flowId;
    if (this.core.meta(elementId).loop) {
      record.elementType = 'MULTI_INSTANCE_BODY';
      record.bpmnEventType = 'UNSPECIFIED';
    }
    this.core.ownedBoundaries.attach(record);
    if (record.elementType === 'MULTI_INSTANCE_BODY') this.core.ownedBodies.run(record);
    else this.core.owned.run(record);
    return true;
  }

  /**
   * The instance completed: its scope in bpmn-elements takes the element's outgoing flows (a
   * gateway's chosen ones).
   */
  leave(record: ElementInstanceRecord, flows?: string[]): void {
    const scope = this.scopeOf(record);
    if (!scope) return;
    this.core.libraryScopes?.takeFlows(scope, record.elementId, flows);
    this.settle(scope, record);
  }

  /**
   * The scope lets go of a token once neither its instance nor a boundary event of it (held by
   * an incident) is left: until then the scope must not complete. `record` is either.
   */
  settle(scope: ElementInstanceRecord, record: ElementInstanceRecord): void {
    const token = tokenOf(record.executionId);
    const left = Object.values(this.core.state.instances).some(
      (r) => r.executionId === token || r.executionId.startsWith(`${token}/`),
    );
    if (!left) this.letGo(scope, record);
  }

  /** The runtime's instances in a scope, and their boundary events (before an interruption). */
  in(scope: ElementInstanceRecord): ElementInstanceRecord[] {
    return this.core.children(scope.key).filter(isToken);
  }

  /**
   * Instances terminated while their scope goes on (an interrupting event sub-process): the
   * scope in bpmn-elements stops counting their tokens, or it would never complete.
   */
  release(scope: ElementInstanceRecord, terminated: ElementInstanceRecord[]): void {
    const once = new Map(terminated.map((r) => [tokenOf(r.executionId), r]));
    for (const record of once.values()) this.letGo(scope, record);
  }

  private letGo(scope: ElementInstanceRecord, record: ElementInstanceRecord): void {
    if (!record.tokenFlowId) return;
    const sequenceId = tokenOf(record.executionId).slice(OWNED_PREFIX.token.length);
    this.core.libraryScopes?.release(scope, record.tokenFlowId, sequenceId);
  }

  /** After a recovery: every such instance waits again (job, event, boundary events, incident). */
  resume(): void {
    for (const record of Object.values(this.core.state.instances)) {
      if (!isToken(record)) continue;
      if (isOwnedBoundaryEvent(record)) {
        this.core.ownedBoundaries.resumeHeld(record);
        continue;
      }
      // A multi-instance element's boundary events belong to its body, not to its inner instances.
      if (this.core.ownedBodies.isInner(record)) {
        this.core.owned.resume(record);
        continue;
      }
      this.core.ownedBoundaries.attach(record);
      if (record.elementType === 'MULTI_INSTANCE_BODY') this.core.ownedBodies.resume(record);
      else this.core.owned.resume(record);
    }
  }

  private scopeOf(record: ElementInstanceRecord): ElementInstanceRecord | undefined {
    return record.flowScopeKey === null
      ? undefined
      : this.core.state.instances[record.flowScopeKey];
  }
}

function isToken(record: ElementInstanceRecord): boolean {
  return record.executionId.startsWith(OWNED_PREFIX.token);
}

/** `token:<sequence id>` of the instance or of one of its boundary events (`…/<boundary id>/event`). */
function tokenOf(executionId: string): string {
  const slash = executionId.indexOf('/');
  return slash === -1 ? executionId : executionId.slice(0, slash);
}
