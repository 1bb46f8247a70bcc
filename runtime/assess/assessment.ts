/**
 * What `assess` found: per policy, per governed database, per disruption type, the recovery its
 * clients saw across seeds against the policy's targets. The JSON of `assess --json`.
 */
import type { DisruptionType } from "../plan/topology-policies";

/** `met`: every seed within both targets; `breached`: at least one seed over; `not-assessed`: nothing measured, and why. */
export type TargetVerdict = "met" | "breached" | "not-assessed";

/** One measure (RTO or RPO) across the seeds, ms; `null` for an outage that never ended. */
export interface MeasureSummary {
  readonly targetMs: number;
  /** As the plan writes it (a Go duration). */
  readonly target: string;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  /** Seeds whose measure exceeded the target. */
  readonly breaches: number;
}

export interface WorstSeed {
  readonly seed: number;
  readonly scenario: string;
  readonly rtoMs: number | null;
  readonly rpoMs: number;
  readonly acknowledgedWritesLost: number;
  readonly replay: string;
}

/** One measured seed: what its clients saw, and which targets it missed. */
export interface SeedMeasure {
  readonly seed: number;
  /** The scenario as `replay` takes it (`az-outage --az us-east-1a`). */
  readonly scenario: string;
  /** The longest client-visible outage; `null` when it never ended. */
  readonly rtoMs: number | null;
  readonly rpoMs: number;
  readonly acknowledgedWritesLost: number;
  /** The targets this seed missed; absent when it met both. */
  readonly breached?: readonly ("rto" | "rpo")[];
  /** For a breaching seed: the command that replays it. */
  readonly replay?: string;
}

export interface DisruptionAssessment {
  readonly type: DisruptionType;
  readonly verdict: TargetVerdict;
  /** Scenarios run for this type (with the zone struck). */
  readonly scenarios: readonly string[];
  /** Seeds whose fault reached the database's clients: the measured ones. */
  readonly runs: number;
  /** Seeds that reached the database but not its clients (no failed request): left out of the figures. */
  readonly unreached?: number;
  readonly rto?: MeasureSummary;
  readonly rpo?: MeasureSummary;
  /** Seeds that breached RTO or RPO, over `runs`. */
  readonly breachFraction?: number;
  /** The seed with the longest outage (then the largest loss): the one to replay. */
  readonly worst?: WorstSeed;
  /** Every measured seed, in seed order: the distributions the summaries are taken from. */
  readonly measured?: readonly SeedMeasure[];
  /** Why nothing was measured (`not-assessed`). */
  readonly reason?: string;
  /** For a breach: plan changes that would address it, from what the worst seed measured. */
  readonly advice?: readonly string[];
  /** Runs in which an invariant failed (each is also in `failures`). */
  readonly invariantFailures?: number;
}

export interface DatabaseAssessment {
  readonly database: string;
  readonly engine: string;
  readonly disruptions: readonly DisruptionAssessment[];
}

export interface PolicyAssessment {
  readonly policy: string;
  readonly address: string;
  readonly tier: string;
  readonly databases: readonly DatabaseAssessment[];
}

export interface Assessment {
  readonly plan: string;
  readonly seeds: number;
  readonly firstSeed: number;
  readonly profile: "realistic" | "fast";
  readonly policies: readonly PolicyAssessment[];
  /** Databases no policy governs: not judged, never counted as met. */
  readonly ungoverned: readonly string[];
  /** Runs in which an invariant failed, with the replay command. */
  readonly failures: readonly { readonly message: string; readonly replay: string }[];
  /**
   * `met` only when every target was assessed and met in every seed; `invariant-failed` when a run
   * broke an invariant (the plan, or the emulator, has a bug to fix before any figure counts).
   */
  readonly verdict: "met" | "breached" | "invariant-failed" | "met-where-assessed" | "nothing-assessed";
  readonly runs: number;
  readonly mode: string;
}
