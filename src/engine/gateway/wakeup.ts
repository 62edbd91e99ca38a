/** setTimeout fires at once beyond this (a 32-bit count of ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One waiter's alarm: wait() ends on notify(), after a time, or on abort, whichever comes first.
 * A notify() while nobody waits is kept, so news that arrives during a database round trip is
 * not lost before the next wait.
 */
export class Wakeup {
  private notified = false;
  private end?: () => void;

  notify(): void {
    this.notified = true;
    this.end?.();
  }

  wait(ms: number, signal: AbortSignal): Promise<void> {
    if (this.notified || signal.aborted || ms <= 0) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', end);
        this.end = undefined;
        this.notified = false;
        resolve();
      };
      const timer = setTimeout(end, Math.min(ms, MAX_TIMER_MS));
      signal.addEventListener('abort', end);
      this.end = end;
    });
  }
}
