import { describe, expect, test } from "vitest";
import { cloudFromTopology, FAST_PROFILE } from "../runtime/cloud";
import { diffPlans, failoverRows, lostAckedWrites, pairSpecsFromPlan, writeResumeBoundMs } from "../runtime/database";
import { parsePlan } from "../runtime/plan";
import { SeededRandom, Simulation } from "../runtime/sim";
import { synthExample } from "./helpers/examples";
import { CONFIG, MIN, pairHarness, ZONES } from "./helpers/pair";

const [A, B, C] = ZONES;
const ok = (h: ReturnType<typeof pairHarness>) => h.sim.checkers.results().filter((i) => !i.ok);

describe("the pair state machine", () => {
  const states = (h: ReturnType<typeof pairHarness>) => h.pair.controlPlane.states.map((s) => s.state);

  test("a coordinator zone lost and back: SINGLE → PAIRED → DETECTING → PROMOTING → SOLO → REPAIRING → PAIRED", () => {
    const h = pairHarness({ seed: 2 });
    h.sim.at(10 * MIN, "zone a dark for 20 min", () => h.sim.faults.powerLoss(A, { forMs: 20 * MIN }));
    h.run(60 * MIN);
    expect(states(h)).toEqual(["SINGLE", "PAIRED", "DETECTING", "PROMOTING", "SOLO", "REPAIRING", "PAIRED"]);
  });

  test("a config change: PAIRED ⇄ SYNCING", () => {
    const h = pairHarness({ seed: 2 });
    h.sim.at(5 * MIN, "resize", () => h.pair.controlPlane.reconfigure({ nodeCount: 2 }));
    h.run(30 * MIN);
    expect(states(h)).toEqual(["SINGLE", "PAIRED", "SYNCING", "PAIRED"]);
  });
});

describe("failover pair acceptance 3: plan round-trip", () => {
  test("the Redshift example loads as a pair: coordinator in zone a, supporting in another zone, equal counts, one key; editing number_of_nodes is a config diff", () => {
    const text = synthExample("redshift");
    const topology = parsePlan(text, "redshift/cdk.tf.json");
    const sim = new Simulation({ seed: 1, scenario: "plan" });
    const { cloud, ids } = cloudFromTopology(sim.env, topology, { profile: FAST_PROFILE });
    const [spec] = pairSpecsFromPlan({ topology, cloud, ids, profile: FAST_PROFILE, random: new SeededRandom(1) });
    expect(spec?.members).toEqual([
      { name: "c1", zone: "us-west-2a", role: "coordinator" },
      { name: "c2", zone: "us-west-2b", role: "supporting" },
    ]);
    expect(spec?.config).toMatchObject({ nodeType: "ra3.xlplus", nodeCount: 2, keyId: expect.stringMatching(/^aws_kms_key\./) });

    const json = JSON.parse(text);
    const [name] = Object.keys(json.resource.aws_redshift_cluster);
    json.resource.aws_redshift_cluster[name as string].number_of_nodes = 3;
    const edited = parsePlan(JSON.stringify(json), "redshift/cdk.tf.json");
    expect(diffPlans(topology, edited)).toEqual([{ database: `aws_redshift_cluster.${name}`, patch: { nodeCount: 3 } }]);
  });
});

describe("failover pair: standby capacity up front", () => {
  test("enable provisions the supporting cluster, running in another zone with the same type and count, before PAIRED", () => {
    const h = pairHarness({ seed: 1, profile: "fast", members: [{ name: "c1", zone: A, role: "coordinator" }] });
    const cp = h.pair.controlPlane;
    expect(cp.state).toBe("SINGLE");
    expect(cp.enable()).toBe(true);
    let seenBeforePaired: unknown;
    h.sim.runUntil(
      () => {
        const s = cp.clusters[1];
        if (cp.state !== "PAIRED" && s?.status === "running") seenBeforePaired = s;
        return cp.state === "PAIRED";
      },
      { withinMs: h.ms(20 * MIN) },
    );
    expect(cp.state).toBe("PAIRED");
    expect(cp.supporting).toMatchObject({ zone: B, status: "running", config: { nodeType: CONFIG.nodeType, nodeCount: CONFIG.nodeCount } });
    expect(h.story().map((l) => l.split(" ")[0])).toEqual(["provision", "paired"]);
    // The supporting cluster was running when the pair formed (the same event), never paired unprovisioned.
    expect(seenBeforePaired === undefined || (seenBeforePaired as { status: string }).status === "running").toBe(true);
    expect(ok(h)).toEqual([]);
  });

  test("with no capacity in any other zone, enable fails and leaves nothing behind", () => {
    const h = pairHarness({ seed: 1, profile: "fast", members: [{ name: "c1", zone: A, role: "coordinator" }], capacity: (z) => z === A });
    const cp = h.pair.controlPlane;
    expect(cp.enable()).toBe(false);
    expect([cp.state, cp.clusters.length, cp.provisions.length]).toEqual(["SINGLE", 1, 0]);
    expect(h.story()).toEqual([expect.stringMatching(/^enable-failed db\/warehouse reason=no-capacity/)]);
  });
});

