import type { InvariantResult } from "../contract/emulation-result";
import type { CoverageRecord } from "./coverage";
import { type SimFailure, SimFailureError } from "./sim-failure";

/**
 * The result of one simulated run. Its first fields are exactly those of the `emulate --json`
 * contract (`seed, scenario, virtualDurationMs, events, traceHash, invariants`;
 * docs/reference/json-result.md), so the CLI spreads a report into its document and adds the
 * subsystem sections (failovers, revocations, …) beside them. Plain data: it survives
 * `JSON.stringify` and `postMessage`.
 */
export interface RunReport {
  readonly seed: number;
  readonly scenario: string;
  /** Virtual time the run covered, in milliseconds. */
  readonly virtualDurationMs: number;
  /** Kernel events processed (the last step number). */
  readonly events: number;
  /** Hex SHA-256 of the trace text (see `trace-recorder.ts`); null when tracing was off. */
  readonly traceHash: string | null;
  /** One entry per registered invariant, in registration order. */
  readonly invariants: readonly InvariantResult[];
  /** True when no failure of any kind occurred. */
  readonly ok: boolean;
  /** The failure that ended the run (or the first liveness failure). */
  readonly failure?: SimFailure;
  /** `sometimes` points and BUGGIFY sites of this run, for campaign-wide merging. */
  readonly coverage: CoverageRecord;
}

/** Throws a `SimFailureError` (message: seed, scenario, step, invariant, replay) unless the run was clean. */
export function assertRunOk(report: RunReport): void {
  if (report.failure) throw new SimFailureError(report.failure);
}
