/**
 * Zipf(s) page ids over 0..n-1 from a seeded stream: the skewed access pattern of real buffer
 * pools (a few hot pages, a long tail). Inverse-CDF over a precomputed table, O(log n) per draw.
 */
import type { Random } from "../sim/ports";

/** Tables already computed, by `n s`: every emulation's cache builds the same one. */
const TABLES = new Map<string, Float64Array>();

export class Zipf {
  private readonly cdf: Float64Array;

  constructor(
    readonly n: number,
    readonly s: number,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Zipf needs at least one item, got ${n}`);
    const key = `${n} ${s}`;
    const known = TABLES.get(key);
    if (known) {
      this.cdf = known;
      return;
    }
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += 1 / (i + 1) ** s;
      this.cdf[i] = sum;
    }
    for (let i = 0; i < n; i++) this.cdf[i] = (this.cdf[i] as number) / sum;
    // Small tables only: a bench's 200,000-page table is built once and not kept.
    if (n <= 65_536) TABLES.set(key, this.cdf);
  }

  /** A rank in 0..n-1 (0 is the hottest). */
  next(random: Random): number {
    const u = random.float();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
