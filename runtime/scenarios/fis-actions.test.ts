import { describe, expect, test } from "vitest";
import { cloudWorld, ordersCluster } from "../../test/helpers/cloud";
import { parsePlan } from "../plan/load-plan";
import type { FisTargetNode } from "../plan/topology-infrastructure";
import { SeededRandom } from "../sim/random";
import { type ExperimentTemplate, experimentProblems, runExperiment } from "./experiment";
import { FIS_ACTIONS } from "./fis-actions";
import { resolveTarget } from "./targets";

const none = { resources: [], resourceTags: {}, filters: [], parameters: {} };
const topology = parsePlan(
  JSON.stringify({
    resource: {
      aws_subnet: { a: { vpc_id: "v", availability_zone: "us-east-1a" }, b: { vpc_id: "v", availability_zone: "us-east-1b" } },
    },
  }),
);

/** A world with the orders cluster, an on-demand and a spot instance in zone b, and a cache group. */
function world() {
  const w = cloudWorld();
  ordersCluster(w.cloud);
  const place = { Placement: { AvailabilityZone: "us-east-1b" }, InstanceType: "r6g.large", MinCount: 1, MaxCount: 1 };
  w.cloud.call("RunInstances", place);
  w.cloud.call("RunInstances", { ...place, InstanceMarketOptions: { MarketType: "spot" } });
  w.cloud.elasticache.add({
    id: "sessions",
    automaticFailover: true,
    shards: [
      {
        id: "0001",
        nodes: [
          { id: "sessions-001", az: "us-east-1a" },
          { id: "sessions-002", az: "us-east-1b" },
        ],
      },
    ],
  });
  w.sim.runFor(60_000);
  return w;
}

function one(actionId: string, parameters: Record<string, string>, target?: Omit<FisTargetNode, "name">): ExperimentTemplate {
  const def = FIS_ACTIONS.get(actionId);
  return {
    description: actionId,
    emptyTargetResolution: "fail",
    targets: target ? [{ ...target, name: "t" }] : [],
    actions: [{ name: "act", actionId, startAfter: [], parameters, targets: def?.target ? { [def.target.key]: "t" } : {} }],
  };
}

function start(w: ReturnType<typeof world>, t: ExperimentTemplate) {
  expect(experimentProblems(t, (z) => w.cloud.zones.resolve(z) !== undefined)).toEqual([]);
  runExperiment("x", t, { sim: w.sim, cloud: w.cloud, topology, random: w.sim.env.random.fork("scenario") }, w.sim.nowMs);
}