describe("failover pair: the standby shares the load", () => {
  test("seed 42, 10,000 mixed requests: ≥ 20 % run on the supporting cluster, every result returns through the coordinator, no acknowledged write is lost, commits stay gapless, no result is stale", () => {
    const h = pairHarness({ seed: 42, profile: "fast", workload: { requestsPerTick: 4, requestsMax: 10_000 }, keepHistory: true });
    h.run(h.ms(60 * MIN), h.ms(1 * MIN));
    const { history, workload } = h.pair;
    expect(history.invokes).toHaveLength(10_000);
    const oks = history.completions.filter((c) => c.outcome === "ok");
    expect(oks.length).toBe(10_000);
    expect(oks.filter((c) => c.remote).length / oks.length).toBeGreaterThanOrEqual(0.2);
    expect(oks.every((c) => c.via === "c1" && c.viaRole === "coordinating")).toBe(true);
    expect(workload.counts.remote).toBe(oks.filter((c) => c.remote).length);
    expect(ok(h)).toEqual([]);
    // No acknowledged write lost, commits gapless and once, no stale results: each present, checked, held.
    const judged = h.sim.checkers
      .results()
      .filter((i) =>
        ["failover-pair/no-acknowledged-write-lost", "failover-pair/commits-gapless-and-once", "failover-pair/no-stale-results"].includes(
          i.id,
        ),
      );
    expect(judged).toHaveLength(3);
    expect(judged.every((i) => i.ok && i.checks > 0)).toBe(true);
  });
});

describe("failover pair: zone outage, promotion, re-pairing in a third zone", () => {
  const outage = () => {
    const h = pairHarness({ seed: 7, keepHistory: true });
    h.sim.at(10 * MIN, "zone a loses power for 2 h", () => h.sim.faults.powerLoss(A, { forMs: 120 * MIN }));
    const report = h.run(140 * MIN);
    return { h, report };
  };

  test("seed 7, zone a dark at 10 min for 2 h: detect → epoch+1 → transform → proxy switch in order; writes resume within the writes-resume bound; nothing acknowledged is lost", () => {
    const { h, report } = outage();
    const kinds = h.story().map((l) => l.split(" ")[0]);
    const order = ["detect", "fence", "transform", "switch"].map((k) => kinds.indexOf(k));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(h.story().find((l) => l.startsWith("fence"))).toBe("fence db/warehouse epoch=2");
    const [row] = failoverRows(h.pair);
    expect(row).toMatchObject({
      fromAz: A,
      toAz: B,
      fromInstance: "c1",
      toInstance: "c2",
      epoch: 2,
      lostAckedWrites: 0,
      cause: "coordinator-lost",
    });
    const firstAck = h.pair.history.firstAckAfter(row?.detectedAtMs ?? 0) ?? Number.POSITIVE_INFINITY;
    expect(firstAck - (row?.lastSeenAtMs ?? 0)).toBeLessThanOrEqual(writeResumeBoundMs(h.pair.spec.timing));
    expect(row?.rto.detectionMs).toBe(15_000);
    expect(row?.rto.clientOutageMs).toBeGreaterThan(0);
    // Requests in flight when the zone went dark ended as retryable errors.
    const inFlightLost = h.pair.history.completions.filter((c) => c.reason === "timeout" && c.atMs > 10 * MIN && c.atMs < 11 * MIN);
    expect(inFlightLost.length).toBeGreaterThan(0);
    expect(inFlightLost.every((c) => c.outcome === "retryable")).toBe(true);
    expect(lostAckedWrites(h.pair)).toBe(0);
    expect(report.ok).toBe(true);
  });

  test("after T_restore with zone a still dark, C3 in zone c matches C2's count, key and network; PAIRED; nothing placed in a or b", () => {
    const { h } = outage();
    const cp = h.pair.controlPlane;
    expect(cp.provisions.map((p) => p.zone)).toEqual([C]);
    const c3 = cp.cluster(cp.provisions[0]?.cluster as string);
    const row = failoverRows(h.pair)[0];
    expect(row?.repairedWith?.az).toBe(C);
    // Paired after T_restore (30 min from detection) and a provisioning time (5–15 min).
    expect((row?.repairedWith?.atMs ?? 0) - (row?.detectedAtMs ?? 0)).toBeGreaterThanOrEqual(35 * MIN);
    expect(c3?.config).toEqual(cp.coordinator.config);
    expect([cp.state, cp.coordinator.name, cp.supporting?.name, cp.supporting?.zone]).toEqual(["PAIRED", "c2", c3?.name, C]);
    // Zone a came back after the third zone was paired: keep-third releases C1.
    expect(cp.cluster("c1")?.status).toBe("released");
    expect(ok(h)).toEqual([]);
  });

  test("onRecoveredZone: move-back pairs with the old zone's cluster once it is back, and releases the third-zone cluster", () => {
    const h = pairHarness({ seed: 7, profile: "fast", onRecoveredZone: "move-back" });
    h.sim.at(h.ms(10 * MIN), "zone a dark", () => h.sim.faults.powerLoss(A, { forMs: h.ms(120 * MIN) }));
    h.run(h.ms(140 * MIN));
    const cp = h.pair.controlPlane;
    expect([cp.state, cp.coordinator.name, cp.supporting?.name]).toEqual(["PAIRED", "c2", "c1"]);
    expect(cp.clusters.find((c) => c.zone === C)?.status).toBe("released");
    expect(ok(h)).toEqual([]);
  });
});

