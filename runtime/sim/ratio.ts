/**
 * Probabilities as exact integer ratios (TigerBeetle's `Ratio`): `{ numerator: 1, denominator: 100 }`
 * is 1 %. A float probability compared against a float draw can round differently after an
 * innocent refactor (`p * 100 / 100`), which silently changes every later draw; an integer ratio
 * compared against an integer draw cannot.
 */
export interface Ratio {
  /** How many of `denominator` outcomes count as a hit; 0 ≤ numerator ≤ denominator. */
  readonly numerator: number;
  /** Total outcomes; a positive integer ≤ 2^32. */
  readonly denominator: number;
}

const UINT32_RANGE = 2 ** 32;

/** Builds a checked ratio; throws a RangeError naming the bad value. */
export function ratio(numerator: number, denominator: number): Ratio {
  assertRatio({ numerator, denominator }, "ratio");
  return Object.freeze({ numerator, denominator });
}

/** The ratio that never happens. */
export const NEVER: Ratio = ratio(0, 1);
/** The ratio that always happens. */
export const ALWAYS: Ratio = ratio(1, 1);

/** Throws a RangeError unless `r` is a well-formed ratio; `where` names the option in the message. */
export function assertRatio(r: Ratio, where: string): void {
  const { numerator: n, denominator: d } = r;
  if (!Number.isInteger(d) || d < 1 || d > UINT32_RANGE)
    throw new RangeError(`${where}: denominator must be an integer in 1..2^32, got ${d}`);
  if (!Number.isInteger(n) || n < 0 || n > d)
    throw new RangeError(`${where}: numerator must be an integer in 0..${d} (the denominator), got ${n}`);
}

/** `1/100`: the compact form used in traces and knob logs. */
export function formatRatio(r: Ratio): string {
  return `${r.numerator}/${r.denominator}`;
}
