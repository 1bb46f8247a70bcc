/**
 * Times, in the order they came, kept as runs of evenly spaced distinct times: a workload answers
 * on a fixed tick, so hours of answers are one run (start, step, count) and only a change of
 * rhythm (an outage, a restart) starts another. Answers "the last time at or before t" and "the
 * first time at or after t" in the order the times came, as a scan of the whole list would.
 */
export class TimeRuns {
  private readonly start: number[] = [];
  private readonly step: number[] = [];
  private readonly count: number[] = [];
  private last = Number.NaN;

  /** Runs kept (what the memory costs). */
  get runs(): number {
    return this.start.length;
  }

  add(t: number): void {
    if (t === this.last) return; // a repeated time answers every query as the first one did
    this.last = t;
    const k = this.start.length - 1;
    if (k >= 0) {
      const n = this.count[k] as number;
      const s = this.start[k] as number;
      if (n === 1 && t > s) {
        this.step[k] = t - s;
        this.count[k] = 2;
        return;
      }
      if (n > 1 && t === s + (this.step[k] as number) * n) {
        this.count[k] = n + 1;
        return;
      }
    }
    this.start.push(t);
    this.step.push(0);
    this.count.push(1);
  }

  /** The last time (in the order added) at or before `t`. */
  lastAtOrBefore(t: number): number | undefined {
    for (let k = this.start.length - 1; k >= 0; k--) {
      const s = this.start[k] as number;
      if (s > t) continue;
      const n = this.count[k] as number;
      if (n === 1) return s;
      const step = this.step[k] as number;
      return s + step * Math.min(n - 1, Math.floor((t - s) / step));
    }
    return undefined;
  }

  /** The first time (in the order added) at or after `t`. */
  firstAtOrAfter(t: number): number | undefined {
    for (let k = 0; k < this.start.length; k++) {
      const s = this.start[k] as number;
      const n = this.count[k] as number;
      const step = this.step[k] as number;
      const end = s + step * (n - 1);
      if (end < t) continue;
      if (s >= t) return s;
      return s + step * Math.ceil((t - s) / step);
    }
    return undefined;
  }

  /** Every distinct time, ascending (for a one-off scan at the end of a run). */
  sorted(): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.start.length; k++)
      for (let i = 0; i < (this.count[k] as number); i++) out.push((this.start[k] as number) + (this.step[k] as number) * i);
    let ascending = true;
    for (let i = 1; i < out.length && ascending; i++) ascending = (out[i - 1] as number) <= (out[i] as number);
    return ascending ? out : [...new Set(out)].sort((a, b) => a - b);
  }
}

/**
 * How many times fell in each second: enough to count any series whose buckets are whole seconds
 * aligned to whole seconds (every step a request chart uses), at 4 bytes per second of the run
 * whatever the request rate.
 */
export class SecondCounts {
  private counts = new Uint32Array(1024);
  /** Seconds past the dense array (a hand-written time far in the future). */
  private readonly far = new Map<number, number>();
  total = 0;

  add(t: number): void {
    this.total++;
    const s = Math.floor(t / 1000);
    if (s < 0 || s >= 1 << 26) {
      this.far.set(s, (this.far.get(s) ?? 0) + 1);
      return;
    }
    if (s >= this.counts.length) {
      let size = this.counts.length;
      while (size <= s) size *= 2;
      const grown = new Uint32Array(size);
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[s] = (this.counts[s] as number) + 1;
  }

  /** Times in [fromMs, toMs), both whole seconds. */
  between(fromMs: number, toMs: number): number {
    const from = fromMs / 1000;
    const to = toMs / 1000;
    if (!Number.isInteger(from) || !Number.isInteger(to)) throw new RangeError(`seconds are counted whole: ${fromMs}..${toMs} ms`);
    let sum = 0;
    for (let s = Math.max(0, from); s < Math.min(to, this.counts.length); s++) sum += this.counts[s] as number;
    for (const [s, n] of this.far) if (s >= from && s < to) sum += n;
    return sum;
  }

  get bytes(): number {
    return this.counts.byteLength;
  }
}
