/**
 * The storage parts of the topology: where databases are restored from, the schedules
 * that snapshot, copy, pause and resume them, and AWS Backup's restore tests. They drive the storage
 * runtime's schedules. Plain data; values the plan leaves out carry the default AWS would apply.
 */
import type { Link } from "./topology";

/** A database created from a snapshot or from another database (`snapshot_identifier`, `restore_to_point_in_time`). */
export interface RestoreNode {
  /** The restored `aws_rds_cluster`, `aws_db_instance` or `aws_redshift_cluster`. */
  readonly address: string;
  /** `clone`: Aurora copy-on-write (`restore_type = "copy-on-write"`); `point-in-time`: a full copy. */
  readonly kind: "snapshot" | "point-in-time" | "clone";
  /** The snapshot id or ARN (`snapshot`). */
  readonly snapshot?: string;
  /** The source cluster or instance (`point-in-time`, `clone`). */
  readonly source?: Link;
  /** RFC 3339 restore time; absent with `latest`. */
  readonly at?: string;
  /** `use_latest_restorable_time`. */
  readonly latest: boolean;
  /** True when `lifecycle.ignore_changes` keeps the database when the source attributes change. */
  readonly ignoresSourceChanges: boolean;
}

/** An `aws_dlm_lifecycle_policy` snapshotting EBS volumes by tag. */
export interface VolumeSnapshotPolicyNode {
  readonly address: string;
  /** `state`, default `ENABLED`. */
  readonly enabled: boolean;
  readonly targetTags: Readonly<Record<string, string>>;
  readonly schedules: readonly {
    readonly name: string;
    /** `create_rule.interval` in hours (DLM accepts 1, 2, 3, 4, 6, 8, 12, 24); absent for a cron rule. */
    readonly intervalHours?: number;
    readonly cron?: string;
    /** `retain_rule`: by age in days, or by count. */
    readonly retainDays?: number;
    readonly retainCount?: number;
  }[];
}

/** `aws_redshift_snapshot_copy`: automated snapshots of a cluster copied to another Region. */
export interface SnapshotCopyNode {
  readonly address: string;
  readonly cluster: Link;
  readonly destinationRegion: string;
  /** Default 7 (AWS's default for copied automated snapshots). */
  readonly retentionDays: number;
}

/** An `aws_scheduler_schedule` that calls the RDS API on a cluster (EventBridge Scheduler's universal target). */
export interface DatabaseScheduleNode {
  readonly address: string;
  readonly name: string;
  readonly schedule: string;
  /** Default `UTC`. */
  readonly timezone: string;
  /** `state`, default `ENABLED`. */
  readonly enabled: boolean;
  /** `stop` / `start` for `rds:stopDBCluster` / `rds:startDBCluster` (and the instance calls); else the API call's name. */
  readonly action: string;
  /** The cluster or instance named in the call's input, linked by identifier. */
  readonly database?: Link;
}

/** `aws_backup_restore_testing_plan` with its selections. */
export interface RestoreTestNode {
  readonly address: string;
  readonly name: string;
  readonly schedule: string;
  readonly vaults: readonly Link[];
  /** `SNAPSHOT`, `CONTINUOUS`. */
  readonly recoveryPointTypes: readonly string[];
  /** Default 30 (AWS). */
  readonly selectionWindowDays: number;
  readonly selections: readonly {
    readonly address: string;
    readonly resourceType: string;
    readonly resources: readonly Link[];
    /** Default 0: the restored copy is deleted at once. */
    readonly validationWindowHours: number;
  }[];
}

/** The topology fields this file adds. */
export interface StorageTopology {
  readonly restores: readonly RestoreNode[];
  readonly volumeSnapshotPolicies: readonly VolumeSnapshotPolicyNode[];
  readonly snapshotCopies: readonly SnapshotCopyNode[];
  readonly databaseSchedules: readonly DatabaseScheduleNode[];
  readonly restoreTests: readonly RestoreTestNode[];
}
