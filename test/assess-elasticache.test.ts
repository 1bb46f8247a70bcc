/**
 * `assess` of the ElastiCache example: its clients are the replication group's, so each disruption
 * type is measured (zone power, node failure, engine crash, TestFailover), RPO included — Valkey
 * replicates asynchronously, so a failover loses what the promoted replica had not applied.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { emulate } from "../runtime/emulation/emulate";
import { planFromJson } from "../runtime/plan";
import { assessJson, disruption, withAzTarget } from "./helpers/assess-cli";
import { synthExample, writePlan } from "./helpers/examples";
import { type PlanDoc, runCli } from "./helpers/run-cli";

const SEEDS = "3";
const plan = writePlan(synthExample("elasticache"), "elasticache");

describe("assess: the ElastiCache example's policy, measured from the replication group's clients", () => {
  test("as built every target is met (exit 0); every type was measured by its own scenarios, and acknowledged writes were lost in some seed — RPO > 0 measured, within the 5s target", async () => {
    const { code, a } = await assessJson(plan, SEEDS);
    expect(code).toBe(0);
    expect(a?.verdict).toBe("met");
    expect(disruption(a, "az")).toMatchObject({
      verdict: "met",
      runs: 6,
      scenarios: ["az-outage --az ap-southeast-2a", "cache-az-power --az ap-southeast-2a"],
    });
    expect(disruption(a, "hardware")).toMatchObject({ verdict: "met", runs: 3, scenarios: ["cache-node-failure"] });
    expect(disruption(a, "software")).toMatchObject({ verdict: "met", runs: 6, scenarios: ["cache-engine-crash", "cache-test-failover"] });
    const all = ["az", "hardware", "software"].map((t) => disruption(a, t));
    for (const d of all) {
      expect(d.rto?.p50Ms).toBeGreaterThan(0);
      expect(d.rto?.maxMs).toBeLessThanOrEqual(60_000);
      expect(d.rpo?.maxMs).toBeLessThanOrEqual(5_000);
    }
    expect(all.some((d) => (d.measured ?? []).some((m) => m.acknowledgedWritesLost > 0))).toBe(true);
  }, 180_000);

  test("a zone RTO tightened below the measured p99 is breached: exit 1, the worst seed's replay reproduces its outage, and the advice says what ElastiCache alone took", async () => {
    const tight = withAzTarget(plan, "8s");
    const { code, a } = await assessJson(tight, SEEDS);
    expect(code).toBe(1);
    const az = disruption(a, "az");
    expect(az.verdict).toBe("breached");
    expect(az.rto?.breaches).toBeGreaterThan(0);
    const worst = az.worst;
    expect(worst?.replay).toMatch(
      /^cdktf-resilience replay \S+ --scenario (az-outage|cache-az-power) --seed \d+ --profile realistic --az ap-southeast-2a$/,
    );
    const topology = planFromJson(JSON.parse(readFileSync(tight, "utf8")), "replay");
    const scenario = worst?.scenario.split(" ")[0] as string;
    const again = emulate({ topology, scenario, seed: worst?.seed as number, az: "ap-southeast-2a", trace: { enabled: false } });
    expect(again.result.recovery?.find((r) => r.database.includes("Sessions"))?.longestOutageMs).toBe(worst?.rtoMs);
    const advice = az.advice?.join("\n") ?? "";
    expect(advice).toMatch(/DNS record moved/);
    expect(advice).toMatch(/raise policy\.az\.rto \(8s\) to at least \d+s|Raise the target to at least \d+s/);
    const text = await runCli("assess", tight, "--seeds", "1", "--parallel", "1");
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("BREACHED: aws_elasticache_replication_group.Sessions_");
  }, 180_000);

  test("with its nodes in two zones only, the zone breach's advice names the attributes that add a third (preferred_cache_cluster_azs, num_cache_clusters)", async () => {
    const twoZones = withAzTarget(plan, "8s", (doc) => {
      for (const g of Object.values(doc.resource.aws_elasticache_replication_group) as PlanDoc[]) {
        g.preferred_cache_cluster_azs = ["ap-southeast-2a", "ap-southeast-2b"];
        g.num_cache_clusters = 2;
      }
    });
    const { code, a } = await assessJson(twoZones, SEEDS);
    expect(code).toBe(1);
    expect(disruption(a, "az").advice?.join("\n")).toMatch(
      /Add a replica in a third zone \(preferred_cache_cluster_azs and num_cache_clusters/,
    );
  }, 180_000);
});
