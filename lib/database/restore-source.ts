import type { DbInstance, RdsCluster } from "../private/cdktf";
import { ResilienceError } from "../private/errors";
import { parseProps } from "../private/props";
import type { MultiAzDatabase } from "./multi-az-database";
import { RESTORE_SOURCE_BRAND } from "./restore-brand";
import { cloneRestoreSchema, pointInTimeRestoreSchema, snapshotRestoreSchema } from "./restore-schemas";

/**
 * What happens when the restore's source changes after the first apply (a new snapshot id, a
 * re-created source cluster, another point in time): Terraform would replace the restored
 * database. `'ignore'` keeps it (`lifecycle.ignore_changes`); `'replace'` lets Terraform re-create
 * it from the new source, losing what was written to it since.
 */
export type OnSourceChange = "replace" | "ignore";

/** The source of a point-in-time restore or clone: a `MultiAzDatabase` of this app, or a cluster identifier. */
export type RestoreOrigin = MultiAzDatabase | string;

export interface SnapshotRestoreOptions {
  /** Required: see {@link OnSourceChange}. */
  readonly onSourceChange: OnSourceChange;
}

export interface PointInTimeRestoreOptions {
  readonly source: RestoreOrigin;
  /** UTC time in RFC 3339 (`'2026-03-01T09:30:00Z'`), within the source's retention. Exclusive with `latest`. */
  readonly at?: string;
  /** Restore to the latest restorable time (about 5 minutes ago). Exclusive with `at`. */
  readonly latest?: true;
  /** Required: see {@link OnSourceChange}. */
  readonly onSourceChange: OnSourceChange;
}

export interface CloneRestoreOptions {
  /** UTC time in RFC 3339; exclusive with `latest`. @default - the latest restorable time */
  readonly at?: string;
  /** @default - true unless `at` is set */
  readonly latest?: true;
  /** Required: see {@link OnSourceChange}. */
  readonly onSourceChange: OnSourceChange;
}

export type RestoreKind = "snapshot" | "point-in-time" | "clone";

/** The Terraform attributes of a restore, for an `aws_rds_cluster`. */
export interface RdsClusterRestore {
  readonly snapshotIdentifier?: string;
  readonly restoreToPointInTime?: {
    readonly sourceClusterIdentifier: string;
    readonly restoreToTime?: string;
    readonly useLatestRestorableTime?: boolean;
    readonly restoreType: "full-copy" | "copy-on-write";
  };
  /** Attributes to add to `lifecycle.ignore_changes` (empty when the source change replaces). */
  readonly ignoreChanges: readonly string[];
}

/**
 * Where a new database's data comes from, for `MultiAzDatabase`'s `restoreFrom` or any plain
 * `aws_rds_cluster` / `aws_db_instance` (`applyTo`):
 * - `RestoreSource.snapshot(id, …)` → `snapshot_identifier`;
 * - `RestoreSource.pointInTime({ source, at | latest, … })` → `restore_to_point_in_time`, a full copy;
 * - `RestoreSource.clone(source, …)` → `restore_to_point_in_time` with `restore_type = "copy-on-write"`
 *   (Aurora fast clone: pages are shared until written; 15 clones per source before full copies).
 *
 * A restore never sets master credentials: the user and password come from the source. What
 * happens when the source changes later is explicit (`onSourceChange`).
 */
export class RestoreSource {
  static isRestoreSource(x: unknown): x is RestoreSource {
    return typeof x === "object" && x !== null && RESTORE_SOURCE_BRAND in x;
  }

  /** Restore a snapshot (a DB cluster snapshot id or ARN; for Redshift, a cluster snapshot id). */
  static snapshot(snapshotIdentifier: string, options: SnapshotRestoreOptions): RestoreSource {
    const o = parseProps(snapshotRestoreSchema(), "RestoreSource", "snapshot", { snapshotIdentifier, ...options });
    return new RestoreSource("snapshot", o.onSourceChange, { snapshotIdentifier: o.snapshotIdentifier });
  }

  /** Restore the source as it was at `at`, or at the latest restorable time: a full copy. */
  static pointInTime(options: PointInTimeRestoreOptions): RestoreSource {
    const o = parseProps(pointInTimeRestoreSchema(), "RestoreSource", "pointInTime", options) as PointInTimeRestoreOptions;
    return new RestoreSource("point-in-time", o.onSourceChange, { source: o.source, at: o.at });
  }

