/**
 * The deterministic job every group can run: a hash-aggregate over a seeded
 * dataset. Each compute process materialises its share of the rows in the group arena and sums
 * them; the leader combines the partial sums it reads back from the arena. `expectedResult` is the
 * oracle the tests compare with — computed from the spec, never from a run.
 */
import { ThirdPartyAssertionError } from "./errors";

export interface JobSpec {
  /** Rows of the dataset; each row is one 32-bit word in the arena. */
  readonly rows: number;
  /** Dataset seed: same seed, same rows, same result. */
  readonly seed: number;
  /** Rows written per step (one object in the arena); default 4096. */
  readonly chunkRows?: number;
}

export interface JobResult {
  readonly jobId: number;
  readonly group: string;
  /** Sum of the row values. */
  readonly sum: number;
  readonly rows: number;
  /** Virtual (sim) or wall (real) time the result was delivered. */
  readonly completedAtMs: number;
}

/** Row i's value: a 16-bit mix of the seed and the row number. */
export function rowValue(seed: number, i: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h & 0xffff;
}

/** The rows compute process `part` of `parts` handles: a contiguous range. */
export function partRange(rows: number, part: number, parts: number): { from: number; to: number } {
  const per = Math.ceil(rows / parts);
  return { from: Math.min(rows, part * per), to: Math.min(rows, (part + 1) * per) };
}

export function expectedSum(spec: JobSpec): number {
  let sum = 0;
  for (let i = 0; i < spec.rows; i++) sum += rowValue(spec.seed, i);
  return sum;
}

/** Fills `out` with rows `from..from+out.length` and returns their sum. */
export function fillRows(seed: number, from: number, out: Int32Array): number {
  let sum = 0;
  for (let k = 0; k < out.length; k++) {
    const v = rowValue(seed, from + k);
    out[k] = v;
    sum += v;
  }
  return sum;
}

/** The stub "third-party" library whose assertion is one of the three fault kinds. */
export const thirdParty = {
  assertSorted(values: ArrayLike<number>): void {
    for (let i = 1; i < values.length; i++) {
      if ((values[i] as number) < (values[i - 1] as number)) {
        throw new ThirdPartyAssertionError(`thirdparty: assertion failed: input not sorted at index ${i}`);
      }
    }
  },
};
