/**
 * A campaign: many seeds of every chosen scenario on every chosen plan, spread over worker threads,
 * reduced to a summary (runs and violations per plan × scenario, merged rare-path coverage, every
 * failing seed with its replay command). Units are independent and each is deterministic, so the
 * summary is the same for any `parallel` (outcomes are sorted back into unit order).
 *
 * Before any seed runs, each plan × scenario is looked ahead (`scenarioReach`, the run's own target
 * resolution and verdict rule at the experiment's start): a scenario that reaches nothing the plan
 * holds (the ElastiCache scenarios on a plan without ElastiCache) would end every seed "not judged",
 * so it is not run there, and the summary lists it under `notRun` with the reason.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { scenarioReach } from "../emulation/scenario-reach";
import type { InputLimits } from "../plan/input-file";
import { type CoverageRecord, mergeCoverage } from "../sim/coverage";
import { replayCommand } from "./replay-command";
import { type CampaignUnit, planTopology, runUnit, type UnitOutcome } from "./run-unit";
import { inShard, type Shard } from "./shard";

export interface CampaignOptions {
  /** Plan files (or stack folders). */
  readonly plans: readonly string[];
  readonly scenarios: readonly string[];
  /** Seeds `firstSeed … firstSeed + seeds − 1`, for every plan × scenario. */
  readonly seeds: number;
  /** @default 1 */
  readonly firstSeed?: number;
  /** @default "realistic" */
  readonly profile?: "realistic" | "fast";
  /**
   * Worker threads. 1 runs in the calling thread.
   * @default 1
   */
  readonly parallel?: number;
  /**
   * BUGGIFY sites add seeded second faults in every run (see `EmulateOptions.buggify`); replay
   * commands carry `--buggify`.
   * @default true
   */
  readonly buggify?: boolean;
  /**
   * Limits on the plan and scenario files each unit reads.
   * @default - 256 MiB (`INPUT_SIZE_DEFAULT`)
   */
  readonly inputLimits?: InputLimits;
  /** Called after each finished unit (e.g. to move a progress bar). */
  readonly onProgress?: (done: number, total: number, violations: number) => void;
  /**
   * Run only this shard's units (unit i of the full campaign is in shard (i mod n) + 1).
   * @default - every unit
   */
  readonly shard?: Shard;
}

/** CampaignOptions plus switches only tests use; internal, not exported from an entry point. */
export interface InternalCampaignOptions extends CampaignOptions {
  /** Planted bugs for every run (see `InternalEmulateOptions.mutants`). */
  readonly mutants?: readonly string[];
  /** The plan × scenario pairs already found unable to run (see {@link scenariosNotRun}); looked ahead when absent. */
  readonly notRun?: readonly CampaignNotRun[];
}

/** A scenario the campaign did not run on a plan, and why (what the plan lacks for it). */
export interface CampaignNotRun {
  readonly plan: string;
  readonly scenario: string;
  readonly why: string;
}

export interface CampaignRow {
  readonly plan: string;
  readonly scenario: string;
  readonly runs: number;
  readonly violations: number;
  /** Runs that judged nothing: the scenario reached nothing the plan holds (e.g. writer-crash on a plan without RDS). */
  readonly notJudged: number;
  readonly failovers: number;
  readonly clientOutageMsMax: number;
  readonly virtualHours: number;
}

export interface CampaignFailure {
  readonly unit: CampaignUnit;
  readonly kind: string;
  readonly invariant?: string;
  readonly message: string;
  readonly atMs: number;
  readonly replay: string;
}

export interface CampaignSummary {
  readonly seeds: number;
  readonly runs: number;
  readonly violations: number;
  /** Runs that judged nothing (counted apart: they are neither passes nor violations). */
  readonly notJudged: number;
  readonly rows: readonly CampaignRow[];
  /** Scenarios not run on a plan because they reach nothing it holds, with why (in plan, scenario order). */
  readonly notRun: readonly CampaignNotRun[];
  readonly failures: readonly CampaignFailure[];
  readonly coverage: CoverageRecord;
  /** "worker threads" or why the campaign ran in the calling thread. */
  readonly mode: string;
}

/**
 * The plan × scenario pairs whose scenario reaches nothing the plan holds, with why, in plan then
 * scenario order. Deterministic (each look-ahead runs the campaign's first seed up to its
 * experiment), so every shard of a campaign finds the same pairs and numbers its units alike.
 */
