/**
 * One unit of a campaign: one scenario on one plan with one seed, reduced to what the summary
 * needs. Runs the same in the main thread and in a worker, so a campaign's outcome does not
 * depend on `--parallel`.
 */

import type { RecoveryRow } from "../contract/emulation-result";
import { emulateInternal } from "../emulation/emulate";
import type { InputLimits } from "../plan/input-file";
import { loadPlan } from "../plan/load-plan";
import type { Topology } from "../plan/topology";
import type { CoverageRecord } from "../sim/coverage";
import type { SimFailure } from "../sim/sim-failure";

export interface CampaignUnit {
  readonly plan: string;
  readonly scenario: string;
  readonly seed: number;
  readonly profile: "realistic" | "fast";
  /** Test-only planted bugs (see `InternalEmulateOptions.mutants`); absent in real campaigns. */
  readonly mutants?: readonly string[];
  /** BUGGIFY sites may add second faults (campaigns: on unless `--no-buggify`). */
  readonly buggify?: boolean;
  /** The cap on plan and scenario file sizes (`--max-input-size`), when not the default. */
  readonly maxInputBytes?: number;
  /** The zone zonal scenarios strike (`--az`); absent: the first writer's zone. */
  readonly az?: string;
  /** The database a one-database scenario strikes (`--database`); absent: the first cluster with a writer. */
  readonly database?: string;
}

export interface UnitOutcome {
  readonly unit: CampaignUnit;
  readonly ok: boolean;
  /** False when the run judged nothing (nothing the scenario struck is modelled, or its experiment failed). */
  readonly judged: boolean;
  readonly failure?: Pick<SimFailure, "kind" | "invariant" | "message" | "step" | "atMs">;
  readonly virtualDurationMs: number;
  readonly events: number;
  readonly failovers: number;
  /** Worst client-visible outage among the run's failovers, ms. */
  readonly clientOutageMsMax: number;
  readonly coverage: CoverageRecord;
  /** SHA-256 of the run's trace: `replay` of the unit prints the same one. */
  readonly traceHash: string;
  /** Per database a component measured: what its clients saw (see `RecoveryRow`), without the outage list. */
  readonly recovery: readonly Omit<RecoveryRow, "outages">[];
  /** Plan resources the scenario reached (a database not among them was not disrupted by this run). */
  readonly struck: readonly string[];
}

/** Plans are loaded once per thread. */
const plans = new Map<string, Topology>();

/** The plan at `path`, loaded once per thread. */
export function planTopology(path: string, limits: InputLimits): Topology {
  let topology = plans.get(path);
  if (!topology) {
    topology = loadPlan(path, limits);
    plans.set(path, topology);
  }
  return topology;
}

/**
 * What makes a unit the run it is, as `emulate` options: scenario, seed, profile and the flags that
 * change what is struck. Every place that runs a unit again (its replay, assess's advice) takes
 * them from here, so a new flag cannot be carried by one and dropped by another.
 */
export function unitRun(u: CampaignUnit) {
  return {
    scenario: u.scenario,
    seed: u.seed,
    profile: u.profile,
    ...(u.buggify ? { buggify: true } : {}),
    ...(u.az !== undefined ? { az: u.az } : {}),
    ...(u.database !== undefined ? { database: u.database } : {}),
  };
}

export function runUnit(unit: CampaignUnit, replay: (u: CampaignUnit) => string): UnitOutcome {
  const topology = planTopology(unit.plan, limitsOf(unit));
  const { result, report } = emulateInternal({
    topology,
    ...unitRun(unit),
    // The trace is hashed (so shards and replays can be compared run by run), not kept: the
    // recorder writes into a buffer it hashes in batches, a few per cent of a run.
    trace: { tailLinesMax: 0 },
    replayCommand: () => replay(unit),
    ...(unit.mutants?.length ? { mutants: unit.mutants } : {}),
    inputLimits: limitsOf(unit),
  });
  const f = report.failure;
  return {
    unit,
    ok: report.ok,
    judged: result.verdict !== "not-judged",
    ...(f
      ? { failure: { kind: f.kind, ...(f.invariant ? { invariant: f.invariant } : {}), message: f.message, step: f.step, atMs: f.atMs } }
      : {}),
    virtualDurationMs: result.virtualDurationMs,
    events: result.events,
    failovers: result.failovers.length,
    clientOutageMsMax: Math.max(0, ...result.failovers.map((x) => x.clientOutageMs)),
    coverage: report.coverage,
    traceHash: report.traceHash ?? "",
    recovery: (result.recovery ?? []).map(({ outages: _, ...row }) => row),
    struck: [...new Set(result.modelled.filter((m) => m.struck).map((m) => m.resource))],
  };
}

function limitsOf(unit: CampaignUnit): InputLimits {
  return unit.maxInputBytes === undefined ? {} : { maxBytes: unit.maxInputBytes };
}
