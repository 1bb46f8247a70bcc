// Invariants of cache survival, over every cache rig of a run
export * from "./cache-survival";
// Defining invariants: checkers fed by events, after-event safety, end-of-run liveness
export { type Checker, liveness, safety, type Verdict } from "./checker";
// Running them: the registry a simulation evaluates, and its per-invariant results
export { Checkers, type DetectedViolation, type InvariantResult, type Violation } from "./checkers";
// Invariants of the mock cloud itself
export * from "./cloud";
// Invariants of contingency capacity
export * from "./contingency-capacity";
// Coverage of rare paths, mergeable across runs and worker threads
export { Coverage, type CoveragePoint, type CoverageRecord, mergeCoverage, unreachedPoints } from "./coverage";
// Invariants of crash containment
export * from "./crash-containment";
// Invariants of the failover pair
export * from "./failover-pair";
// What an invariant is apart from its check: its id, the sentence it guarantees, the runs that reach it
export { type CheckedSystem, type Invariant, livenessOf, type Reach, safetyOf } from "./invariant";
export type { ObservedEvent } from "./observed-event";
// Typed failures with seed and replay command
export { type FailureKind, formatFailure, isSimFailureError, type SimFailure, SimFailureError } from "./sim-failure";
// Invariants of the storage control plane, and the oracle they judge against
export * from "./storage-control-plane";