export function scenariosNotRun(o: InternalCampaignOptions): CampaignNotRun[] {
  const out: CampaignNotRun[] = [];
  for (const plan of o.plans) {
    const topology = planTopology(plan, o.inputLimits ?? {});
    for (const scenario of o.scenarios) {
      const reach = scenarioReach({
        topology,
        scenario,
        seed: o.firstSeed ?? 1,
        profile: o.profile ?? "realistic",
        ...(o.mutants?.length ? { mutants: o.mutants } : {}),
        ...(o.inputLimits ? { inputLimits: o.inputLimits } : {}),
      });
      if (!reach.reaches) out.push({ plan, scenario, why: reach.why });
    }
  }
  return out;
}

/** Why a campaign must not start, as a flag, its value, the problem and the fix. */
export interface CampaignRefusal {
  readonly flag: string;
  readonly value: string;
  readonly problem: string;
  readonly fix: string;
}

/**
 * Refuses a campaign that names a scenario (`named`: the user chose the scenarios) a plan cannot
 * run, and one left with nothing to run at all; undefined when it may start.
 */
export function campaignRefusal(
  plans: readonly string[],
  scenarios: readonly string[],
  named: boolean,
  notRun: readonly CampaignNotRun[],
): CampaignRefusal | undefined {
  const first = notRun[0];
  if (named && first)
    return {
      flag: "--scenario",
      value: first.scenario,
      problem: `cannot run on ${first.plan}: ${first.why}`,
      fix:
        plans.length > 1
          ? `leave --scenario ${first.scenario} out, or campaign it over plans that hold what it strikes (without --scenario, a campaign runs every scenario each plan can exercise)`
          : `leave --scenario ${first.scenario} out (without --scenario, a campaign runs every scenario the plan can exercise), or pass a plan that holds what it strikes`,
    };
  if (notRun.length < plans.length * scenarios.length) return undefined;
  return {
    flag: plans.length === 1 ? "plan" : "plans",
    value: plans.join(" "),
    problem: `${plans.length === 1 ? "holds" : "hold"} nothing any of the ${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"} reaches, so the campaign would run nothing:\n${notRun.map((x) => `  ${x.scenario} on ${x.plan}: ${x.why}`).join("\n")}`,
    fix: "pass a plan holding a database, cache, contingency capacity or processing nodes the emulator models (see `cdktf-resilience inspect`)",
  };
}

/** The units in a fixed order: plan, then scenario, then seed; the pairs in `notRun` have none. */
export function campaignUnits(o: InternalCampaignOptions, notRun: readonly CampaignNotRun[] = []): CampaignUnit[] {
  const first = o.firstSeed ?? 1;
  const profile = o.profile ?? "realistic";
  const skip = new Set(notRun.map((x) => pairKey(x.plan, x.scenario)));
  const units: CampaignUnit[] = [];
  for (const plan of o.plans)
    for (const scenario of o.scenarios)
      if (!skip.has(pairKey(plan, scenario)))
        for (let i = 0; i < o.seeds; i++)
          units.push({
            plan,
            scenario,
            seed: first + i,
            profile,
            ...(o.buggify === false ? {} : { buggify: true }),
            ...(o.mutants?.length ? { mutants: o.mutants } : {}),
            ...(o.inputLimits?.maxBytes !== undefined ? { maxInputBytes: o.inputLimits.maxBytes } : {}),
          });
  return units;
}

const pairKey = (plan: string, scenario: string) => `${plan}\u0000${scenario}`;

export async function runCampaign(o: CampaignOptions): Promise<CampaignSummary> {
  return runCampaignInternal(o);
}

/** {@link runCampaign} with the test-only switches of {@link InternalCampaignOptions}. */
export async function runCampaignInternal(o: InternalCampaignOptions): Promise<CampaignSummary> {
  return (await runCampaignRuns(o)).summary;
}

/** Runs the campaign (or its shard): the summary, and each run with its unit number in the whole campaign. */
export async function runCampaignRuns(
  o: InternalCampaignOptions,
): Promise<{ readonly summary: CampaignSummary; readonly runs: readonly { readonly unit: number; readonly outcome: UnitOutcome }[] }> {
  const notRun = o.notRun ?? scenariosNotRun(o);
  const all = campaignUnits(o, notRun);
  const shard = o.shard;
  const numbers = all.map((_, i) => i).filter((i) => shard === undefined || inShard(i, shard));
  const units = numbers.map((i) => all[i] as CampaignUnit);
  const ran = await runUnits(units, o.parallel ?? 1, o.onProgress);
  const mode = shard ? `${ran.mode}, shard ${shard.index} of ${shard.count}` : ran.mode;
  return {
    summary: summarize(o.seeds, ran.outcomes, mode, notRun),
    runs: ran.outcomes.map((outcome, k) => ({ unit: numbers[k] as number, outcome })),
  };
}