describe("what each FIS action does to the mock cloud", () => {
  test("aws:rds:failover-db-cluster fails the target cluster over", () => {
    const w = world();
    start(w, one("aws:rds:failover-db-cluster", {}, { ...none, resourceType: "aws:rds:cluster", selectionMode: "ALL" }));
    w.sim.runFor(130_000);
    expect(w.cloud.rds.clusters.get("orders")?.writer).toBe("s");
  });

  test("aws:rds:reboot-db-instances restarts the target instances in place", () => {
    const w = world();
    start(
      w,
      one(
        "aws:rds:reboot-db-instances",
        { forceFailover: "false" },
        { ...none, resourceType: "aws:rds:db", selectionMode: "ALL", resources: [{ external: "w" }] },
      ),
    );
    w.sim.runFor(1);
    expect(w.cloud.rds.instances.get("w")?.status).toBe("rebooting");
    w.sim.runFor(60_000);
    expect([w.cloud.rds.instances.get("w")?.status, w.cloud.rds.clusters.get("orders")?.writer]).toEqual(["available", "w"]);
  });

  test("aws:ec2:send-spot-instance-interruptions: rebalance now, warning 2 minutes before the end, reclaim at the end", () => {
    const w = world();
    start(
      w,
      one(
        "aws:ec2:send-spot-instance-interruptions",
        { durationBeforeInterruption: "PT5M" },
        { ...none, resourceType: "aws:ec2:spot-instance", selectionMode: "ALL" },
      ),
    );
    w.sim.runFor(301_000);
    expect(w.traced("spot").map((l) => l.replace(/ i-\w+/, ""))).toEqual([
      "60000 spot rebalance-recommendation reason=experiment",
      "240000 spot interruption-warning reclaim-at=360000",
      "360000 spot reclaimed reason=experiment",
    ]);
  });

  test("aws:ec2:stop-instances stops the targets and starts them after the duration", () => {
    const w = world();
    start(
      w,
      one(
        "aws:ec2:stop-instances",
        { startInstancesAfterDuration: "PT10M" },
        { ...none, resourceType: "aws:ec2:instance", selectionMode: "ALL", filters: [{ path: "InstanceLifecycle", values: ["spot"] }] },
      ),
    );
    w.sim.runFor(60_000);
    const spot = w.cloud.ec2.list().find((i) => i.lifecycle === "spot");
    expect([spot?.state, spot?.stateReason?.Code]).toEqual(["stopped", "Client.UserInitiatedShutdown"]);
    w.sim.runFor(600_000);
    expect(spot?.state).toBe("running");
  });

  test("aws:network:disrupt-connectivity cuts the targeted subnets' zones off for the duration", () => {
    const w = world();
    start(
      w,
      one(
        "aws:network:disrupt-connectivity",
        { duration: "PT2M" },
        { ...none, resourceType: "aws:ec2:subnet", selectionMode: "ALL", parameters: { availabilityZoneIdentifier: "us-east-1b" } },
      ),
    );
    w.sim.runFor(1);
    expect([w.cloud.zones.isAvailable("us-east-1a"), w.cloud.zones.isAvailable("us-east-1b")]).toEqual([true, false]);
    w.sim.runFor(120_000);
    expect(w.cloud.zones.isAvailable("us-east-1b")).toBe(true);
  });

  test("aws:network:disrupt-connectivity with a scope the mock does not model says so and cuts nothing", () => {
    const w = world();
    start(
      w,
      one(
        "aws:network:disrupt-connectivity",
        { duration: "PT2M", scope: "s3" },
        { ...none, resourceType: "aws:ec2:subnet", selectionMode: "ALL" },
      ),
    );
    w.sim.runFor(1);
    expect([w.cloud.zones.isAvailable("us-east-1b"), w.traced("fis").at(-1)]).toEqual([
      true,
      "60000 fis act scope=s3 not modelled (only all and availability-zone cut actors off)",
    ]);
  });

  test("aws:ebs:pause-volume-io stalls the volumes and the actor disks bound to them", () => {
    const w = world();
    let synced = 0;
    w.sim.spawn("worker", {
      zone: "us-east-1b",
      boot: (ctx) => {
        const disk = ctx.disk("data", { sectorSizeBytes: 8, sectorCount: 1 });
        ctx.timers.every(1_000, "fsync", () => {
          disk.write(0, new Uint8Array(8));
          disk.sync(() => synced++);
        });
        return { receive() {} };
      },
    });
    w.sim.runFor(1);
    const [volume] = w.cloud.ebs.list();
    w.cloud.bindings.bindDisk(volume?.VolumeId as string, "worker", "data");
    start(
      w,
      one(
        "aws:ebs:pause-volume-io",
        { duration: "PT1M" },
        { ...none, resourceType: "aws:ec2:ebs-volume", selectionMode: "ALL", resources: [{ external: volume?.VolumeId as string }] },
      ),
    );
    w.sim.runFor(10_000);
    const during = synced;
    w.sim.runFor(40_000);
    expect([synced, w.cloud.ebs.get(volume?.VolumeId as string)?.VolumeStatus]).toEqual([during, "impaired"]);
    w.sim.runFor(20_000);
    expect(synced).toBeGreaterThan(during);
    expect(w.cloud.ebs.get(volume?.VolumeId as string)?.VolumeStatus).toBe("ok");
  });

  // The FIS actions reference lists aws:elasticache:replicationgroup-interrupt-az-power (AWS's template
  // library uses it); the id it launched with stays accepted, so older templates keep running.
  test.each(["aws:elasticache:replicationgroup-interrupt-az-power", "aws:elasticache:interrupt-cluster-az-power"])(
    "%s takes the target group's nodes in the target's zone down; the primary fails over",
    (actionId) => {
      const w = world();
      start(
        w,
        one(
          actionId,
          { duration: "PT10M" },
          {
            ...none,
            resourceType: "aws:elasticache:replicationgroup",
            selectionMode: "ALL",
            parameters: { availabilityZoneIdentifier: "use1-az1" },
          },
        ),
      );
      // Detection (at most 10 s) and promotion (at most 6 s) in the realistic profile.
      w.sim.runFor(17_000);
      expect(w.cloud.elasticache.list()[0]?.NodeGroups[0]?.NodeGroupMembers.map((m) => [m.CurrentRole, m.Status])).toEqual([
        ["replica", "unavailable"],
        ["primary", "available"],
      ]);
    },
  );

  test("aws:ec2:api-insufficient-instance-capacity-error fails the named roles' launches in the zones, for the duration", () => {
    const w = world();
    start(
      w,
      one(
        "aws:ec2:api-insufficient-instance-capacity-error",
        { duration: "PT10M", availabilityZoneIdentifiers: "us-east-1b", percentage: "100" },
        { ...none, resourceType: "aws:iam:role", selectionMode: "ALL", resources: [{ external: "arn:aws:iam::1:role/app" }] },
      ),
    );
    w.sim.runFor(1);
    const launch = (principal: string) =>
      w.cloud.call(
        "RunInstances",
        { InstanceType: "m5.large", MinCount: 1, MaxCount: 1, Placement: { AvailabilityZone: "us-east-1b" } },
        principal,
      ).ok;
    expect([launch("arn:aws:iam::1:role/app"), launch("arn:aws:iam::1:role/other")]).toEqual([false, true]);
    w.sim.runFor(600_000);
    expect(launch("arn:aws:iam::1:role/app")).toBe(true);
  });

  test("aws:ec2:asg-insufficient-instance-capacity-error keeps the target groups from launching in the zones", () => {
    const w = world();
    w.cloud.autoScaling.add({
      name: "pool",
      desired: 0,
      zones: ["us-east-1b"],
      instanceTypes: ["m5.large"],
      onDemandBase: 0,
      onDemandPercentAboveBase: 100,
      capacityRebalance: false,
      tags: [],
    });
    start(
      w,
      one(
        "aws:ec2:asg-insufficient-instance-capacity-error",
        { duration: "PT10M", availabilityZoneIdentifiers: "us-east-1b" },
        { ...none, resourceType: "aws:ec2:autoscaling-group", selectionMode: "ALL" },
      ),
    );
    w.sim.runFor(1);
    const launch = (principal: string) => w.cloud.ec2.launch({ type: "m5.large", az: "us-east-1b", count: 1, principal }).ok;
    expect([launch("autoscaling:pool"), launch("autoscaling:other")]).toEqual([false, true]);
  });

  test("sim:az:power-loss takes the whole zone down for the duration", () => {
    const w = world();
    start(w, one("sim:az:power-loss", { availabilityZoneIdentifier: "use1-az2", duration: "PT30M" }));
    w.sim.runFor(1);
    expect([w.cloud.zones.isPowered("us-east-1b"), w.cloud.ec2.list().map((i) => i.state)]).toEqual([false, ["stopped", "stopped"]]);
    w.sim.runFor(1_800_000);
    expect(w.cloud.zones.isPowered("us-east-1b")).toBe(true);
  });
});

