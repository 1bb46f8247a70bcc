import { describe, expect, test } from "vitest";
import { cloudWorld, ordersCluster } from "../../../test/helpers/cloud";

const MIN = 60_000;

describe("cluster snapshots", () => {
  test("a snapshot captures the moment it is taken and becomes available; AWS's errors for duplicates, unknown clusters and busy clusters", () => {
    const { sim, cloud } = cloudWorld();
    ordersCluster(cloud);
    sim.runFor(MIN);
    expect(cloud.call("CreateDBClusterSnapshot", { DBClusterIdentifier: "orders", DBClusterSnapshotIdentifier: "snap-1" })).toMatchObject({
      ok: true,
      value: { DBClusterSnapshot: { Status: "creating", SnapshotCreateTime: MIN, StorageEncrypted: true } },
    });
    expect(cloud.call("CreateDBClusterSnapshot", { DBClusterIdentifier: "orders", DBClusterSnapshotIdentifier: "snap-1" })).toMatchObject({
      ok: false,
      error: { code: "DBClusterSnapshotAlreadyExistsFault" },
    });
    expect(cloud.call("CreateDBClusterSnapshot", { DBClusterIdentifier: "nope", DBClusterSnapshotIdentifier: "snap-2" })).toMatchObject({
      ok: false,
      error: { code: "DBClusterNotFoundFault" },
    });
    cloud.call("FailoverDBCluster", { DBClusterIdentifier: "orders" });
    expect(cloud.call("CreateDBClusterSnapshot", { DBClusterIdentifier: "orders", DBClusterSnapshotIdentifier: "snap-2" })).toMatchObject({
      ok: false,
      error: { code: "InvalidDBClusterStateFault" },
    });
    sim.runFor(3 * MIN);
    expect(cloud.call("DescribeDBClusterSnapshots", { DBClusterIdentifier: "orders" })).toMatchObject({
      ok: true,
      value: { DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: "snap-1", Status: "available" }] },
    });
    expect(cloud.call("DescribeDBClusterSnapshots", { DBClusterSnapshotIdentifier: "nope" })).toMatchObject({
      ok: false,
      error: { code: "DBClusterSnapshotNotFoundFault" },
    });
  });

  test("restoring from a snapshot needs it available, then creates a cluster with the snapshot's point and no instance", () => {
    const { sim, cloud } = cloudWorld();
    ordersCluster(cloud);
    cloud.call("CreateDBClusterSnapshot", { DBClusterIdentifier: "orders", DBClusterSnapshotIdentifier: "snap" });
    const req = { DBClusterIdentifier: "copy", SnapshotIdentifier: "snap", Engine: "aurora-postgresql" };
    expect(cloud.call("RestoreDBClusterFromSnapshot", req)).toMatchObject({
      ok: false,
      error: { code: "InvalidDBClusterSnapshotStateFault" },
    });
    sim.runFor(3 * MIN);
    expect(cloud.call("RestoreDBClusterFromSnapshot", req)).toMatchObject({
      ok: true,
      value: { DBCluster: { Status: "creating", DBClusterMembers: [] } },
    });
    expect(cloud.rds.clusters.get("copy")?.restoredFrom).toEqual({ kind: "snapshot", source: "snap", pointMs: 0 });
    expect(cloud.call("RestoreDBClusterFromSnapshot", { ...req, SnapshotIdentifier: "nope" })).toMatchObject({
      ok: false,
      error: { code: "DBClusterSnapshotNotFoundFault" },
    });
  });
});

describe("point-in-time restore and copy-on-write clones", () => {
  test("the latest restorable time advances in 5-minute steps; a restore outside the window fails", () => {
    const { sim, cloud } = cloudWorld();
    ordersCluster(cloud);
    sim.runFor(12 * MIN);
    const window = cloud.call("DescribeDBClusters", { DBClusterIdentifier: "orders" });
    expect(window.ok && [window.value.DBClusters[0]?.EarliestRestorableTime, window.value.DBClusters[0]?.LatestRestorableTime]).toEqual([
      0,
      10 * MIN,
    ]);
    const base = { SourceDBClusterIdentifier: "orders" };
    expect(cloud.call("RestoreDBClusterToPointInTime", { ...base, DBClusterIdentifier: "late", RestoreToTime: 11 * MIN })).toMatchObject({
      ok: false,
      error: { code: "InvalidRestoreFault" },
    });
    expect(cloud.call("RestoreDBClusterToPointInTime", { ...base, DBClusterIdentifier: "pit", RestoreToTime: 7 * MIN })).toMatchObject({
      ok: true,
    });
    expect(cloud.rds.clusters.get("pit")?.restoredFrom).toEqual({ kind: "pitr", source: "orders", pointMs: 7 * MIN });
    expect(
      cloud.call("RestoreDBClusterToPointInTime", { ...base, DBClusterIdentifier: "pit", UseLatestRestorableTime: true }),
    ).toMatchObject({ ok: false, error: { code: "DBClusterAlreadyExistsFault" } });
    expect(
      cloud.call("RestoreDBClusterToPointInTime", {
        ...base,
        DBClusterIdentifier: "both",
        RestoreToTime: 0,
        UseLatestRestorableTime: true,
      }),
    ).toMatchObject({ ok: false, error: { code: "InvalidParameterCombination" } });
    expect(
      cloud.call("RestoreDBClusterToPointInTime", {
        ...base,
        DBClusterIdentifier: "x",
        SourceDBClusterIdentifier: "nope",
        UseLatestRestorableTime: true,
      }),
    ).toMatchObject({ ok: false, error: { code: "DBClusterNotFoundFault" } });
  });

  test("15 copy-on-write clones share the source's storage; the 16th is silently a full copy", () => {
    const { cloud } = cloudWorld();
    const source = ordersCluster(cloud);
    for (let i = 1; i <= 16; i++)
      cloud.call("RestoreDBClusterToPointInTime", {
        DBClusterIdentifier: `clone-${i}`,
        SourceDBClusterIdentifier: "orders",
        RestoreType: "copy-on-write",
        UseLatestRestorableTime: true,
      });
    const clones = Array.from({ length: 16 }, (_, i) => cloud.rds.clusters.get(`clone-${i + 1}`));
    expect(clones.filter((c) => c?.copyId === source.copyId)).toHaveLength(15);
    expect(clones.map((c) => c?.restoredFrom?.kind)).toEqual([...Array(15).fill("clone"), "pitr"]);
    expect(clones[15]?.copyId).not.toBe(source.copyId);
    expect(clones[0]?.cloneGroupId).toBe(source.cloneGroupId);
  });

  test("a restore from a cluster whose KMS key is disabled fails with KMSKeyNotAccessibleFault", () => {
    const { cloud } = cloudWorld();
    const key = cloud.kms.add({ description: "orders" });
    cloud.rds.addCluster({
      id: "enc",
      engine: "aurora-postgresql",
      kind: "aurora",
      zones: ["us-east-1a"],
      storageEncrypted: true,
      kmsKeyId: key.KeyId,
    });
    cloud.call("DisableKey", { KeyId: key.KeyId });
    expect(
      cloud.call("RestoreDBClusterToPointInTime", {
        DBClusterIdentifier: "x",
        SourceDBClusterIdentifier: "enc",
        UseLatestRestorableTime: true,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "KMSKeyNotAccessibleFault" },
    });
  });
});
