import { describe, expect, test } from "vitest";
import { cloudWorld, ordersCluster } from "../../../test/helpers/cloud";

describe("RDS describe calls", () => {
  test("DescribeDBClusters shows members, writer, endpoints and the restorable window", () => {
    const { cloud } = cloudWorld();
    ordersCluster(cloud);
    expect(cloud.call("DescribeDBClusters", { DBClusterIdentifier: "orders" })).toMatchObject({
      ok: true,
      value: {
        DBClusters: [
          {
            Status: "available",
            Endpoint: "orders.cluster-mock.us-east-1.rds.amazonaws.com",
            MultiAZ: true,
            DBClusterMembers: [
              { DBInstanceIdentifier: "w", IsClusterWriter: true, PromotionTier: 0 },
              { DBInstanceIdentifier: "s", IsClusterWriter: false, PromotionTier: 1 },
              { DBInstanceIdentifier: "r", IsClusterWriter: false, PromotionTier: 2 },
            ],
            EarliestRestorableTime: 0,
            LatestRestorableTime: 0,
          },
        ],
      },
    });
    expect(cloud.call("DescribeDBInstances", { DBInstanceIdentifier: "s" })).toMatchObject({
      ok: true,
      value: { DBInstances: [{ AvailabilityZone: "us-east-1b", DBInstanceStatus: "available", Endpoint: { Port: 5432 } }] },
    });
  });

  test.each([
    ["DescribeDBClusters", { DBClusterIdentifier: "nope" }, "DBClusterNotFoundFault"],
    ["DescribeDBInstances", { DBInstanceIdentifier: "nope" }, "DBInstanceNotFound"],
  ] as const)("%s of an unknown resource fails with %s", (op, req, code) => {
    const { cloud } = cloudWorld();
    expect(cloud.call(op, req)).toMatchObject({ ok: false, error: { code, retryable: false } });
  });
});

describe("FailoverDBCluster", () => {
  test("promotes the replica AWS's rule picks (lowest tier), emits the started and completed events, and moves the endpoint", () => {
    const { sim, cloud, traced } = cloudWorld();
    const c = ordersCluster(cloud);
    expect(cloud.call("FailoverDBCluster", { DBClusterIdentifier: "orders" })).toMatchObject({
      ok: true,
      value: { DBCluster: { Status: "failing-over" } },
    });
    expect(cloud.call("FailoverDBCluster", { DBClusterIdentifier: "orders" })).toMatchObject({
      ok: false,
      error: { code: "InvalidDBClusterStateFault", retryable: true },
    });
    sim.runFor(130_000);
    expect([c.writer, c.status]).toEqual(["s", "available"]);
    expect(cloud.dns.lookup("orders.cluster-mock.us-east-1.rds.amazonaws.com")?.values).toEqual(["s.mock.us-east-1.rds.amazonaws.com"]);
    const events = traced("event").map((l) => l.replace(/^\d+ /, ""));
    expect(events.filter((l) => l.includes("RDS DB Cluster Event"))).toHaveLength(2);
    expect(cloud.rds.failovers).toMatchObject([
      { resource: "orders", fromInstance: "w", toInstance: "s", repairedWith: { az: "us-east-1a" } },
    ]);
    expect(traced("rds").filter((l) => l.includes("failover"))).toHaveLength(2);
  });

  test("a named target is promoted; bad targets fail with AWS's errors", () => {
    const { sim, cloud } = cloudWorld();
    const c = ordersCluster(cloud);
    expect(cloud.call("FailoverDBCluster", { DBClusterIdentifier: "orders", TargetDBInstanceIdentifier: "nope" })).toMatchObject({
      ok: false,
      error: { code: "DBInstanceNotFound" },
    });
    expect(cloud.call("FailoverDBCluster", { DBClusterIdentifier: "orders", TargetDBInstanceIdentifier: "w" })).toMatchObject({
      ok: false,
      error: { code: "InvalidDBInstanceState" },
    });
    expect(cloud.call("FailoverDBCluster", { DBClusterIdentifier: "nope" })).toMatchObject({
      ok: false,
      error: { code: "DBClusterNotFoundFault" },
    });
    cloud.call("FailoverDBCluster", { DBClusterIdentifier: "orders", TargetDBInstanceIdentifier: "r" });
    sim.runFor(130_000);
    expect(c.writer).toBe("r");
  });

  test("a cluster without a replica cannot fail over", () => {
    const { cloud, traced } = cloudWorld();
    cloud.rds.addCluster({ id: "solo", engine: "aurora-mysql", kind: "aurora", zones: ["us-east-1a"], storageEncrypted: false });
    cloud.rds.addInstance({ id: "only", clusterId: "solo", instanceClass: "db.r6g.large", az: "us-east-1a", promotionTier: 0 });
    expect(cloud.call("FailoverDBCluster", { DBClusterIdentifier: "solo" })).toMatchObject({
      ok: false,
      error: { code: "InvalidDBClusterStateFault" },
    });
    expect(traced("rds").at(-1)).toBe("0 rds solo failover-failed reason=no-replica-to-promote");
  });
});

