import type { Checker, Verdict } from "../sim/checker";

/**
 * What an invariant is, apart from how it is checked: its id (`<system>/<what it guarantees>`, as
 * `emulate` prints it) and the one sentence it guarantees. Every invariant file exports one as
 * `invariant`; its checker carries both, and `docs/reference/invariants.md` is generated from them.
 */
export interface Invariant {
  readonly id: string;
  readonly description: string;
  /** Where the system's default reach does not apply: the scenarios (or condition) that reach this one. */
  readonly reach?: Reach;
}

/** Which runs check an invariant: the scenarios, and what the plan (or the scenario) must hold. */
export interface Reach {
  /** Scenario names, or `every` for every scenario. */
  readonly scenarios: "every" | readonly string[];
  /** What the run needs besides, in a phrase (`the plan holds an Aurora cluster`). */
  readonly when: string;
}

/** The system an invariant folder checks: its name, its page in the docs and its default reach. */
export interface CheckedSystem {
  readonly name: string;
  /** The docs page about the system, relative to `docs/`. */
  readonly page: string;
  readonly reach: Reach;
}

/** A safety invariant: `check` runs after every event. */
export function safetyOf(invariant: Invariant, check: () => Verdict): Checker {
  return { id: invariant.id, description: invariant.description, afterEvent: check };
}

/** A liveness invariant: `check` runs once, after faults stopped and the quiet phase ran. */
export function livenessOf(invariant: Invariant, check: () => Verdict): Checker {
  return { id: invariant.id, description: invariant.description, atEnd: check };
}