  /** A copy-on-write clone of an Aurora source, at the latest restorable time unless `at` is given. */
  static clone(source: RestoreOrigin, options: CloneRestoreOptions): RestoreSource {
    const o = parseProps(cloneRestoreSchema(), "RestoreSource", "clone", { source, ...options }) as CloneRestoreOptions & {
      source: RestoreOrigin;
    };
    return new RestoreSource("clone", o.onSourceChange, { source: o.source, at: o.at });
  }

  readonly kind: RestoreKind;
  readonly onSourceChange: OnSourceChange;
  readonly snapshotIdentifier?: string;
  readonly source?: RestoreOrigin;
  /** The point in time; undefined for snapshots and for the latest restorable time. */
  readonly at?: string;

  private constructor(
    kind: RestoreKind,
    onSourceChange: OnSourceChange,
    what: { snapshotIdentifier?: string; source?: RestoreOrigin; at?: string },
  ) {
    Object.defineProperty(this, RESTORE_SOURCE_BRAND, { value: true });
    this.kind = kind;
    this.onSourceChange = onSourceChange;
    this.snapshotIdentifier = what.snapshotIdentifier;
    this.source = what.source;
    this.at = what.at;
  }

  /** The source database when it is a `MultiAzDatabase` of this app. */
  get sourceDatabase(): MultiAzDatabase | undefined {
    return typeof this.source === "object" ? this.source : undefined;
  }

  /** The attributes an `aws_rds_cluster` takes for this restore. */
  rdsClusterRestore(): RdsClusterRestore {
    const ignore = this.onSourceChange === "ignore";
    if (this.kind === "snapshot")
      return { snapshotIdentifier: this.snapshotIdentifier, ignoreChanges: ignore ? ["snapshot_identifier"] : [] };
    return {
      restoreToPointInTime: {
        sourceClusterIdentifier: sourceIdentifier(this.source as RestoreOrigin),
        ...(this.at !== undefined ? { restoreToTime: this.at } : { useLatestRestorableTime: true }),
        restoreType: this.kind === "clone" ? "copy-on-write" : "full-copy",
      },
      ignoreChanges: ignore ? ["restore_to_point_in_time"] : [],
    };
  }

  /**
   * Applies the restore to a plain `aws_rds_cluster` or `aws_db_instance` the app builds itself.
   * A DB instance has no copy-on-write clone; restoring it to a point in time names the source
   * instance (`source_db_instance_identifier`).
   */
  applyTo(resource: RdsCluster | DbInstance): void {
    const ignore = this.onSourceChange === "ignore";
    if (resource.terraformResourceType === "aws_rds_cluster") {
      const cluster = resource as RdsCluster;
      const r = this.rdsClusterRestore();
      if (r.snapshotIdentifier !== undefined) cluster.snapshotIdentifier = r.snapshotIdentifier;
      if (r.restoreToPointInTime) cluster.putRestoreToPointInTime({ ...r.restoreToPointInTime });
      addIgnoreChanges(cluster, r.ignoreChanges);
      return;
    }
    const instance = resource as DbInstance;
    if (this.kind === "clone")
      throw new ResilienceError(
        "RestoreInvalid",
        `RestoreSource '${instance.node.path}': an aws_db_instance cannot be a copy-on-write clone (only Aurora clusters clone). Fix: use RestoreSource.pointInTime({ source, latest: true, onSourceChange }) for a full copy.`,
        "use RestoreSource.pointInTime for a DB instance",
      );
    if (this.kind === "snapshot") {
      instance.snapshotIdentifier = this.snapshotIdentifier as string;
      addIgnoreChanges(instance, ignore ? ["snapshot_identifier"] : []);
      return;
    }
    const source = this.source as RestoreOrigin;
    instance.putRestoreToPointInTime({
      sourceDbInstanceIdentifier: typeof source === "string" ? source : source.clusterIdentifier,
      ...(this.at !== undefined ? { restoreTime: this.at } : { useLatestRestorableTime: true }),
    });
    addIgnoreChanges(instance, ignore ? ["restore_to_point_in_time"] : []);
  }
}

/** A reference to the source cluster's identifier, so Terraform creates the source first. */
function sourceIdentifier(source: RestoreOrigin): string {
  if (typeof source === "string") return source;
  const cluster = (source.resources as { cluster?: RdsCluster }).cluster;
  return cluster && cluster.terraformResourceType === "aws_rds_cluster" ? cluster.clusterIdentifier : source.clusterIdentifier;
}

function addIgnoreChanges(resource: RdsCluster | DbInstance, attributes: readonly string[]): void {
  if (attributes.length === 0) return;
  const current = resource.lifecycle?.ignoreChanges;
  if (current === "all") return;
  resource.lifecycle = { ...resource.lifecycle, ignoreChanges: [...(current ?? []), ...attributes] };
}
