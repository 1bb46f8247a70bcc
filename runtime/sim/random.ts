import type { Random } from "./ports";
import { streamKey, Xoshiro128 } from "./prng";
import type { Ratio } from "./ratio";

const TWO_32 = 2 ** 32;

/** Largest seed accepted: seeds travel through CLIs and JSON as plain numbers. */
export const SEED_MAX = Number.MAX_SAFE_INTEGER;

/** Throws a RangeError unless `seed` is an integer in 0..2^53-1. */
export function assertSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be an integer in 0..${SEED_MAX}, got ${seed}`);
}

/**
 * The `Random` port over xoshiro128**. A stream is identified by (root seed, path); see
 * {@link streamKey} for why the path, not the parent's state, seeds a child.
 */
export class SeededRandom implements Random {
  readonly path: string;
  private readonly seed: number;
  private readonly gen: Xoshiro128;
  private readonly children = new Map<string, SeededRandom>();

  /** The root stream of `seed`; get the others with `fork`. */
  constructor(seed: number, path = "") {
    assertSeed(seed);
    this.seed = seed;
    this.path = path;
    this.gen = new Xoshiro128(streamKey(seed, path));
  }

  fork(name: string): SeededRandom {
    let child = this.children.get(name);
    if (!child) {
      if (name.length === 0 || name.includes("\n"))
        throw new RangeError(`stream name must be non-empty and on one line, got ${JSON.stringify(name)}`);
      child = new SeededRandom(this.seed, this.path ? `${this.path}/${name}` : name);
      this.children.set(name, child);
    }
    return child;
  }

  uint32(): number {
    return this.gen.next();
  }

  int(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_32)
      throw new RangeError(`int(maxExclusive): maxExclusive must be an integer in 1..2^32, got ${maxExclusive}`);
    // Rejection sampling: drop the top sliver of the uint32 range that would bias `% max`.
    const limit = TWO_32 - (TWO_32 % maxExclusive);
    for (;;) {
      const x = this.gen.next();
      if (x < limit) return x % maxExclusive;
    }
  }

  between(min: number, maxInclusive: number): number {
    if (maxInclusive < min) throw new RangeError(`between(min, maxInclusive): ${maxInclusive} < ${min}`);
    return min + this.int(maxInclusive - min + 1);
  }

  chance(r: Ratio): boolean {
    // No draw for the certain cases: switching a fault off must not cost a draw per decision.
    if (r.numerator === 0) return false;
    if (r.numerator >= r.denominator) return true;
    return this.int(r.denominator) < r.numerator;
  }

  float(): number {
    return this.gen.next() / TWO_32;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick(items): the list is empty");
    return items[this.int(items.length)] as T;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }

  exponentialMs(meanMs: number, maxMs: number): number {
    if (meanMs <= 0) return 0;
    // Math.log is computed by V8's own port of fdlibm, not the C library, so the same bits come
    // out on every OS and CPU for a given Node major version.
    const x = Math.floor(-meanMs * Math.log(1 - this.float()));
    return x > maxMs ? maxMs : x;
  }
}
