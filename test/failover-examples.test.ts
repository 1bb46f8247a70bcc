import { beforeAll, describe, expect, test } from "vitest";
import { emulate } from "../runtime/emulation";
import { parsePlan, type Topology } from "../runtime/plan";
import { synthExample } from "./helpers/examples";

const topologies = new Map<string, Topology>();
beforeAll(() => {
  for (const name of ["aurora-postgres", "redshift"]) topologies.set(name, parsePlan(synthExample(name), `${name}/cdk.tf.json`));
});

const run = (name: string, seed: number, profile: "realistic" | "fast" = "realistic") =>
  emulate({ topology: topologies.get(name) as Topology, scenario: "az-outage", seed, profile });

describe("az-outage on the examples drives the failover pair", () => {
  test.each([
    ["aurora-postgres", "us-east-1a", "us-east-1b", "aws_rds_cluster.Orders_"],
    ["redshift", "us-west-2a", "us-west-2b", "aws_redshift_cluster.Warehouse_"],
  ])(
    "%s: a cross-AZ failover, re-paired with the recovered zone, no acknowledged write lost, RTO split into detection, promotion and switch",
    (name, from, to, resource) => {
      const { result } = run(name, 7);
      expect(result.failovers).toHaveLength(1);
      const [f] = result.failovers;
      expect(f).toMatchObject({
        fromAz: from,
        toAz: to,
        model: "failover-pair",
        cause: "coordinator-lost",
        epoch: 2,
        lostAckedWrites: 0,
        repairedWith: { az: from },
      });
      expect(f?.resource.startsWith(resource)).toBe(true);
      const rto = f?.rto as NonNullable<typeof f>["rto"] & {};
      expect(rto.detectionMs).toBe(15_000);
      expect((f?.lastSeenAtMs ?? 0) + rto.detectionMs + rto.promotionMs + rto.switchMs).toBe(f?.completedAtMs);
      // What clients saw is measured from their own history and is at least the control-plane event.
      // The fault lands within one 5 s probe period after the last probe that saw the coordinator.
      expect(rto.clientOutageMs).toBeGreaterThanOrEqual((f?.completedAtMs ?? 0) - (f?.lastSeenAtMs ?? 0) - 5_000);
      expect(result.invariants.filter((i) => i.id.startsWith("failover-pair/")).map((i) => [i.id, i.ok, i.checks > 0])).toEqual(
        result.invariants.filter((i) => i.id.startsWith("failover-pair/")).map((i) => [i.id, true, true]),
      );
      expect(result.invariants.filter((i) => i.id.startsWith("failover-pair/"))).toHaveLength(16);
    },
  );

  test("seed 123 twice gives byte-identical results and traces; seed 124 another trace, every invariant held", () => {
    const a = run("redshift", 123);
    const b = run("redshift", 123);
    const c = run("redshift", 124);
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
    expect(c.result.traceHash).not.toBe(a.result.traceHash);
    expect(c.result.invariants.every((i) => i.ok)).toBe(true);
  });

  test("writer-crash on Aurora: every invariant holds, and a failover re-pairs with the restarted writer as soon as it is back", () => {
    const { result } = emulate({ topology: topologies.get("aurora-postgres") as Topology, scenario: "writer-crash", seed: 2 });
    expect(result.invariants.every((i) => i.ok)).toBe(true);
    for (const f of result.failovers) expect(f.repairedWith?.az).toBe(f.fromAz);
  });
});
