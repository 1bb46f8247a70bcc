/**
 * Benchmark harness: every suite returns rows measured side by side in one run; `npm run bench`
 * prints them as one table. A row states its goal as data ({@link Goal}); the harness alone
 * decides whether it is met, so a missed goal always prints `NO`. Goals are reported, never
 * asserted: speed is not a test verdict on a shared 2-core machine.
 */

/**
 * What a figure should be: at most, at least, or near a value (within a factor either side, so
 * "≈ 1 within 1.5" accepts 0.67–1.5 and rejects 0.2 as firmly as 5).
 */
export type Goal = { readonly atMost: number } | { readonly atLeast: number } | { readonly near: number; readonly withinFactor: number };

export interface BenchRow {
  /** What was measured, e.g. `cold require('cdktf-resilience')`. */
  readonly name: string;
  /** The figure, already in `unit`. */
  readonly value: number;
  /** `ms`, `MB`, `events/s`, `×` (a ratio)… */
  readonly unit: string;
  /** The goal; omit when there is none. */
  readonly goal?: Goal;
  /** How it was measured (sample size, setup) when the name does not say it. */
  readonly note?: string;
}

export interface BenchSuite {
  readonly name: string;
  run(): Promise<readonly BenchRow[]>;
}

/** Whether `value` meets `goal`. A figure that is not a finite number (a failed measurement) meets nothing. */
export function meets(goal: Goal, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if ("atMost" in goal) return value <= goal.atMost;
  if ("atLeast" in goal) return value >= goal.atLeast;
  if (!(goal.withinFactor >= 1) || goal.near <= 0)
    throw new RangeError(`a "near" goal needs near > 0 and withinFactor ≥ 1, got ${JSON.stringify(goal)}`);
  return value >= goal.near / goal.withinFactor && value <= goal.near * goal.withinFactor;
}

/** The goal as the table prints it, e.g. `≤ 150 ms`, `≥ 10 seeds/s`, `≈ 1 × (÷/× 1.5)`. */
export function goalText(goal: Goal, unit: string): string {
  const u = unit === "×" || unit === "%" ? unit : ` ${unit}`;
  if ("atMost" in goal) return `≤ ${formatValue(goal.atMost)}${u}`;
  if ("atLeast" in goal) return `≥ ${formatValue(goal.atLeast)}${u}`;
  return `≈ ${formatValue(goal.near)}${u} (within ${goal.withinFactor}× either way)`;
}

/** The table cells of one row: suite, measure, value, unit, goal, met (`yes`, `NO`, or empty), note. */
export function rowCells(suite: string, r: BenchRow): string[] {
  return [
    suite,
    r.name,
    formatValue(r.value),
    r.unit,
    r.goal ? goalText(r.goal, r.unit) : "",
    r.goal ? (meets(r.goal, r.value) ? "yes" : "NO") : "",
    r.note ?? "",
  ];
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
  return median(samples);
}

/**
 * The fastest of `n` timed runs of `fn` in milliseconds (after `warmup` untimed runs): for
 * scaling rows (is it ∝ n?), where a collector pause left by earlier samples is noise, not cost.
 */
export async function fastestMs(fn: () => unknown | Promise<unknown>, n = 7, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

/** The middle value (the lower middle for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
