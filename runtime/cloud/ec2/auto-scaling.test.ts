import { describe, expect, test } from "vitest";
import { cloudWorld } from "../../../test/helpers/cloud";

const group = {
  name: "pool",
  desired: 4,
  zones: ["us-east-1a", "us-east-1b"],
  instanceTypes: ["r6g.large", "r5.large"],
  onDemandBase: 1,
  onDemandPercentAboveBase: 0,
  capacityRebalance: false,
  tags: [],
};

describe("Auto Scaling groups", () => {
  test("a group launches its desired capacity, base on-demand and the rest spot, balanced across its zones", () => {
    const { cloud } = cloudWorld();
    cloud.autoScaling.add(group);
    expect(cloud.autoScaling.members("pool").map((i) => [i.az, i.lifecycle])).toEqual([
      ["us-east-1a", "on-demand"],
      ["us-east-1b", "spot"],
      ["us-east-1a", "spot"],
      ["us-east-1b", "spot"],
    ]);
  });

  test("members stopped by a zone power loss are replaced in the zone that is up", () => {
    const { sim, cloud } = cloudWorld();
    cloud.autoScaling.add(group);
    sim.runFor(60_000);
    cloud.zones.losePower("us-east-1a", { forMs: 1_800_000 });
    sim.runFor(120_000);
    const members = cloud.autoScaling.members("pool");
    expect(members.map((i) => i.az)).toEqual(["us-east-1b", "us-east-1b", "us-east-1b", "us-east-1b"]);
    expect(members.filter((i) => i.lifecycle === "on-demand")).toHaveLength(1);
    expect(
      cloud.ec2
        .list()
        .filter((i) => i.az === "us-east-1a")
        .map((i) => i.state),
    ).toEqual(["terminated", "terminated"]);
  });

  test("when no zone has capacity the group retries, and fills up once capacity returns", () => {
    const { sim, cloud, traced } = cloudWorld({ capacity: { slotsPerPool: 0 } });
    cloud.autoScaling.add({ ...group, desired: 1, instanceTypes: ["r6g.large"] });
    expect(cloud.autoScaling.members("pool")).toEqual([]);
    expect(traced("asg").at(-1)).toBe("0 asg pool launch-failed on-demand reason=InsufficientInstanceCapacity");
    expect(traced("capacity")).toHaveLength(2);
    sim.runFor(200_000);
    expect(traced("asg").length).toBeGreaterThan(2);
  });

  test("with capacity rebalancing, a rebalance recommendation starts the replacement before the reclaim", () => {
    const { sim, cloud } = cloudWorld();
    cloud.autoScaling.add({ ...group, desired: 2, onDemandBase: 0, capacityRebalance: true });
    sim.runFor(60_000);
    const [victim] = cloud.autoScaling.members("pool");
    cloud.ec2.interruptSpot(victim?.id as string, "experiment");
    sim.runFor(10_000);
    expect(cloud.autoScaling.members("pool")).toHaveLength(3);
    sim.runFor(120_000);
    expect(cloud.autoScaling.members("pool").map((i) => i.id)).not.toContain(victim?.id);
  });
});
