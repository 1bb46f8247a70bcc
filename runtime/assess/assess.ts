/**
 * `assess`: for each database a resiliency policy governs and each disruption type the policy
 * sets targets for, run the scenarios that realise it over N seeds (the campaign's units and worker
 * threads, so a seed costs what it costs a campaign), and judge the recovery the database's clients
 * saw against the targets: RTO as the longest client-visible outage (last answer before it → first
 * write acknowledged after it), RPO as the span of acknowledged writes storage lost. A type the
 * emulator cannot realise, or a database whose engine it runs no clients for, is `not-assessed`,
 * with the reason; never `met`.
 */
import { runUnits } from "../campaign/campaign";
import { replayCommand } from "../campaign/replay-command";
import type { CampaignUnit, UnitOutcome } from "../campaign/run-unit";
import type { InputLimits } from "../plan/input-file";
import type { DatabaseClusterNode, Topology } from "../plan/topology";
import type { DisruptionType, RecoveryObjective, ResiliencePolicyNode } from "../plan/topology-policies";
import { DISRUPTION_TYPES } from "../plan/topology-policies";
import { adviceFor } from "./advice";
import type { Assessment, DisruptionAssessment, MeasureSummary, PolicyAssessment, SeedMeasure, WorstSeed } from "./assessment";
import { CLIENT_GAP, type DisruptionRun, realise } from "./disruption-scenarios";
import { distributionOf } from "./distribution";

export interface AssessOptions {
  /** The plan as given on the command line (replay commands name it). */
  readonly plan: string;
  readonly topology: Topology;
  /** Seeds per scenario. */
  readonly seeds: number;
  /** @default 1 */
  readonly firstSeed?: number;
  /** @default "realistic" */
  readonly profile?: "realistic" | "fast";
  /** @default 1 */
  readonly parallel?: number;
  /** Seeded second faults (BUGGIFY) in every run. @default false: a policy's disruption is one fault */
  readonly buggify?: boolean;
  readonly inputLimits?: InputLimits;
  readonly onProgress?: (done: number, total: number, violations: number) => void;
}

/** The assessment; throws nothing for a plan without policies (its verdict says `nothing-assessed`). */
export async function assess(o: AssessOptions): Promise<Assessment> {
  const first = o.firstSeed ?? 1;
  const profile = o.profile ?? "realistic";
  const policies = o.topology.resiliencePolicies ?? [];
  const byAddress = new Map(o.topology.databases.map((d) => [d.address, d]));
  const plans = new Map<string, DisruptionRun>();
  const key = (r: DisruptionRun) => `${r.scenario}@${r.az ?? ""}@${r.database ?? ""}`;
  for (const policy of policies)
    for (const address of policy.governs) {
      const db = byAddress.get(address);
      if (!db) continue;
      for (const type of typesOf(policy)) {
        const r = realise(type, db, o.topology);
        if ("runs" in r) for (const run of r.runs) plans.set(key(run), run);
      }
    }
  const units: CampaignUnit[] = [];
  for (const run of plans.values())
    for (let i = 0; i < o.seeds; i++)
      units.push({
        plan: o.plan,
        scenario: run.scenario,
        seed: first + i,
        profile,
        ...(run.az ? { az: run.az } : {}),
        ...(run.database ? { database: run.database } : {}),
        ...(o.buggify ? { buggify: true } : {}),
        ...(o.inputLimits?.maxBytes !== undefined ? { maxInputBytes: o.inputLimits.maxBytes } : {}),
      });
  const { outcomes, mode } = await runUnits(units, o.parallel ?? 1, o.onProgress);
  const byRun = new Map<string, UnitOutcome[]>();
  for (const out of outcomes) {
    const k = key(out.unit);
    const list = byRun.get(k);
    if (list) list.push(out);
    else byRun.set(k, [out]);
  }
  const assessed: PolicyAssessment[] = policies.map((policy) => ({
    policy: policy.name,
    address: policy.address,
    tier: policy.tier,
    databases: policy.governs.flatMap((address) => {
      const db = byAddress.get(address);
      if (!db) return [];
      return [
        {
          database: address,
          engine: db.engine,
          disruptions: typesOf(policy).map((type) => {
            const r = realise(type, db, o.topology);
            const objective = policy.objectives[type] as RecoveryObjective;
            if ("notAssessable" in r) return notAssessed(type, [], r.notAssessable);
            const runOutcomes = r.runs.flatMap((run) => byRun.get(key(run)) ?? []);
            return judge(type, db, objective, r.runs, runOutcomes, o);
          }),
        },
      ];
    }),
  }));
  const governed = new Set(policies.flatMap((p) => p.governs));
  const failures = outcomes
    .filter((x) => x.failure)
    .map((x) => ({ message: `${x.failure?.invariant ?? x.failure?.kind}: ${x.failure?.message}`, replay: replayCommand(x.unit) }));
  const all = assessed.flatMap((p) => p.databases.flatMap((d) => d.disruptions));
  const verdict = failures.length
    ? "invariant-failed"
    : all.some((d) => d.verdict === "breached")
      ? "breached"
      : !all.some((d) => d.verdict !== "not-assessed")
        ? "nothing-assessed"
        : all.some((d) => d.verdict === "not-assessed")
          ? "met-where-assessed"
          : "met";
  return {
    plan: o.plan,
    seeds: o.seeds,
    firstSeed: first,
    profile,
    policies: assessed,
    ungoverned: o.topology.databases.filter((d) => !governed.has(d.address)).map((d) => d.address),
    failures,
    verdict,
    runs: outcomes.length,
    mode,
  };
}

