import { describe, expect, test } from "vitest";
import { MINIMAL, newStack, only, validationError } from "../../test/helpers/databases";
import { type AuroraDatabaseProps, MultiAzDatabase, type MultiAzDatabaseProps, RestoreSource } from "..";
import { DbInstance, RdsCluster } from "../private/cdktf";
import { synth, synthJson } from "../testing";

/** A source Aurora database `Orders` and a restored one `Restored` in the same stack. */
function restored(props: (source: MultiAzDatabase) => MultiAzDatabaseProps) {
  const stack = newStack();
  const source = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
  const target = new MultiAzDatabase(stack, "Restored", props(source));
  const clusters = Object.entries(synthJson(stack).resource?.aws_rds_cluster ?? {});
  const cluster = clusters.find(([address]) => address.startsWith("Restored_"))?.[1] ?? {};
  return { stack, source, target, cluster };
}

const AT = "2026-03-01T09:30:00Z";

describe("RestoreSource on MultiAzDatabase", () => {
  test("a point-in-time restore names the source cluster and the time, never master credentials", () => {
    const { cluster } = restored((source) => ({
      ...MINIMAL.aurora,
      writer: { availabilityZone: "us-east-1a", instanceClass: "db.t4g.medium" },
      restoreFrom: RestoreSource.pointInTime({ source, at: AT, onSourceChange: "ignore" }),
    }));
    expect(cluster.restore_to_point_in_time).toEqual({
      source_cluster_identifier: expect.stringMatching(/^\$\{aws_rds_cluster\.Orders_[0-9A-F]{8}\.cluster_identifier\}$/),
      restore_to_time: AT,
      restore_type: "full-copy",
    });
    expect(cluster.master_username).toBeUndefined();
    expect(cluster.master_password).toBeUndefined();
    expect(cluster.database_name).toBeUndefined();
    expect(cluster.lifecycle).toEqual({ ignore_changes: ["final_snapshot_identifier", "restore_to_point_in_time"] });
  });

  test("a clone is copy-on-write at the latest restorable time unless a time is given", () => {
    const { cluster } = restored((source) => ({
      ...MINIMAL.aurora,
      restoreFrom: RestoreSource.clone(source, { onSourceChange: "ignore" }),
    }));
    expect(cluster.restore_to_point_in_time).toMatchObject({ use_latest_restorable_time: true, restore_type: "copy-on-write" });
    const at = restored((source) => ({
      ...MINIMAL.aurora,
      restoreFrom: RestoreSource.clone(source, { at: AT, onSourceChange: "ignore" }),
    }));
    expect(at.cluster.restore_to_point_in_time).toMatchObject({ restore_to_time: AT, restore_type: "copy-on-write" });
  });

  test("onSourceChange 'replace' leaves the restore attributes to Terraform, which re-creates the database when they change", () => {
    const { cluster } = restored(() => ({
      ...MINIMAL.aurora,
      restoreFrom: RestoreSource.snapshot("orders-2026-03-01", { onSourceChange: "replace" }),
    }));
    expect(cluster.snapshot_identifier).toBe("orders-2026-03-01");
    expect(cluster.lifecycle).toEqual({ ignore_changes: ["final_snapshot_identifier"] });
  });

  test("a source given by identifier is used as written", () => {
    const { cluster } = restored(() => ({
      ...MINIMAL.aurora,
      restoreFrom: RestoreSource.pointInTime({ source: "legacy-orders", latest: true, onSourceChange: "ignore" }),
    }));
    expect(cluster.restore_to_point_in_time).toEqual({
      source_cluster_identifier: "legacy-orders",
      use_latest_restorable_time: true,
      restore_type: "full-copy",
    });
  });

  test("a Redshift warehouse restores a snapshot, without master credentials", () => {
    const stack = newStack();
    new MultiAzDatabase(stack, "Warehouse", {
      ...MINIMAL.redshift,
      restoreFrom: RestoreSource.snapshot("sales-before-migration", { onSourceChange: "ignore" }),
    });
    const cluster = only(synthJson(stack), "aws_redshift_cluster");
    expect(cluster).toMatchObject({ snapshot_identifier: "sales-before-migration" });
    expect(cluster.master_username).toBeUndefined();
    expect(cluster.lifecycle).toEqual({ ignore_changes: ["final_snapshot_identifier", "snapshot_identifier"] });
  });

  test("the restored database keeps the secure defaults: encrypted, final snapshot, deletion protection", () => {
    const { cluster } = restored((source) => ({
      ...MINIMAL.aurora,
      restoreFrom: RestoreSource.clone(source, { onSourceChange: "ignore" }),
    }));
    expect(cluster).toMatchObject({ storage_encrypted: true, skip_final_snapshot: false, deletion_protection: true });
  });
});

