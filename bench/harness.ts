/**
 * Benchmark harness: every suite returns rows measured side by side in one run; `npm run bench`
 * prints them as one table. Goals are reported (met / missed), never asserted: speed is not a
 * test verdict on a shared 2-core machine.
 */

export interface BenchRow {
  /** What was measured, e.g. `cold require('cdktf-resilience')`. */
  readonly name: string;
  /** The figure, already in `unit`. */
  readonly value: number;
  /** `ms`, `MB`, `events/s`, `×` (a ratio)… */
  readonly unit: string;
  /** The goal as text, e.g. `≤ 300 ms`; omit when there is none. */
  readonly goal?: string;
  /** Whether the goal is met; omit when there is no goal. */
  readonly met?: boolean;
  /** How it was measured (sample size, setup) when the name does not say it. */
  readonly note?: string;
}

export interface BenchSuite {
  readonly name: string;
  run(): Promise<readonly BenchRow[]>;
}

/** Median of `n` timed runs of `fn` in milliseconds (after `warmup` untimed runs). */
export async function medianMs(fn: () => unknown | Promise<unknown>, n = 7, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

export function formatValue(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