describe("target selection", () => {
  const pick = (w: ReturnType<typeof world>, target: Omit<FisTargetNode, "name">, seed = 1) =>
    resolveTarget({ ...target, name: "t" }, w.cloud, topology, new SeededRandom(seed), (z) => w.cloud.zones.resolve(z) ?? z).map(
      (r) => r.id,
    );

  test("ARNs, ids and plan addresses name resources; tags and describe-path filters narrow them", () => {
    const w = world();
    expect(
      pick(w, {
        ...none,
        resourceType: "aws:rds:db",
        selectionMode: "ALL",
        resources: [{ external: "arn:aws:rds:us-east-1:123456789012:db:s" }, { external: "r" }],
      }),
    ).toEqual(["s", "r"]);
    expect(
      pick(w, {
        ...none,
        resourceType: "aws:rds:db",
        selectionMode: "ALL",
        filters: [{ path: "AvailabilityZone", values: ["us-east-1a", "us-east-1c"] }],
      }),
    ).toEqual(["w", "r"]);
    expect(
      pick(w, {
        ...none,
        resourceType: "aws:rds:cluster",
        selectionMode: "ALL",
        filters: [{ path: "DBClusterMembers.PromotionTier", values: ["2"] }],
      }),
    ).toEqual(["orders"]);
    expect(
      pick(w, {
        ...none,
        resourceType: "aws:rds:cluster",
        selectionMode: "ALL",
        parameters: { writerAvailabilityZoneIdentifiers: "us-east-1b" },
      }),
    ).toEqual([]);
    expect(
      pick(w, { ...none, resourceType: "aws:ec2:subnet", selectionMode: "ALL", parameters: { availabilityZoneIdentifier: "us-east-1b" } }),
    ).toEqual(["aws_subnet.b"]);
  });

  test("COUNT(n) and PERCENT(n) choose at random from the seed (percent rounds down, at least one)", () => {
    const w = world();
    const dbs = { ...none, resourceType: "aws:rds:db" };
    expect(pick(w, { ...dbs, selectionMode: "COUNT(2)" })).toHaveLength(2);
    expect(pick(w, { ...dbs, selectionMode: "COUNT(9)" })).toHaveLength(3);
    expect(pick(w, { ...dbs, selectionMode: "PERCENT(50)" })).toHaveLength(1);
    expect(pick(w, { ...dbs, selectionMode: "PERCENT(10)" })).toHaveLength(1);
    expect(pick(w, { ...dbs, selectionMode: "PERCENT(100)" })).toHaveLength(3);
    const choices = new Set(Array.from({ length: 12 }, (_, s) => pick(w, { ...dbs, selectionMode: "COUNT(1)" }, s)[0]));
    expect(choices.size).toBeGreaterThan(1);
    expect(pick(w, { ...dbs, selectionMode: "COUNT(1)" }, 5)).toEqual(pick(w, { ...dbs, selectionMode: "COUNT(1)" }, 5));
  });
});
