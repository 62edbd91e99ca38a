import { bucketSeconds, durationBucket } from '../../src/engine/read-model/flow-events';
import { percentile } from '../../src/stats/path-figures.service';

/** percentile_cont over the exact values, as the heatmap computed it before the summaries. */
function exactPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = sorted[Math.floor(rank)];
  return low + (rank - Math.floor(rank)) * (sorted[Math.ceil(rank)] - low);
}

function histogramOf(values: number[]): Array<{ bucket: number; n: number }> {
  const counts = new Map<number, number>();
  for (const value of values) {
    const bucket = durationBucket(value);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([bucket, n]) => ({ bucket, n }));
}

describe('durations kept as histograms for the heatmap', () => {
  it('puts every duration in a bucket whose value is within 4.5 % of it, from a second to years', () => {
    for (let seconds = 1; seconds < 4 * 365 * 86_400; seconds = Math.ceil(seconds * 1.013)) {
      expect(Math.abs(bucketSeconds(durationBucket(seconds)) / seconds - 1)).toBeLessThan(0.045);
    }
    expect(bucketSeconds(durationBucket(0.4))).toBe(0);
  });

  it('reads back p50 and p90 within 4.5 % of the exact ones', () => {
    // Deterministic spreads: minutes-long service steps, days-long user tasks, a long tail.
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const spreads = [
      Array.from({ length: 1000 }, () => 5 + random() * 600),
      Array.from({ length: 5000 }, () => 86_400 * (0.5 + random() * 10)),
      Array.from({ length: 3000 }, () => Math.exp(random() * 16)),
      [3600, 7200, 10_800, 14_400],
    ];
    for (const values of spreads) {
      for (const p of [0.5, 0.9]) {
        const exact = exactPercentile(values, p);
        const read = percentile(histogramOf(values), p)!;
        expect(Math.abs(read / exact - 1)).toBeLessThan(0.045);
      }
    }
    expect(percentile([], 0.5)).toBeNull();
  });
});
