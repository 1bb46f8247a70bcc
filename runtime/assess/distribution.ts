/**
 * A measure's distribution across seeds, by the nearest-rank method (the p-th percentile is the
 * smallest value at least p% of the seeds are at or below), so every figure is a value one seed
 * actually measured. `Infinity` stands for an outage that never ended.
 */
export interface Distribution {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function distributionOf(values: readonly number[]): Distribution {
  if (values.length === 0) throw new Error("distributionOf: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
  return { p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1] as number };
}
