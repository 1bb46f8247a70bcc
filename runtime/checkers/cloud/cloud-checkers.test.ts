import { describe, expect, test } from "vitest";
import { cloudWorld, ordersCluster } from "../../../test/helpers/cloud";
import { capacityBooksBalance } from "./capacity-books-balance";
import { spotNoticeBeforeReclaim } from "./spot-notice-before-reclaim";
import { writerAfterRecovery } from "./writer-after-recovery";

const run = (az: string) => ({ InstanceType: "r6g.large", MinCount: 1, MaxCount: 1, Placement: { AvailabilityZone: az } });

describe("the mock cloud's invariants catch what they guard", () => {
  test("capacity books: a planted double booking (a reservation granted over running instances) fails at the next EC2 event", () => {
    const { sim, cloud } = cloudWorld({ capacity: { slotsPerPool: 1 } });
    sim.checkers.add(capacityBooksBalance(cloud.ec2.pools));
    cloud.call("RunInstances", run("us-east-1a"));
    cloud.ec2.pools.reservations.push({
      id: "cr-planted",
      type: "r6g.large",
      platform: "Linux/UNIX",
      az: "us-east-1a",
      total: 1,
      criteria: "open",
      state: "active",
      tags: [],
    });
    sim.runFor(60_000);
    expect(sim.failure).toMatchObject({
      kind: "correctness",
      invariant: "cloud/capacity-books-balance",
      message: "pool us-east-1a/r6g.large holds 2 slots but has 1",
    });
  });

  test("spot notice: a reclaim through the spot market passes; a planted reclaim without warning fails", () => {
    const good = cloudWorld();
    good.sim.checkers.add(spotNoticeBeforeReclaim(120_000));
    const r = good.cloud.call("RunInstances", { ...run("us-east-1b"), InstanceMarketOptions: { MarketType: "spot" } });
    good.cloud.ec2.interruptSpot(r.ok ? (r.value.Instances[0]?.InstanceId as string) : "", "experiment");
    good.sim.runFor(200_000);
    expect([good.sim.failure, good.sim.checkers.results()[0]?.checks]).toEqual([undefined, expect.any(Number)]);

    const bad = cloudWorld();
    bad.sim.checkers.add(spotNoticeBeforeReclaim(120_000));
    bad.sim.at(5_000, "a broken market reclaims at once", () =>
      bad.sim.env.trace.scoped("i-1").record("spot", "reclaimed reason=capacity", { what: "reclaimed", instanceId: "i-1" }),
    );
    bad.sim.runFor(10_000);
    expect(bad.sim.failure).toMatchObject({
      invariant: "cloud/spot-notice-before-reclaim",
      message: "i-1 was reclaimed at 5000 ms without an interruption warning",
    });
  });

  test("writer after recovery: a cluster left without a writer after the quiet phase is a liveness failure naming it", () => {
    const { sim, cloud } = cloudWorld({ rds: { managedFailover: false } });
    const c = ordersCluster(cloud);
    sim.checkers.add(writerAfterRecovery({ clusters: () => [{ id: c.id, writer: cloud.rds.writerAvailable(c)?.id }] }));
    sim.at(1_000, "the writer's host fails for good", () =>
      cloud.rds.instanceFailed(cloud.rds.instances.get("w") as never, "host failure"),
    );
    const report = sim.run({ faultPhaseMs: 10_000, quietPhaseMs: 600_000 });
    expect(report.failure).toMatchObject({
      kind: "liveness",
      invariant: "cloud/writer-after-recovery",
      message: "pending: no available writer in orders",
    });
  });
});
