/**
 * Cluster snapshots and restores. A snapshot captures the cluster's data at the moment it is
 * taken; a point-in-time restore creates a new cluster from any moment between the earliest and
 * the latest restorable time (which advances every `pitrIntervalMs`). `copy-on-write` restores
 * are Aurora fast clones: they share the source's storage copy until `cowClonesPerCopyMax` clones
 * of that copy exist; the next one is silently a full copy (as AWS does), which takes longer.
 * Restored clusters start with no instance: add them with CreateDBInstance. The mock carries the
 * restore point (`restoredFrom`), not the data: the storage subsystem holds the bytes.
 */
import type { OperationHandlers } from "../api/cloud-api";
import type { CloudContext } from "../cloud-context";
import { type CloudResult, fail, ok } from "../cloud-result";
import type { ClusterRecord, SnapshotRecord } from "./rds-records";
import { describeSnapshot } from "./rds-records";
import type { RdsService } from "./rds-service";

/** One restore, as the mock performed it. */
export interface RestoreRecord {
  readonly kind: "pitr" | "clone" | "snapshot";
  readonly source: string;
  readonly target: string;
  readonly pointMs: number;
  readonly requestedAtMs: number;
}

export class Restores {
  /** Restores in request order. */
  readonly history: RestoreRecord[] = [];
  /** Copy-on-write clones made of each storage copy. */
  private readonly clonesOfCopy = new Map<string, number>();
  private readonly random;
  private readonly ctx: CloudContext;

  constructor(private readonly rds: RdsService) {
    this.ctx = rds.ctx;
    this.random = rds.ctx.random.fork("rds-restores");
  }

  operations(): Pick<
    OperationHandlers,
    "CreateDBClusterSnapshot" | "DescribeDBClusterSnapshots" | "RestoreDBClusterToPointInTime" | "RestoreDBClusterFromSnapshot"
  > {
    const rds = this.rds;
    return {
      CreateDBClusterSnapshot: (r) =>
        rds.cluster(r.DBClusterIdentifier, (c) => {
          if (rds.snapshots.has(r.DBClusterSnapshotIdentifier))
            return fail(
              "DBClusterSnapshotAlreadyExistsFault",
              `Cannot create the cluster snapshot because one with the identifier ${r.DBClusterSnapshotIdentifier} already exists.`,
            );
          if (c.status !== "available") return fail("InvalidDBClusterStateFault", `DB cluster ${c.id} is ${c.status}, not available.`);
          const s: SnapshotRecord = {
            id: r.DBClusterSnapshotIdentifier,
            clusterId: c.id,
            engine: c.engine,
            status: "creating",
            pointMs: this.ctx.nowMs,
            storageEncrypted: c.storageEncrypted,
            ...(c.kmsKeyId !== undefined ? { kmsKeyId: c.kmsKeyId } : {}),
          };
          rds.snapshots.set(s.id, s);
          this.ctx.note("rds", s.id, `snapshot of ${c.id} point=${s.pointMs} status=creating`);
          rds.clusterEvent(c, undefined, `Creating manual cluster snapshot ${s.id}`);
          this.ctx.env.timers.after(this.ctx.draw(this.random, this.ctx.profile.snapshotCreateMs), `rds-snapshot ${s.id}`, () => {
            s.status = "available";
            this.ctx.note("rds", s.id, "snapshot status=available");
            rds.clusterEvent(c, undefined, `Manual cluster snapshot created: ${s.id}`);
          });
          return ok({ DBClusterSnapshot: describeSnapshot(s) });
        }),
      DescribeDBClusterSnapshots: (r) => {
        if (r.DBClusterSnapshotIdentifier !== undefined) {
          const s = rds.snapshots.get(r.DBClusterSnapshotIdentifier);
          return s
            ? ok({ DBClusterSnapshots: [describeSnapshot(s)] })
            : fail("DBClusterSnapshotNotFoundFault", `DBClusterSnapshot ${r.DBClusterSnapshotIdentifier} not found.`);
        }
        const all = [...rds.snapshots.values()].filter((s) => r.DBClusterIdentifier === undefined || s.clusterId === r.DBClusterIdentifier);
        return ok({ DBClusterSnapshots: all.map(describeSnapshot) });
      },
      RestoreDBClusterToPointInTime: (r) =>
        rds.cluster(r.SourceDBClusterIdentifier, (source) => {
          if (rds.clusters.has(r.DBClusterIdentifier))
            return fail("DBClusterAlreadyExistsFault", `DB cluster ${r.DBClusterIdentifier} already exists.`);
          if ((r.RestoreToTime === undefined) === (r.UseLatestRestorableTime !== true))
            return fail("InvalidParameterCombination", "Specify exactly one of RestoreToTime and UseLatestRestorableTime.");
          const { earliest, latest } = rds.restorable(source);
          const point = r.RestoreToTime ?? latest;
          if (point < earliest || point > latest)
            return fail(
              "InvalidRestoreFault",
              `Restore time ${point} is outside the restorable window ${earliest}..${latest} of ${source.id}.`,
            );
          const keyProblem = this.keyProblem(source);
          if (keyProblem) return keyProblem;
          const wantsCow = r.RestoreType === "copy-on-write" && source.kind === "aurora";
          const cow = wantsCow && this.cowRoom(source);
          this.ctx.env.sometimes("copy-on-write clone limit reached: full copy instead", wantsCow && !cow);
          return ok({ DBCluster: this.create(r.DBClusterIdentifier, source, cow ? "clone" : "pitr", point, cow) });
        }),
      RestoreDBClusterFromSnapshot: (r) => {
        const s = rds.snapshots.get(r.SnapshotIdentifier);
        if (!s) return fail("DBClusterSnapshotNotFoundFault", `DBClusterSnapshot ${r.SnapshotIdentifier} not found.`);
        if (s.status !== "available")
          return fail("InvalidDBClusterSnapshotStateFault", `DBClusterSnapshot ${s.id} is ${s.status}, not available.`);
        if (rds.clusters.has(r.DBClusterIdentifier))
          return fail("DBClusterAlreadyExistsFault", `DB cluster ${r.DBClusterIdentifier} already exists.`);
        const source = rds.clusters.get(s.clusterId);
        if (s.kmsKeyId !== undefined && !rds.kms.usable(s.kmsKeyId))
          return fail("KMSKeyNotAccessibleFault", `The KMS key ${s.kmsKeyId} of snapshot ${s.id} is not accessible.`);
        const template = source ?? {
          engine: r.Engine,
          kind: "aurora" as const,
          zones: [],
          storageEncrypted: s.storageEncrypted,
          backupRetentionDays: 1,
        };
        return ok({
          DBCluster: this.create(
            r.DBClusterIdentifier,
            { ...template, id: s.clusterId, kmsKeyId: s.kmsKeyId },
            "snapshot",
            s.pointMs,
            false,
            s.id,
          ),
        });
      },
    };
  }

