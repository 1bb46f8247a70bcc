import type { ObservedEvent } from "./observed-event";
import type { StepFootprint } from "./step-footprint";

/**
 * `undefined` (or nothing at all) when the invariant holds; otherwise a sentence saying what is
 * wrong, with values. Allowing `void` lets an observer that only gathers facts return nothing.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: hooks that never fail should be able to just not return
export type Verdict = string | undefined | void;

/**
 * An invariant checker. It lives outside the system under test (one per file in this folder) and
 * learns about the system from events and from read-only inspection handles the scenario gives it.
 * Implement any of the three hooks; each call counts as one check in the report.
 */
export interface Checker {
  /** Stable id, reported in results and failures, e.g. `failover-pair/one-coordinator`. */
  readonly id: string;
  /** What the invariant guarantees, in one sentence (listed in `docs/reference/invariants.md`). */
  readonly description?: string;
  /** Sees every event in order (safety, fed by events). */
  onEvent?(event: ObservedEvent): Verdict;
  /**
   * Runs after every event (safety, a predicate over current state). `changed` says what the event
   * may have changed (absent: anything), so a checker over many independent parts can judge only those.
   */
  afterEvent?(changed?: StepFootprint): Verdict;
  /** Runs once at the end of the quiet phase (liveness: has the system converged?). */
  atEnd?(): Verdict;
}

/** A safety invariant: `check` runs after every event. */
export function safety(id: string, check: () => Verdict): Checker {
  return { id, afterEvent: check };
}

/** A liveness invariant: `check` runs once, after faults stopped and the quiet phase ran. */
export function liveness(id: string, check: () => Verdict): Checker {
  return { id, atEnd: check };
}
