import { retryDelayMs } from './retry-delay.util';

describe('retryDelayMs', () => {
  it('starts at the base delay and doubles after each failed attempt', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000, 3_600_000))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
  });

  it('never exceeds the maximum, however many attempts failed', () => {
    expect(retryDelayMs(8, 30_000, 3_600_000)).toBe(3_600_000);
    expect(retryDelayMs(1000, 30_000, 3_600_000)).toBe(3_600_000);
  });
});
