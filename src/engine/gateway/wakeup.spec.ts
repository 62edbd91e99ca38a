import { Wakeup } from './wakeup';

describe('Wakeup', () => {
  const never = new AbortController().signal;

  it('ends a wait on notify', async () => {
    const wakeup = new Wakeup();
    const waited = wakeup.wait(60_000, never);
    wakeup.notify();
    await expect(waited).resolves.toBeUndefined();
  });

  it('keeps a notify that came while nobody waited, for the next wait only', async () => {
    const wakeup = new Wakeup();
    wakeup.notify();
    await wakeup.wait(60_000, never);
    const started = Date.now();
    await wakeup.wait(30, never);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('ends a wait when its time is up, or when the signal aborts', async () => {
    const wakeup = new Wakeup();
    await wakeup.wait(10, never);
    const stop = new AbortController();
    const waited = wakeup.wait(60_000, stop.signal);
    stop.abort();
    await waited;
    await wakeup.wait(60_000, stop.signal);
  });
});
