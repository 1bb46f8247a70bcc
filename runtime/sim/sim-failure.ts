/**
 * Typed failures of a simulated run. Every failure carries what is needed to reproduce it: the
 * seed, the scenario, the step and a replay command.
 *
 * - `correctness`: a safety invariant was violated (something wrong happened).
 * - `liveness`:    after faults stopped, the system did not converge by the end of the quiet phase
 *                  (something right never happened); the message names what is pending.
 * - `crash`:       the code under test threw, or a kernel limit was hit (runaway event loop).
 */
export type FailureKind = "crash" | "liveness" | "correctness";

export interface SimFailure {
  readonly kind: FailureKind;
  readonly seed: number;
  readonly scenario: string;
  /** Number of the kernel event at which the failure was detected. */
  readonly step: number;
  /** Virtual time of that event. */
  readonly atMs: number;
  /** Id of the violated invariant (correctness, liveness). */
  readonly invariant?: string;
  /** What went wrong, with values. */
  readonly message: string;
  /** Shell command that replays the run and prints its trace. */
  readonly replay: string;
  /** The trace lines just before the failure, oldest first. */
  readonly traceTail: readonly string[];
}

/** The failure as a paragraph for a terminal or a test message. */
export function formatFailure(f: SimFailure): string {
  const what = f.invariant ? `invariant "${f.invariant}" violated` : "the system under test crashed";
  return [
    `${f.kind} failure: ${what} at step ${f.step} (t=${f.atMs} ms)`,
    `  ${f.message}`,
    `  seed: ${f.seed}  scenario: ${f.scenario}`,
    `  replay: ${f.replay}`,
    ...(f.traceTail.length > 0 ? ["  trace before the failure:", ...f.traceTail.map((l) => `    ${l}`)] : []),
  ].join("\n");
}

const BRAND = Symbol.for("cdktf-resilience.SimFailureError");

/** Thrown by `RunReport` helpers that demand a clean run; `failure` holds the details. */
export class SimFailureError extends Error {
  readonly failure: SimFailure;

  constructor(failure: SimFailure) {
    super(formatFailure(failure));
    this.name = "SimFailureError";
    this.failure = failure;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

export function isSimFailureError(x: unknown): x is SimFailureError {
  return typeof x === "object" && x !== null && BRAND in x;
}
