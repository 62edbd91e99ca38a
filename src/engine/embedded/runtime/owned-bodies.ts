import type { RuntimeCore } from './runtime-core';
import { ElementInstanceRecord } from './runtime-state';
import type { CompletionResult } from './runtime-types';

/**
 * The multi-instance body a second token makes of a busy multi-instance element
 * (concurrent-tokens.ts): bpmn-elements loops one body per element, so the runtime runs this
 * one. Activation evaluates the input collection (multi-instance.ts) and opens the body's
 * boundary events; its inner instances are owned instances (owned-instances.ts), all at once or
 * one after another; the body completes when every one has, or when the completion condition
 * holds, and terminates with its inner instances.
 */
export class OwnedBodies {
  constructor(private readonly core: RuntimeCore) {}

  /** The body's work from where it stands: activation, then its inner instances. */
  run(body: ElementInstanceRecord): void {
    this.core.waiters.set(body.executionId, { retry: () => this.run(body) });
    if (!this.core.activation.retryActivation(body)) return;
    this.core.waiters.delete(body.executionId);
    this.core.announce(body);
    const size = body.body?.collection.length ?? 0;
    if (size === 0) return this.complete(body);
    const sequential = this.core.meta(body.elementId).loop?.isSequential === true;
    for (let index = 0; index < (sequential ? 1 : size); index++) this.startInner(body, index);
  }

  /** After a recovery: a body held at its activation waits for the incident's retry. */
  resume(body: ElementInstanceRecord): void {
    if (body.phase === 'ACTIVATING')
      this.core.waiters.set(body.executionId, { retry: () => this.run(body) });
  }

  /** An inner instance completed (its output element collected): the next one, or the body's end. */
  innerCompleted(inner: ElementInstanceRecord, result: CompletionResult): void {
    const body = inner.flowScopeKey ? this.core.state.instances[inner.flowScopeKey] : undefined;
    if (!body?.body) return;
    const size = body.body.collection.length;
    if (result.completionConditionMet || body.body.completed + body.body.terminated >= size)
      return this.complete(body);
    const sequential = this.core.meta(body.elementId).loop?.isSequential === true;
    if (sequential) this.startInner(body, (inner.loopIndex ?? 0) + 1);
  }

  /** Whether the record is an inner instance of a body the runtime runs. */
  isInner(record: ElementInstanceRecord): boolean {
    return record.loopIndex !== undefined && record.executionId.includes('/#');
  }

  private startInner(body: ElementInstanceRecord, index: number): void {
    const inner = this.core.owned.create(
      body.elementId,
      body.key,
      () => `${body.executionId}/#${index}`,
    );
    inner.loopIndex = index;
    this.core.owned.run(inner);
  }

  private complete(body: ElementInstanceRecord): void {
    this.core.completion.completeBody(body);
    this.core.tokens.leave(body);
  }
}
