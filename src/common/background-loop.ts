/**
 * A piece of background work run again every `intervalMs`, or at once when
 * kicked; never two runs at the same time. Stops cleanly.
 */
export class BackgroundLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(
    private readonly work: () => Promise<boolean | void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs as soon as possible (again, if a run is in progress). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Runs now and resolves when done (tests, after moving the clock). */
  async runNow(): Promise<void> {
    while (this.running) await this.running;
    await this.runOnce();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.running) await this.running;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runOnce(), delay);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    let more = false;
    this.running = (async () => {
      try {
        more = (await this.work()) === true;
      } catch (error) {
        this.onError(error);
      }
    })();
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    // `more`: the work had a full batch, so there may be more right away.
    const soon = more || this.again;
    this.again = false;
    this.schedule(soon ? 0 : this.intervalMs);
  }
}
