import { Key } from '../types';
import { OWNED_PREFIX, waitsForEvent } from './owned-instances';
import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';

/**
 * A token reaching a task that already has an active instance. Zeebe activates a second element
 * instance at once; bpmn-elements holds one execution per element, so the runtime takes the
 * token and runs that instance itself (owned-instances.ts). bpmn-elements' scope still counts
 * the token's sequence flow as on its way, which keeps the scope from completing; when the
 * instance completes, the library's scope takes the element's outgoing flows and lets go of it.
 */
export class ConcurrentTokens {
  constructor(private readonly core: RuntimeCore) {}

  /**
   * Whether a second instance of the element can run beside bpmn-elements' one: a job or FEEL
   * script element, a receive task or an intermediate timer, message or signal catch event,
   * without boundary events or loop (those still wait for the first instance).
   */
  canTake(elementId: string): boolean {
    const meta = this.core.meta(elementId);
    return (
      (meta.behaviour === 'job' || meta.behaviour === 'feelScript' || waitsForEvent(meta)) &&
      meta.boundaries.length === 0 &&
      !meta.compensation &&
      !meta.loop &&
      meta.elementType !== 'START_EVENT'
    );
  }

  /**
   * A token that came over a sequence flow (its sequence id) into a busy element: a second
   * element instance, activated now. False when its scope is gone or was taken over by an
   * interrupting event sub-process: bpmn-elements then handles the token as before.
   */
  take(elementId: string, scopeExecutionId: string | undefined, sequenceId: string): boolean {
    if (this.core.ended || !scopeExecutionId) return false;
    const scope = this.core.recordByExecution(scopeExecutionId);
    if (!scope || scope.interrupted) return false;
    const record = this.core.owned.create(
      elementId,
      scope.key,
      () => `${OWNED_PREFIX.token}${sequenceId}`,
    );
    this.core.owned.run(record);
    return true;
  }

  /** The instance completed: its scope in bpmn-elements takes the element's outgoing flows. */
  leave(record: ElementInstanceRecord): void {
    const scope = this.scopeOf(record);
    if (scope) this.core.libraryScopes?.leave(scope, record, sequenceIdOf(record));
  }

  /** The runtime's instances in a scope (before an interruption terminates them). */
  in(scope: ElementInstanceRecord): ElementInstanceRecord[] {
    return this.core.children(scope.key).filter(isToken);
  }

  /**
   * Instances terminated while their scope goes on (an interrupting event sub-process): the
   * scope in bpmn-elements stops counting their tokens, or it would never complete.
   */
  release(scope: ElementInstanceRecord, terminated: ElementInstanceRecord[]): void {
    for (const record of terminated)
      this.core.libraryScopes?.release(scope, record, sequenceIdOf(record));
  }

  /** After a recovery: every such instance waits again for its job or its incident's retry. */
  resume(): void {
    for (const record of Object.values(this.core.state.instances))
      if (isToken(record)) this.core.owned.resume(record);
  }

  private scopeOf(record: ElementInstanceRecord): ElementInstanceRecord | undefined {
    const key: Key | null = record.flowScopeKey;
    return key === null ? undefined : this.core.state.instances[key];
  }
}

function isToken(record: ElementInstanceRecord): boolean {
  return record.executionId.startsWith(OWNED_PREFIX.token);
}

function sequenceIdOf(record: ElementInstanceRecord): string {
  return record.executionId.slice(OWNED_PREFIX.token.length);
}
