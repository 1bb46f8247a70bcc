// The simulation: virtual time, phases, run control and the run report

export type { InvariantResult, Violation } from "../contract/emulation-result";
// Faults: the scenario-facing injector, random chaos, and swarm-chosen knobs
export type { CrashKind } from "./actor-table";
// Knobs of the simulated world and their defaults
export { BUGGIFY_DEFAULTS, type BuggifyOptions } from "./buggify";
export { CHAOS_DEFAULTS, type ChaosOptions } from "./chaos";
// The checker framework: invariants fed by events (after-event safety, end-of-run liveness),
// the registry a simulation evaluates, coverage of rare paths, typed failures with seed and replay
export { type Checker, liveness, safety, type Verdict } from "./checker";
export { Checkers, type DetectedViolation } from "./checkers";
export { Coverage, type CoveragePoint, type CoverageRecord, mergeCoverage, unreachedPoints } from "./coverage";
// The queue, exported for other schedulers and for property tests
export { EventQueue, type Queued } from "./event-queue";
export type { CrashOptions, CutOptions, FaultHandle, FaultNotice, Faults, FaultTarget, FaultTiming, Group } from "./faults";
export { LIMIT_DEFAULTS, type SimLimits } from "./kernel";
export type { ObservedEvent } from "./observed-event";
// Ports: the interfaces every component uses instead of globals (sim and real implement them)
export type {
  ActorBehavior,
  ActorContext,
  ActorRef,
  ActorSpec,
  Buggify,
  Clock,
  Disk,
  DiskGeometry,
  Env,
  Network,
  Random,
  Sometimes,
  TimerHandle,
  TimerOptions,
  Timers,
  Trace,
} from "./ports";
// Seeded randomness and exact probabilities
export { assertSeed, SEED_MAX, SeededRandom } from "./random";
export { ALWAYS, assertRatio, formatRatio, NEVER, type Ratio, ratio } from "./ratio";
export { assertRunOk, type RunReport } from "./run-report";
export { DISK_DEFAULTS, type DiskOptions } from "./sim-disk";
export { type FailureKind, formatFailure, isSimFailureError, type SimFailure, SimFailureError } from "./sim-failure";
export { NETWORK_DEFAULTS, type NetworkOptions } from "./sim-network";
export { type Phase, type RunPhases, type SimEnv, Simulation, type Within } from "./simulation";
export { describeByType, type ResolvedOptions, type SimulationOptions } from "./simulation-options";
export type { StepFootprint } from "./step-footprint";
export { swarmOptions } from "./swarm";
export { TRACE_DEFAULTS, type TraceOptions } from "./trace-recorder";
