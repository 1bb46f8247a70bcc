/**
 * Bad command-line input that is neither a plan nor a scenario problem (an output path that cannot
 * be written, a count out of range). Exit code 2; the message names the flag, the value and the fix.
 */
const BRAND = Symbol.for("cdktf-resilience.CliInputError");

export class CliInputError extends Error {
  readonly flag: string;
  readonly fix: string;

  constructor(flag: string, value: string, problem: string, fix: string) {
    super(`${flag} ${value} ${problem}.\nFix: ${fix}`);
    this.name = "CliInputError";
    this.flag = flag;
    this.fix = fix;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

export function isCliInputError(x: unknown): x is CliInputError {
  return typeof x === "object" && x !== null && BRAND in x;
}

/** A whole number in [min, max] from a flag's text, else a CliInputError naming the flag. */
export function parseCount(flag: string, text: string, min: number, max: number): number {
  const n = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  throw new CliInputError(
    flag,
    text,
    `is not a whole number from ${min} to ${max}`,
    `pass e.g. ${flag} ${Math.min(max, Math.max(min, 4))}`,
  );
}