describe("managed failover when the writer's zone loses power", () => {
  test("the same-size standby in another zone becomes the writer within the Aurora failover time, and the old writer rejoins as a reader", () => {
    const { sim, cloud, traced } = cloudWorld();
    const c = ordersCluster(cloud);
    sim.at(60_000, "zone a loses power for 30 min", () => cloud.zones.losePower("us-east-1a", { forMs: 1_800_000 }));
    sim.runFor(60_000 + 130_000);
    expect([c.writer, cloud.rds.instances.get("w")?.status]).toEqual(["s", "failed"]);
    const [f] = cloud.rds.failovers;
    expect(f).toMatchObject({ resource: "orders", fromAz: "us-east-1a", toAz: "us-east-1b", fromInstance: "w", toInstance: "s" });
    expect(f?.detectedAtMs).toBeGreaterThanOrEqual(61_000);
    expect(f?.detectedAtMs).toBeLessThanOrEqual(65_000);
    expect((f?.completedAtMs ?? 0) - 60_000).toBeLessThanOrEqual(125_000);
    expect(f?.clientOutageMs).toBe((f?.completedAtMs ?? 0) + 5_000 - 60_000);
    sim.runFor(1_800_000 + 300_000);
    expect([cloud.rds.instances.get("w")?.status, c.writer]).toEqual(["available", "s"]);
    expect(f?.repairedWith?.az).toBe("us-east-1a");
    expect(
      traced("rds")
        .filter((l) => !l.startsWith("0 "))
        .map((l) => l.replace(/^\d+ /, "").replace(/takes=\d+ms/, "takes=…")),
    ).toEqual([
      'rds w status=failed reason="zone power loss"',
      "rds orders failover-start cause=writer-lost from=w(us-east-1a) to=s(us-east-1b) takes=…",
      "rds orders failover-complete writer=s az=us-east-1b",
      "rds w status=rebooting reason=power-restored",
      "rds w status=available role=reader",
    ]);
  });

  test("with managed failover off, RDS leaves the cluster without a writer for a controller to act", () => {
    const { sim, cloud } = cloudWorld({ rds: { managedFailover: false } });
    const c = ordersCluster(cloud);
    cloud.zones.losePower("us-east-1a", { forMs: 600_000 });
    sim.runFor(300_000);
    expect([c.writer, cloud.rds.writerAvailable(c)]).toEqual(["w", undefined]);
  });
});

describe("RebootDBInstance and CreateDBInstance", () => {
  test("a reboot restarts the instance in place (bound actors crash and boot with it); Aurora keeps its writer", () => {
    const { sim, cloud } = cloudWorld();
    const c = ordersCluster(cloud);
    let boots = 0;
    sim.spawn("engine-w", {
      zone: "us-east-1a",
      boot: () => {
        boots++;
        return { receive() {} };
      },
    });
    cloud.bindings.bind("w", "engine-w");
    expect(cloud.call("RebootDBInstance", { DBInstanceIdentifier: "w", ForceFailover: true })).toMatchObject({
      ok: true,
      value: { DBInstance: { DBInstanceStatus: "rebooting" } },
    });
    expect([sim.env.actor("engine-w")?.up, cloud.rds.writerAvailable(c)]).toEqual([false, undefined]);
    expect(cloud.call("RebootDBInstance", { DBInstanceIdentifier: "w" })).toMatchObject({
      ok: false,
      error: { code: "InvalidDBInstanceState" },
    });
    sim.runFor(60_000);
    expect([sim.env.actor("engine-w")?.up, boots, cloud.rds.writerAvailable(c)?.id, c.writer]).toEqual([true, 2, "w", "w"]);
    expect(cloud.call("RebootDBInstance", { DBInstanceIdentifier: "nope" })).toMatchObject({
      ok: false,
      error: { code: "DBInstanceNotFound" },
    });
  });

  test("a Multi-AZ DB cluster's writer reboots through a failover when asked", () => {
    const { sim, cloud } = cloudWorld();
    cloud.rds.addCluster({ id: "maz", engine: "postgres", kind: "multi-az-cluster", zones: cloud.zones.names(), storageEncrypted: true });
    for (const [i, z] of ["a", "b", "c"].entries())
      cloud.rds.addInstance({
        id: `maz-${z}`,
        clusterId: "maz",
        instanceClass: "db.m6gd.large",
        az: `us-east-1${z}`,
        promotionTier: i === 0 ? 0 : 1,
      });
    cloud.call("RebootDBInstance", { DBInstanceIdentifier: "maz-a", ForceFailover: true });
    sim.runFor(35_000);
    expect(cloud.rds.clusters.get("maz")?.writer).not.toBe("maz-a");
  });

  test("CreateDBInstance adds a creating instance that becomes available; duplicates and dark zones fail", () => {
    const { sim, cloud } = cloudWorld();
    ordersCluster(cloud);
    expect(
      cloud.call("CreateDBInstance", { DBInstanceIdentifier: "x", DBClusterIdentifier: "orders", DBInstanceClass: "db.r6g.large" }),
    ).toMatchObject({
      ok: true,
      value: { DBInstance: { DBInstanceStatus: "creating", AvailabilityZone: "us-east-1a", PromotionTier: 1 } },
    });
    sim.runFor(600_000);
    expect(cloud.rds.instances.get("x")?.status).toBe("available");
    expect(
      cloud.call("CreateDBInstance", { DBInstanceIdentifier: "x", DBClusterIdentifier: "orders", DBInstanceClass: "db.r6g.large" }),
    ).toMatchObject({ ok: false, error: { code: "DBInstanceAlreadyExists" } });
    expect(
      cloud.call("CreateDBInstance", { DBInstanceIdentifier: "y", DBClusterIdentifier: "nope", DBInstanceClass: "db.r6g.large" }),
    ).toMatchObject({ ok: false, error: { code: "DBClusterNotFoundFault" } });
    cloud.zones.losePower("us-east-1c");
    expect(
      cloud.call("CreateDBInstance", {
        DBInstanceIdentifier: "y",
        DBClusterIdentifier: "orders",
        DBInstanceClass: "db.r6g.large",
        AvailabilityZone: "us-east-1c",
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "InsufficientDBInstanceCapacity", retryable: true },
    });
  });
});