describe("failover pair: a deposed coordinator that comes back", () => {
  test("seed 9, zone a cut off for 5 min with C1 alive: C1's later commits are fenced, none of its answers reaches a client; after healing C1 supports and C2 stays coordinator", () => {
    const h = pairHarness({ seed: 9, keepHistory: true });
    h.sim.at(10 * MIN, "zone a partitioned for 5 min", () => h.sim.faults.isolate({ zone: A }, { forMs: 5 * MIN }));
    const report = h.run(30 * MIN);
    const { storage, history, controlPlane: cp } = h.pair;
    const fenceAt = Number(h.lines.find((l) => l.includes(" fence db/warehouse epoch=2"))?.split(" ")[0]);
    expect(fenceAt).toBeGreaterThan(10 * MIN);
    expect(storage.commits.filter((c) => c.by === "c1" && c.atMs >= fenceAt)).toEqual([]);
    // The zombie was asked (clients in zone a kept reaching it through their proxy node) and refused by the fence.
    expect(history.completions.filter((c) => c.via === "c1" && c.reason === "fenced").length).toBeGreaterThan(0);
    expect(history.completions.filter((c) => c.via === "c1" && c.outcome === "ok" && c.atMs >= fenceAt)).toEqual([]);
    expect([cp.coordinator.name, cp.supporting?.name, cp.state, cp.epoch]).toEqual(["c2", "c1", "PAIRED", 2]);
    expect(h.sim.checkers.results().find((i) => i.id === "failover-pair/one-coordinator")).toMatchObject({ ok: true });
    expect(report.ok).toBe(true);
  });
});

