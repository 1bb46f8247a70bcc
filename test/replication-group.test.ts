/**
 * The ElastiCache replication group's clients, on the example's plan: what a failover costs them,
 * judged against what AWS documents (promotion after the primary is lost, the primary endpoint's
 * DNS following the promoted replica, asynchronous replication losing what the replica had not
 * applied), and planted bugs each invariant must catch.
 */
import { describe, expect, test } from "vitest";
import { REALISTIC_PROFILE } from "../runtime/cloud/timing-profile";
import { emulateInternal } from "../runtime/emulation/emulate";
import { planFromJson } from "../runtime/plan";
import { synthExample } from "./helpers/examples";

const topology = planFromJson(JSON.parse(synthExample("elasticache")), "elasticache");
const GROUP = "aws_elasticache_replication_group.Sessions_8896A56D";
const P = REALISTIC_PROFILE;

function run(scenario: string, seed: number, mutants: string[] = []) {
  return emulateInternal({ topology, scenario, seed, profile: "realistic", trace: { enabled: false }, mutants }).result;
}

describe("replication group: a lost primary, as its clients see it", () => {
  test.each(["az-outage", "cache-az-power", "cache-node-failure", "cache-engine-crash"])(
    "%s: a replica in another zone is promoted, the endpoint follows it, and the outage clients saw spans detection + promotion + DNS update, bounded by the profile's slowest of each plus the endpoint TTL",
    (scenario) => {
      for (const seed of [1, 2, 3]) {
        const r = run(scenario, seed);
        expect(r.invariants.every((i) => i.ok)).toBe(true);
        const f = r.failovers.find((x) => x.resource === GROUP);
        expect(f?.model).toBe("replication-group");
        expect(f?.fromAz).toBe("ap-southeast-2a");
        expect(f?.toAz).not.toBe("ap-southeast-2a");
        const rto = f?.rto;
        if (!rto) throw new Error("no recovery split on the failover row");
        expect(rto.detectionMs).toBeGreaterThanOrEqual(P.elasticacheDetectionMs.minMs);
        expect(rto.detectionMs).toBeLessThanOrEqual(P.elasticacheDetectionMs.maxMs);
        expect(rto.promotionMs).toBeGreaterThanOrEqual(P.elasticacheFailoverMs.minMs);
        expect(rto.promotionMs).toBeLessThanOrEqual(P.elasticacheFailoverMs.maxMs);
        expect(rto.switchMs).toBeLessThanOrEqual(P.elasticacheDnsUpdateMs.maxMs);
        // Writes cannot resume before the promotion completes and the endpoint names the new primary.
        expect(rto.clientOutageMs).toBeGreaterThanOrEqual(rto.detectionMs + rto.promotionMs + rto.switchMs);
        const bound =
          P.elasticacheDetectionMs.maxMs +
          P.elasticacheFailoverMs.maxMs +
          P.elasticacheDnsUpdateMs.maxMs +
          P.elasticacheEndpointTtlMs +
          P.elasticacheClientTimeoutMs +
          1_000;
        const recovery = r.recovery?.find((x) => x.database === GROUP);
        expect(recovery?.measuredBy).toBe("clients");
        expect(recovery?.longestOutageMs).toBeGreaterThan(0);
        expect(recovery?.longestOutageMs).toBeLessThanOrEqual(bound);
      }
    },
    120_000,
  );

  test("replication is asynchronous: across seeds some acknowledged writes are lost on failover (RPO > 0 is measured, not assumed), each loss within the replication lag", () => {
    const rows = [1, 2, 3, 4, 5].map((seed) => run("az-outage", seed).recovery?.find((x) => x.database === GROUP));
    expect(rows.some((r) => (r?.acknowledgedWritesLost ?? 0) > 0)).toBe(true);
    for (const r of rows) expect(r?.dataLossWindowMs ?? 0).toBeLessThanOrEqual(P.elasticacheReplicationLagMs.maxMs + 100);
  }, 120_000);

  test("TestFailover: the old primary, demoted, answers READONLY to clients still holding its address; the stretch ends once their DNS answer expires", () => {
    const r = run("cache-test-failover", 1);
    expect(r.invariants.every((i) => i.ok)).toBe(true);
    const f = r.failovers.find((x) => x.resource === GROUP);
    expect(f?.cause).toBe("planned");
    expect(f?.rto?.detectionMs).toBe(0);
    const recovery = r.recovery?.find((x) => x.database === GROUP);
    expect(recovery?.longestOutageMs).toBeGreaterThan(0);
    expect(recovery?.longestOutageMs).toBeLessThanOrEqual(
      P.elasticacheFailoverMs.maxMs + P.elasticacheDnsUpdateMs.maxMs + P.elasticacheEndpointTtlMs + 1_000,
    );
  }, 60_000);
});

describe("replication group: planted bugs are caught by the invariant that names them", () => {
  const failed = (r: ReturnType<typeof run>) => r.invariants.filter((i) => !i.ok).map((i) => i.id);

  test.each([
    ["rg.replicaStopsApplying", "az-outage", "replication-group/loss-within-replication-lag"],
    ["rg.keepOldPrimaryWritable", "cache-test-failover", "replication-group/one-writable-primary"],
    ["rg.readonlyWritesLeak", "cache-test-failover", "replication-group/reads-return-acknowledged-writes"],
  ])(
    "%s under %s fails %s (and the same run without it holds)",
    (mutant, scenario, id) => {
      expect(failed(run(scenario, 1))).toEqual([]);
      const bad = run(scenario, 1, [mutant]);
      expect(failed(bad)).toContain(id);
      expect(bad.invariants.find((i) => i.id === id)?.firstViolation?.message).toMatch(/Sessions_8896A56D shard/);
    },
    60_000,
  );
});
