/**
 * The bit-level generators behind `SeededRandom`: xoshiro128** for draws and a two-lane 32-bit
 * string hash for deriving stream keys. Both use only 32-bit integer arithmetic (`Math.imul`,
 * shifts), which JavaScript specifies exactly, so every platform produces the same bits.
 *
 * xoshiro128** (Blackman & Vigna 2018) passes BigCrush and PractRand, has period 2^128 − 1 and
 * costs a handful of integer operations per draw: the fastest good generator that fits 32-bit
 * lanes. BigInt-based 64-bit generators are ~20× slower in V8.
 */

/** splitmix32 step: turns any 32-bit value into a well-mixed one (used to seed xoshiro). */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** 64-bit key of a stream as two 32-bit halves. */
export interface StreamKey {
  readonly hi: number;
  readonly lo: number;
}

/**
 * Key of the stream named `path` under root seed `seed`: a function of (seed, path) only, never of
 * how many numbers any other stream has drawn. That is what lets a new component appear without
 * perturbing the draws of the existing ones.
 */
export function streamKey(seed: number, path: string): StreamKey {
  let h1 = (seed >>> 0) ^ 0xdeadbeef;
  let h2 = Math.floor(seed / 2 ** 32) ^ 0x41c6ce57;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return { hi: h1 >>> 0, lo: h2 >>> 0 };
}

/** xoshiro128** state; `next()` returns a uint32. */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(key: StreamKey) {
    this.s0 = splitmix32(key.hi);
    this.s1 = splitmix32(this.s0 ^ key.lo);
    this.s2 = splitmix32(this.s1 ^ 0x6a09e667);
    this.s3 = splitmix32(this.s2 ^ key.hi ^ key.lo);
    // The all-zero state is the generator's one fixed point.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  next(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }
}