describe("failover pair: config changes reach the standby", () => {
  const reconfigure = (mutants = {}) => {
    const h = pairHarness({ seed: 3, mutants, keepGoing: true });
    h.sim.at(5 * MIN, "resize 4 → 3, rotate the key, add a security group", () =>
      h.pair.controlPlane.reconfigure({ nodeCount: 3, keyId: "key-2", network: [...CONFIG.network, "sg-2"] }),
    );
    const report = h.run(30 * MIN);
    return { h, report };
  };

  test("resize, key rotation and a new security group reach the supporting cluster within T_sync; the old key is disabled only after both switched", () => {
    const { h, report } = reconfigure();
    const cp = h.pair.controlPlane;
    const want = { nodeType: CONFIG.nodeType, nodeCount: 3, keyId: "key-2", network: ["sg-1", "sg-2", "subnets-abc"] };
    expect([cp.coordinator.config, cp.supporting?.config, cp.state]).toEqual([want, want, "PAIRED"]);
    const at = (k: string) => Number(h.lines.find((l) => l.split(" ")[2] === k)?.split(" ")[0]);
    expect(at("synced") - at("reconfigure")).toBeLessThanOrEqual(h.pair.spec.timing.syncMs);
    expect(at("key-disabled")).toBeGreaterThanOrEqual(at("synced"));
    const synced = report.invariants.filter((i) => ["failover-pair/config-converges", "failover-pair/enabled-keys-only"].includes(i.id));
    expect(synced).toHaveLength(2);
    expect(synced.every((i) => i.ok)).toBe(true);
  });

  test("a mutant that skips the sync is a config-converges violation at a named step", () => {
    const { h, report } = reconfigure({ skipSync: true });
    const i10 = report.invariants.find((i) => i.id === "failover-pair/config-converges");
    expect(i10?.firstViolation?.message).toMatch(/supporting c2 has differed from the desired config for \d+ ms \(T_sync 600000 ms\)/);
    expect(i10?.firstViolation?.step).toBeGreaterThan(0);
    expect(i10?.firstViolation?.atMs).toBe(5 * MIN + h.pair.spec.timing.syncMs + 1_000);
  });

  test("a resize during a failover still ends with 3 nodes on both clusters (the desired config belongs to the pair)", () => {
    const h = pairHarness({ seed: 5 });
    h.sim.at(10 * MIN, "zone a dark", () => h.sim.faults.powerLoss(A, { forMs: 20 * MIN }));
    h.sim.at(10 * MIN + 20_000, "resize to 3 mid-failover", () => h.pair.controlPlane.reconfigure({ nodeCount: 3 }));
    const report = h.run(60 * MIN);
    const cp = h.pair.controlPlane;
    expect([cp.coordinator.config.nodeCount, cp.supporting?.config.nodeCount]).toEqual([3, 3]);
    expect(report.ok).toBe(true);
  });
});

describe("failover pair: the supporting cluster's zone fails", () => {
  test("seed 11, zone b dark: no promotion, epoch unchanged, the coordinator serves alone, remote plans rerun locally or fail retryable, the pair is rebuilt in zone c", () => {
    const h = pairHarness({ seed: 11, keepHistory: true });
    h.sim.at(10 * MIN, "zone b dark for 2 h", () => h.sim.faults.powerLoss(B, { forMs: 120 * MIN }));
    const report = h.run(130 * MIN);
    const cp = h.pair.controlPlane;
    expect(cp.failovers).toEqual([]);
    expect(cp.epoch).toBe(1);
    const lostAt = Number(h.lines.find((l) => l.includes(" supporting-lost db/warehouse"))?.split(" ")[0]);
    const solo = h.pair.history.completions.filter((c) => c.outcome === "ok" && c.atMs > lostAt + 5_000 && c.atMs < 40 * MIN);
    expect(solo.length).toBeGreaterThan(0);
    expect(solo.every((c) => c.executor === "c1" && !c.remote)).toBe(true);
    const hit = h.pair.history.completions.filter((c) => c.atMs >= 10 * MIN && c.atMs < lostAt + 5_000);
    expect(h.pair.workload.counts.rerunLocally + hit.filter((c) => c.outcome === "retryable").length).toBeGreaterThan(0);
    expect([cp.state, cp.coordinator.name, cp.supporting?.zone]).toEqual(["PAIRED", "c1", C]);
    expect(report.ok).toBe(true);
  });
});

describe("failover pair: double faults", () => {
  test("zone b fails while C1's zone is still dark: the pair is unavailable for a while, no safety invariant breaks, and it recovers once faults end", () => {
    const h = pairHarness({ seed: 13 });
    h.sim.at(10 * MIN, "zone a dark for 40 min", () => h.sim.faults.powerLoss(A, { forMs: 40 * MIN }));
    h.sim.at(20 * MIN, "zone b dark for 10 min", () => h.sim.faults.powerLoss(B, { forMs: 10 * MIN }));
    const report = h.run(60 * MIN, 30 * MIN);
    expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
    const cp = h.pair.controlPlane;
    expect([cp.state, cp.epoch >= 2]).toEqual(["PAIRED", true]);
    expect(lostAckedWrites(h.pair)).toBe(0);
  });
});
