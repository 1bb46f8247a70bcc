// Defining invariants: checkers fed by events, after-event safety, end-of-run liveness
export { type Checker, liveness, safety, type Verdict } from "./checker";
// Running them: the registry a simulation evaluates, and its per-invariant results
export { Checkers, type DetectedViolation, type InvariantResult, type Violation } from "./checkers";
// Invariants of the mock cloud itself
export * from "./cloud";
// Coverage of rare paths, mergeable across runs and worker threads
export { Coverage, type CoveragePoint, type CoverageRecord, mergeCoverage, unreachedPoints } from "./coverage";
// Seed 000's invariants over the database pairs (I1–I16)
export * from "./database";
export type { ObservedEvent } from "./observed-event";
// Typed failures with seed and replay command
export { type FailureKind, formatFailure, isSimFailureError, type SimFailure, SimFailureError } from "./sim-failure";
