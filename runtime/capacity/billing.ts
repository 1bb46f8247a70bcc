/**
 * Billing by interval: the charge is Σ Tᵢ·Pᵢ over the intervals an instance spent at
 * one price (reserved, designated, activated, leased with or without warning). Money is integer
 * micro-dollars and time integer milliseconds, so a bill is exact and replays byte for byte.
 */

const MS_PER_HOUR = 3_600_000;

/** One interval at one hourly price. `endMs` absent: still running. */
export interface BillingInterval {
  readonly startMs: number;
  readonly endMs?: number;
  /** Price in micro-dollars per instance-hour (0.10 $/h = 100 000). */
  readonly microsPerHour: number;
}

/** US dollars per hour → integer micro-dollars per hour (rounded to the nearest micro-dollar). */
export function microsPerHour(dollarsPerHour: number): number {
  return Math.round(dollarsPerHour * 1_000_000);
}

/**
 * Σ Tᵢ·Pᵢ up to `untilMs`, in micro-dollars. Nothing is charged after `terminatedAtMs`:
 * intervals are clipped there. Each interval rounds down to whole micro-dollars, so a bill never
 * charges a fraction that was not used.
 */
export function bill(intervals: readonly BillingInterval[], untilMs: number, terminatedAtMs?: number): number {
  const stop = terminatedAtMs === undefined ? untilMs : Math.min(untilMs, terminatedAtMs);
  let total = 0n;
  for (const i of intervals) {
    if (!Number.isSafeInteger(i.microsPerHour) || i.microsPerHour < 0)
      throw new RangeError(`a price is whole micro-dollars per hour ≥ 0, got ${i.microsPerHour}`);
    const end = Math.min(i.endMs ?? stop, stop);
    if (end <= i.startMs) continue;
    total += (BigInt(end - i.startMs) * BigInt(i.microsPerHour)) / BigInt(MS_PER_HOUR);
  }
  return Number(total);
}