describe("RestoreSource validation", () => {
  test.each([
    [
      "at and latest together",
      () => RestoreSource.pointInTime({ source: "orders", at: AT, latest: true, onSourceChange: "ignore" }),
      "- [pointInTime] latest: at and latest are exclusive: a restore goes to one point in time (got true). Fix: set either at (a time) or latest: true, not both",
    ],
    [
      "neither at nor latest",
      () => RestoreSource.pointInTime({ source: "orders", onSourceChange: "ignore" }),
      "- [pointInTime] at: says no point in time (got nothing). Fix: set at (e.g. '2026-03-01T09:30:00Z') or latest: true",
    ],
    [
      "a time that is not RFC 3339 UTC",
      () => RestoreSource.clone("orders", { at: "yesterday", onSourceChange: "ignore" }),
      "- [clone] at: must be a UTC time in RFC 3339, e.g. '2026-03-01T09:30:00Z' (got \"yesterday\"). Fix: write it like '2026-03-01T09:30:00Z'",
    ],
    [
      "no decision about source changes",
      () => RestoreSource.snapshot("snap", {} as never),
      '- [snapshot] onSourceChange: invalid option: expected one of "replace"|"ignore" (got nothing). Fix: set onSourceChange to one of "replace", "ignore"',
    ],
  ])("%s is rejected at once", (_case, build, line) => {
    expect(() => build()).toThrow(line);
  });

  /** [rule id, case, props, the exact line synth reports] */
  const ERROR_CASES: readonly [string, string, (source: MultiAzDatabase) => MultiAzDatabaseProps, string][] = [
    [
      "resilience:restore-sets-credentials",
      "master user and database name on a restore",
      (source) => ({
        ...MINIMAL.aurora,
        masterUsername: "admin",
        databaseName: "orders",
        restoreFrom: RestoreSource.clone(source, { onSourceChange: "ignore" }),
      }),
      "masterUsername: is set to 'admin' on a database restored from a source cluster: a restore takes the master user and databases from its source and never sets them. Fix: remove masterUsername",
    ],
    [
      "resilience:restore-kind-unsupported",
      "a clone of a Multi-AZ DB cluster",
      () => ({ ...MINIMAL.multiAzCluster, restoreFrom: RestoreSource.clone("other", { onSourceChange: "ignore" }) }),
      "restoreFrom: is a copy-on-write clone, which only Aurora supports (a Multi-AZ DB cluster restores a full copy). Fix: use RestoreSource.pointInTime({ source, latest: true, onSourceChange })",
    ],
    [
      "resilience:restore-kind-unsupported",
      "a point-in-time restore of Redshift",
      () => ({ ...MINIMAL.redshift, restoreFrom: RestoreSource.pointInTime({ source: "sales", latest: true, onSourceChange: "ignore" }) }),
      "restoreFrom: is a point-in-time restore, but Redshift restores only from snapshots. Fix: use RestoreSource.snapshot(snapshotIdentifier, { onSourceChange })",
    ],
    [
      "resilience:restore-source-engine",
      "an Aurora MySQL restore of an Aurora PostgreSQL source",
      (source) => ({ ...MINIMAL.aurora, engine: "aurora-mysql", restoreFrom: RestoreSource.clone(source, { onSourceChange: "ignore" }) }),
      "restoreFrom.source: test/Orders runs aurora-postgresql but this database runs aurora-mysql: a restore keeps the source's engine. Fix: set engine to 'aurora-postgresql', or restore from a source that runs aurora-mysql",
    ],
  ];

  test.each(ERROR_CASES)("%s: %s", (_id, _case, props, line) => {
    const stack = newStack();
    const source = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
    new MultiAzDatabase(stack, "Restored", props(source));
    let message = "";
    try {
      synth(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split("\n")).toContain(`- [test/Restored] ${line}`);
  });

  test("restoring a database from itself is rejected", () => {
    const stack = newStack();
    const source = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
    const props = { ...MINIMAL.aurora, clusterIdentifier: source.clusterIdentifier } as AuroraDatabaseProps;
    expect(validationError({ ...props, restoreFrom: RestoreSource.clone(source, { onSourceChange: "ignore" }) })).toContain(
      "restoreFrom.source: is this database itself",
    );
  });
});

describe("RestoreSource.applyTo: plain clusters and instances", () => {
  test("on a DB instance: restore_to_point_in_time names the source instance and the time", () => {
    const stack = newStack();
    const clone = new DbInstance(stack, "Clone", { instanceClass: "db.t3.small", engine: "postgres" });
    RestoreSource.pointInTime({ source: "orders-primary", at: AT, onSourceChange: "ignore" }).applyTo(clone);
    const instance = only(synthJson(stack, { validations: false }), "aws_db_instance");
    expect(instance.restore_to_point_in_time).toEqual({ source_db_instance_identifier: "orders-primary", restore_time: AT });
    expect(instance.lifecycle).toEqual({ ignore_changes: ["restore_to_point_in_time"] });
  });

  test("a plain aws_rds_cluster gets the same attributes as MultiAzDatabase", () => {
    const stack = newStack();
    const cluster = new RdsCluster(stack, "Analytics", { engine: "aurora-postgresql" });
    RestoreSource.clone("orders", { onSourceChange: "replace" }).applyTo(cluster);
    expect(only(synthJson(stack, { validations: false }), "aws_rds_cluster").restore_to_point_in_time).toEqual({
      source_cluster_identifier: "orders",
      use_latest_restorable_time: true,
      restore_type: "copy-on-write",
    });
  });

  test("a DB instance cannot be a copy-on-write clone", () => {
    const stack = newStack();
    const instance = new DbInstance(stack, "Clone", { instanceClass: "db.t3.small", engine: "postgres" });
    expect(() => RestoreSource.clone("orders", { onSourceChange: "ignore" }).applyTo(instance)).toThrow(
      "RestoreSource 'test/Clone': an aws_db_instance cannot be a copy-on-write clone (only Aurora clusters clone). Fix: use RestoreSource.pointInTime({ source, latest: true, onSourceChange }) for a full copy.",
    );
  });
});
