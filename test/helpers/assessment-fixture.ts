/**
 * A hand-made assessment for the assessment page's tests: one policy over one Aurora cluster, its
 * zone target of 30 s breached by two of ten seeds, its software target not assessed. Written out
 * here (not taken from a run) so each test knows every figure without asking the code under test.
 */
import type { Assessment, DisruptionAssessment, SeedMeasure } from "../../runtime/assess/assessment";

export const DATABASE = "aws_rds_cluster.Orders";
export const PLAN = "cdktf.out/stacks/orders";
export const replayOf = (seed: number, plan = PLAN) =>
  `cdktf-resilience replay ${plan} --scenario az-outage --seed ${seed} --profile realistic --az us-east-1a`;

/** Seed → client-visible outage, ms; the target is 30 s, so seeds 3 (31 s) and 6 (45 s) breach, 6 the worst. */
export const OUTAGES: readonly [number, number][] = [
  [1, 24_000],
  [2, 26_000],
  [3, 31_000],
  [4, 25_000],
  [5, 27_000],
  [6, 45_000],
  [7, 24_500],
  [8, 28_000],
  [9, 29_000],
  [10, 30_000],
];
export const TARGET_MS = 30_000;

function seeds(outages: readonly [number, number][], targetMs: number, plan: string): SeedMeasure[] {
  return outages.map(([seed, rtoMs]) => ({
    seed,
    scenario: "az-outage --az us-east-1a",
    rtoMs,
    rpoMs: 0,
    acknowledgedWritesLost: 0,
    ...(rtoMs > targetMs ? { breached: ["rto" as const], replay: replayOf(seed, plan) } : {}),
  }));
}

export interface FixtureOptions {
  readonly outages?: readonly [number, number][];
  readonly targetMs?: number;
  readonly database?: string;
  readonly policy?: string;
  readonly plan?: string;
  readonly advice?: readonly string[];
}

/** The zone row: breached or met as the outages and the target say, its summaries worked out by hand for the defaults. */
export function zoneRow(o: FixtureOptions = {}): DisruptionAssessment {
  const outages = o.outages ?? OUTAGES;
  const targetMs = o.targetMs ?? TARGET_MS;
  const measured = seeds(outages, targetMs, o.plan ?? PLAN);
  const breaches = measured.filter((s) => s.breached).length;
  const sorted = outages.map(([, v]) => v).sort((a, b) => a - b);
  // Nearest rank: for the default ten seeds p50 is the 5th value (27 s), p99 the 10th (45 s).
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const worst = [...measured].sort((a, b) => (b.rtoMs ?? 0) - (a.rtoMs ?? 0))[0] as SeedMeasure;
  return {
    type: "az",
    verdict: breaches ? "breached" : "met",
    scenarios: ["az-outage --az us-east-1a"],
    runs: measured.length,
    rto: { targetMs, target: `${targetMs / 1000}s`, p50Ms: rank(50), p99Ms: rank(99), maxMs: rank(100), breaches },
    rpo: { targetMs: 0, target: "0s", p50Ms: 0, p99Ms: 0, maxMs: 0, breaches: 0 },
    breachFraction: breaches / measured.length,
    worst: { ...worst, rpoMs: 0, replay: replayOf(worst.seed, o.plan ?? PLAN) },
    measured,
    ...(breaches ? { advice: o.advice ?? ["Raise policy.az.rto (30s) to at least 45s (the measured p99)."] } : {}),
  };
}

export const SOFTWARE_REASON =
  "writer-crash reached aws_rds_cluster.Orders in 10 seeds, but its clients saw no failed request in any of them; nothing was measured";

export function assessmentWith(o: FixtureOptions = {}): Assessment {
  const az = zoneRow(o);
  return {
    plan: o.plan ?? PLAN,
    seeds: (o.outages ?? OUTAGES).length,
    firstSeed: 1,
    profile: "realistic",
    policies: [
      {
        policy: o.policy ?? "orders-critical",
        address: "aws_resiliencehub_resiliency_policy.Objectives",
        tier: "Critical",
        databases: [
          {
            database: o.database ?? DATABASE,
            engine: "aurora-postgresql",
            disruptions: [{ type: "software", verdict: "not-assessed", scenarios: ["writer-crash"], runs: 0, reason: SOFTWARE_REASON }, az],
          },
        ],
      },
    ],
    ungoverned: [],
    failures: [],
    verdict: az.verdict === "breached" ? "breached" : "met-where-assessed",
    runs: 2 * (o.outages ?? OUTAGES).length,
    mode: "the calling thread",
  };
}
