/**
 * Exponential back-off before the next attempt: `baseMs` after the first
 * failed attempt, doubling after each further one, never more than `maxMs`.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number): number {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