/** The disruption types the policy sets targets for, in Resilience Hub's order. */
function typesOf(policy: ResiliencePolicyNode): DisruptionType[] {
  return DISRUPTION_TYPES.filter((t) => policy.objectives[t] !== undefined);
}

function notAssessed(type: DisruptionType, scenarios: readonly string[], reason: string): DisruptionAssessment {
  return { type, verdict: "not-assessed", scenarios, runs: 0, reason };
}

function describeRun(r: DisruptionRun): string {
  return [r.scenario, ...(r.az ? ["--az", r.az] : []), ...(r.database ? ["--database", r.database] : [])].join(" ");
}

function judge(
  type: DisruptionType,
  db: DatabaseClusterNode,
  objective: RecoveryObjective,
  runs: readonly DisruptionRun[],
  outcomes: readonly UnitOutcome[],
  o: AssessOptions,
): DisruptionAssessment {
  const scenarios = runs.map(describeRun);
  const struck = outcomes.filter((x) => x.struck.includes(db.address) && x.judged);
  const stopped = outcomes.find((x) => x.failure && !x.struck.includes(db.address));
  if (struck.length === 0 && stopped?.failure)
    return {
      ...notAssessed(
        type,
        scenarios,
        `the runs stopped at an invariant failure before the fault reached ${db.address} (${stopped.failure.invariant ?? stopped.failure.kind}: ${stopped.failure.message}); fix that first (replay: ${replayCommand(stopped.unit)})`,
      ),
      invariantFailures: outcomes.filter((x) => x.failure).length,
    };
  if (struck.length === 0)
    return notAssessed(
      type,
      scenarios,
      `${scenarios.join(", ")} did not reach ${db.address} in any seed, so no disruption of it was measured`,
    );
  const rows = struck.flatMap((x) => {
    const row = x.recovery.find((r) => r.database === db.address);
    return row ? [{ out: x, row }] : [];
  });
  // A seed whose clients saw nothing is no measurement: the fault may never have reached them.
  const measured = rows.filter((m) => m.row.longestOutageMs !== 0 || (m.row.acknowledgedWritesLost ?? 0) > 0);
  if (rows.length > 0 && measured.length === 0) {
    const gaps = runs.map((r) => CLIENT_GAP[r.scenario]).filter((g) => g !== undefined);
    return notAssessed(
      type,
      scenarios,
      `${scenarios.join(", ")} reached ${db.address} in ${rows.length} seed${rows.length === 1 ? "" : "s"}, but its clients saw no failed request in any of them${gaps.length ? `: ${gaps.join("; ")}` : ""}; nothing was measured`,
    );
  }
  if (measured.length === 0)
    return notAssessed(
      type,
      scenarios,
      `the emulator runs no client workload against ${db.engine} databases, so the outage their clients would see is not measured (measured today: Aurora, RDS Multi-AZ DB clusters, Redshift Multi-AZ and ElastiCache replication groups)`,
    );
  const rtoOf = (row: (typeof measured)[number]["row"]) => row.longestOutageMs ?? Number.POSITIVE_INFINITY;
  const rpoOf = (row: (typeof measured)[number]["row"]) => row.dataLossWindowMs ?? 0;
  const rtoBreach = (row: (typeof measured)[number]["row"]) => rtoOf(row) > objective.rtoMs;
  // A lost acknowledged write breaches an RPO of 0 even when it was lost within the same millisecond.
  const rpoBreach = (row: (typeof measured)[number]["row"]) =>
    rpoOf(row) > objective.rpoMs || (objective.rpoMs === 0 && (row.acknowledgedWritesLost ?? 0) > 0);
  const rto = summary(
    measured.map((m) => rtoOf(m.row)),
    objective.rtoMs,
    objective.rto,
    measured.filter((m) => rtoBreach(m.row)).length,
  );
  const rpo = summary(
    measured.map((m) => rpoOf(m.row)),
    objective.rpoMs,
    objective.rpo,
    measured.filter((m) => rpoBreach(m.row)).length,
  );
  const breached = measured.filter((m) => rtoBreach(m.row) || rpoBreach(m.row)).length;
  const worstRun = [...measured].sort(
    (a, b) => rtoOf(b.row) - rtoOf(a.row) || rpoOf(b.row) - rpoOf(a.row) || a.out.unit.seed - b.out.unit.seed,
  )[0] as (typeof measured)[number];
  const worst: WorstSeed = {
    seed: worstRun.out.unit.seed,
    scenario: describeRun(worstRun.out.unit),
    rtoMs: worstRun.row.longestOutageMs,
    rpoMs: rpoOf(worstRun.row),
    acknowledgedWritesLost: worstRun.row.acknowledgedWritesLost ?? 0,
    replay: replayCommand(worstRun.out.unit),
  };
  const seeds: SeedMeasure[] = [...measured]
    .sort((a, b) => a.out.unit.seed - b.out.unit.seed || a.out.unit.scenario.localeCompare(b.out.unit.scenario))
    .map(({ out, row }) => {
      const missed = [...(rtoBreach(row) ? ["rto" as const] : []), ...(rpoBreach(row) ? ["rpo" as const] : [])];
      return {
        seed: out.unit.seed,
        scenario: describeRun(out.unit),
        rtoMs: row.longestOutageMs,
        rpoMs: rpoOf(row),
        acknowledgedWritesLost: row.acknowledgedWritesLost ?? 0,
        ...(missed.length ? { breached: missed, replay: replayCommand(out.unit) } : {}),
      };
    });
  const invariantFailures = struck.filter((x) => x.failure).length;
  return {
    type,
    verdict: breached > 0 ? "breached" : "met",
    scenarios,
    runs: measured.length,
    ...(rows.length > measured.length ? { unreached: rows.length - measured.length } : {}),
    rto,
    rpo,
    breachFraction: breached / measured.length,
    worst,
    measured: seeds,
    ...(breached > 0
      ? {
          advice: adviceFor({
            type,
            db,
            objective,
            rto,
            rpo,
            worstUnit: worstRun.out.unit,
            topology: o.topology,
            inputLimits: o.inputLimits,
          }),
        }
      : {}),
    ...(invariantFailures ? { invariantFailures } : {}),
  };
}

function summary(values: readonly number[], targetMs: number, target: string, breaches: number): MeasureSummary {
  const d = distributionOf(values);
  const ms = (x: number) => (Number.isFinite(x) ? x : null);
  return { targetMs, target, p50Ms: ms(d.p50), p99Ms: ms(d.p99), maxMs: ms(d.max), breaches };
}