/**
 * Runs units over `parallel` worker threads (in the calling thread when 1, or when the worker
 * script is not built), outcomes in unit order; `mode` says where they ran. `assess` shares it, so
 * its seeds cost what a campaign's do.
 */
export async function runUnits(
  units: readonly CampaignUnit[],
  parallelWanted: number,
  onProgress?: (done: number, total: number, violations: number) => void,
): Promise<{ outcomes: UnitOutcome[]; mode: string }> {
  const parallel = Math.max(1, Math.min(parallelWanted, units.length));
  const workerFile = join(__dirname, "campaign-worker.js");
  let outcomes: UnitOutcome[];
  let mode: string;
  if (parallel > 1 && existsSync(workerFile)) {
    outcomes = await inWorkers(units, parallel, workerFile, onProgress);
    mode = `${parallel} worker threads`;
  } else {
    outcomes = [];
    let violations = 0;
    for (const u of units) {
      const out = runUnit(u, replayCommand);
      if (!out.ok) violations++;
      outcomes.push(out);
      onProgress?.(outcomes.length, units.length, violations);
    }
    mode = parallel > 1 ? "the calling thread (worker script not built: run `npm run build`)" : "the calling thread";
  }
  return { outcomes, mode };
}

function inWorkers(
  units: readonly CampaignUnit[],
  parallel: number,
  file: string,
  onProgress?: (done: number, total: number, violations: number) => void,
): Promise<UnitOutcome[]> {
  return new Promise((resolve, reject) => {
    const results: (UnitOutcome | undefined)[] = new Array(units.length);
    let done = 0;
    const workers: Worker[] = [];
    let next = 0;
    let violations = 0;
    const stopAll = () => Promise.all(workers.map((w) => w.terminate()));
    const feed = (w: Worker) => {
      if (next < units.length) {
        w.postMessage({ index: next, unit: units[next] });
        next++;
      }
    };
    for (let i = 0; i < parallel; i++) {
      const w = new Worker(file);
      workers.push(w);
      w.on("message", (m: { index: number; outcome?: UnitOutcome; error?: string }) => {
        if (m.error !== undefined) {
          void stopAll();
          reject(new Error(`campaign unit ${replayCommand(units[m.index] as CampaignUnit)} threw: ${m.error}`));
          return;
        }
        const out = m.outcome as UnitOutcome;
        results[m.index] = out;
        done++;
        if (!out.ok) violations++;
        onProgress?.(done, units.length, violations);
        if (done === units.length) void stopAll().then(() => resolve(results as UnitOutcome[]));
        else feed(w);
      });
      w.on("error", (e) => {
        void stopAll();
        reject(e);
      });
      feed(w);
    }
  });
}

/**
 * The summary of `outcomes` (in unit order): rows per plan × scenario, the pairs not run, failures,
 * coverage (summed from the outcomes unless given, as a merge of shards gives it).
 */
export function summarize(
  seeds: number,
  outcomes: readonly UnitOutcome[],
  mode: string,
  notRun: readonly CampaignNotRun[],
  coverage?: CoverageRecord,
): CampaignSummary {
  const rows = new Map<string, CampaignRow>();
  for (const o of outcomes) {
    const key = `${o.unit.plan}\u0000${o.unit.scenario}`;
    const r = rows.get(key) ?? {
      plan: o.unit.plan,
      scenario: o.unit.scenario,
      runs: 0,
      violations: 0,
      notJudged: 0,
      failovers: 0,
      clientOutageMsMax: 0,
      virtualHours: 0,
    };
    rows.set(key, {
      ...r,
      runs: r.runs + 1,
      violations: r.violations + (o.ok ? 0 : 1),
      notJudged: r.notJudged + (o.ok && !o.judged ? 1 : 0),
      failovers: r.failovers + o.failovers,
      clientOutageMsMax: Math.max(r.clientOutageMsMax, o.clientOutageMsMax),
      virtualHours: r.virtualHours + o.virtualDurationMs / 3_600_000,
    });
  }
  const failures = outcomes
    .filter((o) => !o.ok)
    .map((o) => ({
      unit: o.unit,
      kind: o.failure?.kind ?? "crash",
      ...(o.failure?.invariant ? { invariant: o.failure.invariant } : {}),
      message: o.failure?.message ?? "the run failed",
      atMs: o.failure?.atMs ?? 0,
      replay: replayCommand(o.unit),
    }));
  return {
    seeds,
    runs: outcomes.length,
    violations: failures.length,
    notJudged: outcomes.filter((o) => o.ok && !o.judged).length,
    rows: [...rows.values()],
    notRun: [...notRun],
    failures,
    coverage: coverage ?? mergeCoverage(...outcomes.map((o) => o.coverage)),
    mode,
  };
}