  private keyProblem(source: ClusterRecord): CloudResult<never> | undefined {
    if (source.kmsKeyId !== undefined && !this.rds.kms.usable(source.kmsKeyId))
      return fail("KMSKeyNotAccessibleFault", `The KMS key ${source.kmsKeyId} of DB cluster ${source.id} is not accessible.`);
    return undefined;
  }

  private cowRoom(source: ClusterRecord): boolean {
    return (this.clonesOfCopy.get(source.copyId) ?? 0) < this.ctx.profile.cowClonesPerCopyMax;
  }

  private create(
    id: string,
    source: Pick<ClusterRecord, "id" | "engine" | "kind" | "zones" | "storageEncrypted" | "backupRetentionDays"> & {
      readonly kmsKeyId?: string | undefined;
      readonly copyId?: string;
      readonly cloneGroupId?: string;
    },
    kind: RestoreRecord["kind"],
    pointMs: number,
    cow: boolean,
    sourceName = source.id,
  ) {
    if (cow && source.copyId !== undefined) this.clonesOfCopy.set(source.copyId, (this.clonesOfCopy.get(source.copyId) ?? 0) + 1);
    const c = this.rds.addCluster({
      id,
      engine: source.engine,
      kind: source.kind,
      zones: source.zones,
      storageEncrypted: source.storageEncrypted,
      ...(source.kmsKeyId !== undefined ? { kmsKeyId: source.kmsKeyId } : {}),
      backupRetentionDays: source.backupRetentionDays,
      restoredFrom: { kind, source: sourceName, pointMs },
      ...(cow && source.copyId !== undefined ? { copyId: source.copyId } : {}),
      ...(cow && source.cloneGroupId !== undefined ? { cloneGroupId: source.cloneGroupId } : {}),
      status: "creating",
    });
    this.history.push({ kind, source: sourceName, target: id, pointMs, requestedAtMs: this.ctx.nowMs });
    const d = this.ctx.draw(this.random, cow ? this.ctx.profile.cloneRestoreMs : this.ctx.profile.fullCopyRestoreMs);
    this.ctx.note(
      "rds",
      id,
      `restore kind=${kind}${cow ? " copy-on-write" : " full-copy"} source=${sourceName} point=${pointMs} takes=${d}ms`,
    );
    this.ctx.env.timers.after(d, `rds-restore ${id}`, () => {
      c.status = "available";
      this.ctx.note("rds", id, "status=available");
      this.rds.clusterEvent(c, undefined, `DB cluster created: ${id}`);
    });
    return this.rds.describe(c);
  }
}
