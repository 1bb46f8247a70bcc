import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { Assessment, DisruptionAssessment } from "../runtime/assess/assessment";
import { distributionOf } from "../runtime/assess/distribution";
import { emulate } from "../runtime/emulation/emulate";
import { planFromJson } from "../runtime/plan";
import { synthExample, writePlan } from "./helpers/examples";
import { type PlanDoc, runCli, variantOf } from "./helpers/run-cli";

const SEEDS = "4";
const aurora = writePlan(synthExample("aurora-postgres"));

async function assessJson(plan: string, ...more: string[]) {
  const r = await runCli("assess", plan, "--seeds", SEEDS, "--parallel", "1", "--json", ...more);
  return { ...r, a: r.stdout ? (JSON.parse(r.stdout) as Assessment) : undefined };
}

function disruption(a: Assessment | undefined, type: string): DisruptionAssessment {
  const d = a?.policies[0]?.databases[0]?.disruptions.find((x) => x.type === type);
  if (!d) throw new Error(`no ${type} row`);
  return d;
}

/** The example's plan with one change to the policy's az block. */
function withAzTarget(rto: string, change: (doc: PlanDoc) => void = () => {}): string {
  return variantOf(aurora, (doc) => {
    for (const p of Object.values(doc.resource.aws_resiliencehub_resiliency_policy) as PlanDoc[]) p.policy[0].az[0].rto = rto;
    change(doc);
  });
}

describe("distribution: nearest-rank percentiles, each a value one seed measured", () => {
  test("p50, p99 and max of 1..100 and of 1..10", () => {
    expect(distributionOf(Array.from({ length: 100 }, (_, i) => 100 - i))).toEqual({ p50: 50, p99: 99, max: 100 });
    expect(distributionOf(Array.from({ length: 10 }, (_, i) => i + 1))).toEqual({ p50: 5, p99: 10, max: 10 });
  });
});

describe("assess: the Aurora example's policy, measured across seeds", () => {
  test("as built, the zone target is met in every seed; what the emulator cannot carry to clients is said to be not assessed, and --strict exits 2 for it", async () => {
    const { code, a } = await assessJson(aurora);
    expect(code).toBe(0);
    const az = disruption(a, "az");
    expect(az).toMatchObject({ verdict: "met", runs: 4, scenarios: ["az-outage --az us-east-1a"], breachFraction: 0 });
    // The example's target is 2m; each seed's outage must really have been measured (a zone loss cuts clients off).
    expect(az.rto?.p50Ms).toBeGreaterThan(0);
    expect(az.rto?.maxMs).toBeLessThanOrEqual(120_000);
    expect(az.rpo).toMatchObject({ maxMs: 0, breaches: 0 });
    for (const type of ["software", "hardware"]) {
      expect(disruption(a, type).verdict).toBe("not-assessed");
      expect(disruption(a, type).reason).toMatch(/clients saw no failed request in any of them/);
    }
    expect(a?.verdict).toBe("met-where-assessed");
    expect((await runCli("assess", aurora, "--seeds", "1", "--parallel", "1", "--strict")).code).toBe(2);
  }, 120_000);

  test("a zone RTO tightened below the measured p99 is breached: exit 1, the worst seed's replay reproduces its outage, and the advice says which target to raise", async () => {
    const tight = withAzTarget("10s");
    const { code, a } = await assessJson(tight);
    expect(code).toBe(1);
    const az = disruption(a, "az");
    expect(az.verdict).toBe("breached");
    expect(az.rto?.breaches).toBeGreaterThan(0);
    expect(az.breachFraction).toBeGreaterThan(0);
    const worst = az.worst;
    expect(worst?.replay).toMatch(/^cdktf-resilience replay \S+ --scenario az-outage --seed \d+ --profile realistic --az us-east-1a$/);
    // Replaying the worst seed on its own measures the same outage, the longest of the seeds run.
    const topology = planFromJson(JSON.parse(readFileSync(tight, "utf8")), "replay");
    const again = emulate({ topology, scenario: "az-outage", seed: worst?.seed as number, az: "us-east-1a", trace: { enabled: false } });
    expect(again.result.recovery?.[0]?.longestOutageMs).toBe(worst?.rtoMs);
    expect(worst?.rtoMs).toBe(az.rto?.maxMs);
    // Detection and promotion alone exceed 10 s: no plan change gets under it.
    expect(az.advice?.join("\n")).toMatch(/raise policy\.az\.rto \(10s\) to at least \d+s \(the measured p99\)/);
    const text = await runCli("assess", tight, "--seeds", SEEDS, "--parallel", "1");
    expect(text.stdout).toContain("BREACHED: aws_rds_cluster.Orders_");
    expect(text.stdout).toContain(`replay: ${worst?.replay}`);
  }, 120_000);

  test("a failover standby shrunk below the writer fails the capacity invariant: exit 1, no figure counts, and the message names the standby", async () => {
    const shrunk = withAzTarget("10s", (doc) => {
      for (const [k, i] of Object.entries(doc.resource.aws_rds_cluster_instance) as [string, PlanDoc][])
        if (k.includes("standby-b")) i.instance_class = "db.t4g.medium";
    });
    const { code, a } = await assessJson(shrunk);
    expect(code).toBe(1);
    expect(a?.verdict).toBe("invariant-failed");
    expect(disruption(a, "az").verdict).toBe("not-assessed");
    expect(disruption(a, "az").reason).toMatch(/runs 1×db\.t4g\.medium, the coordinator 1×db\.r6g\.large/);
    expect(a?.failures[0]?.replay).toMatch(/^cdktf-resilience replay /);
  }, 120_000);
});

describe("assess: what it cannot judge, it says, and never counts as met", () => {
  test("a plan without a resiliency policy is bad input: exit 2 with the fix", async () => {
    const plain = variantOf(aurora, (doc) => {
      delete doc.resource.aws_resiliencehub_resiliency_policy;
      for (const c of Object.values(doc.resource.aws_rds_cluster) as PlanDoc[]) delete c.tags["resilience:policy"];
    });
    const r = await runCli("assess", plain, "--seeds", "1", "--parallel", "1");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("holds no aws_resiliencehub_resiliency_policy");
    expect(r.stderr).toContain("add a ResiliencePolicy construct");
  });

  test("bad flags name the flag, the value and the fix", async () => {
    const r = await runCli("assess", aurora, "--seeds", "0");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--seeds/);
  });
});

describe("assess: a policy written in plain Terraform (a public module's plan, terraform show -json)", () => {
  test("is read and assessed the same way: the cluster's zone target met, the region target not assessable in one region", async () => {
    const fixture = join(__dirname, "fixtures/realworld/aurora-postgresql-policy.plan.json");
    const { code, a } = await assessJson(fixture);
    expect(code).toBe(0);
    expect(a?.policies.map((p) => [p.policy, p.tier, p.databases.map((d) => d.database)])).toEqual([
      ["orders-critical", "Critical", ["module.aurora.aws_rds_cluster.this[0]"]],
    ]);
    expect(disruption(a, "az")).toMatchObject({ verdict: "met", runs: 4 });
    expect(disruption(a, "region")).toMatchObject({ verdict: "not-assessed", reason: expect.stringMatching(/^single region/) });
  }, 120_000);
});
