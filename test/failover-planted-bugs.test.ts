/**
 * Bugs once planted by hand in the failover pair that every test and the campaign let through; each
 * is planted again here (a test-only mutant) and must be found, and the same run without it must
 * hold. Judged by invariants that read the clients' history or the plan, not the pair's own state.
 */
import { describe, expect, test } from "vitest";
import { emulateInternal } from "../runtime/emulation/emulate";
import { planFromJson } from "../runtime/plan";
import { synthAuroraExample } from "./helpers/examples";
import { CONFIG, MIN, pairHarness, ZONES } from "./helpers/pair";
import { runSeed } from "./helpers/pair-campaign";

const firstViolation = (r: ReturnType<typeof emulateInternal>) => r.result.invariants.find((i) => !i.ok);

describe("planted bugs in the failover pair are found", () => {
  test("the orphan check removed: a remote result from a stale executor reaches a client → no-stale-results", () => {
    let caught: ReturnType<typeof runSeed> | undefined;
    let seed = 0;
    for (seed = 1; seed <= 20 && !caught?.violation; seed++) caught = runSeed(seed, { noOrphanCheck: true });
    expect(caught?.violation?.invariant).toBe("failover-pair/no-stale-results");
    expect(caught?.violation?.message).toMatch(/ran remotely on c2/);
    expect(seed - 1).toBeLessThanOrEqual(3);
    expect(runSeed(caught?.seed ?? 1).violation).toBeUndefined();
  });

  test("pairing overwrites the standby's shape: a smaller standby must still fail capacity-in-advance", () => {
    const members = [
      { name: "c1", zone: ZONES[0], role: "coordinator" as const },
      { name: "c2", zone: ZONES[1], role: "supporting" as const, config: { ...CONFIG, nodeCount: 2 } },
    ];
    const h = pairHarness({ seed: 1, profile: "fast", members });
    expect(h.run(h.ms(1 * MIN)).failure).toMatchObject({
      invariant: "failover-pair/standby-capacity-in-advance",
      message: expect.stringMatching(/supporting c2 runs 2×ra3\.xlplus, the coordinator 4×ra3\.xlplus/),
    });
    // Planted, the overwrite hides the plan's smaller standby: the assertion above is what fails.
    const planted = pairHarness({ seed: 1, profile: "fast", members, mutants: { pairCopiesWriterShape: true } });
    expect(planted.run(planted.ms(1 * MIN)).failure).toBeUndefined();
  });
});

/** An Aurora cluster whose first-choice replica (tier 0) shares the writer's zone; the other zone's is tier 1. */
function auroraWithReplicaBesideWriter() {
  const instance = (zone: string, tier: number) => ({
    cluster_identifier: "${aws_rds_cluster.orders.id}",
    engine: "aurora-postgresql",
    instance_class: "db.r6g.large",
    availability_zone: zone,
    promotion_tier: tier,
  });
  return planFromJson({
    provider: { aws: { region: "eu-west-1" } },
    resource: {
      aws_rds_cluster: { orders: { cluster_identifier: "orders", engine: "aurora-postgresql" } },
      aws_rds_cluster_instance: {
        writer: instance("eu-west-1a", 0),
        beside: instance("eu-west-1a", 0),
        standby: instance("eu-west-1b", 1),
      },
    },
  });
}

describe("the supporting cluster is chosen in another zone", () => {
  test("without the other-zone filter, a tier-0 replica in the writer's zone becomes the standby → available-zones-only", () => {
    const topology = auroraWithReplicaBesideWriter();
    const planted = emulateInternal({ topology, scenario: "az-outage", seed: 1, profile: "fast", mutants: ["db.supportingAnyZone"] });
    expect(firstViolation(planted)).toMatchObject({
      id: "failover-pair/available-zones-only",
      firstViolation: { message: expect.stringMatching(/coordinator and supporting cluster are both in eu-west-1a/) },
    });
    const real = emulateInternal({ topology, scenario: "az-outage", seed: 1, profile: "fast" });
    expect(real.result.invariants.filter((i) => !i.ok).map((i) => i.id)).toEqual([]);
    expect(real.result.failovers.map((f) => f.toInstance)).toContain("aws_rds_cluster_instance.standby");
  });
});

describe("clients with fresh work are not starved by retries", () => {
  test("the Aurora example's zone-a drill, seed 42: retries taking every slot cut every client off → writes-flow-through-one-zone-out", () => {
    const topology = planFromJson(JSON.parse(synthAuroraExample()));
    const scenario = topology.fisTemplates.find((f) => f.address.includes("ZoneADrill"))?.address ?? "";
    const planted = emulateInternal({ topology, scenario, seed: 42, profile: "realistic", mutants: ["db.retriesFirst"] });
    expect(firstViolation(planted)).toMatchObject({ id: "failover-pair/writes-flow-through-one-zone-out" });
    const real = emulateInternal({ topology, scenario, seed: 42, profile: "realistic" });
    expect(real.result.invariants.filter((i) => !i.ok).map((i) => i.id)).toEqual([]);
  }, 60_000);
});
