/**
 * Tokens arriving at elements, in Zeebe's order. Zeebe activates each element as a command of
 * its own, in the order written: a completing element records every flow it takes before any
 * target activates (breadth-first). bpmn-elements activates a flow's target inside the take
 * (depth-first), so each arrival is deferred here and the runner lets them in after the step.
 */
export class Arrivals {
  private readonly queue: Array<() => void> = [];

  defer(arrival: () => void): void {
    this.queue.push(arrival);
  }

  get pending(): boolean {
    return this.queue.length > 0;
  }

  /** Lets the deferred arrivals in, and those they cause, first come first served. */
  drain(): void {
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) next();
    } catch (error) {
      // The command failed: what it had deferred belongs to it.
      this.queue.length = 0;
      throw error;
    }
  }
}
