/**
 * RDS / Aurora shapes, named and structured as in the AWS SDK (v3) so an SDK adapter can pass them
 * through. Times are virtual milliseconds since the start of the run where the SDK has a `Date`.
 */

export type DBClusterStatus = "creating" | "available" | "failing-over" | "backing-up";
export type DBInstanceStatus = "creating" | "available" | "rebooting" | "failed";

/** `aurora`: shared cluster volume, replicas promoted by tier. `multi-az-cluster`: RDS Multi-AZ DB cluster (one writer, two readable standbys). */
/** `multi-az-instance`: an RDS Multi-AZ DB instance deployment (a primary and a standby that serves no reads), kept as a two-member record. */
export type DBClusterKind = "aurora" | "multi-az-cluster" | "multi-az-instance";

export interface DBClusterMember {
  readonly DBInstanceIdentifier: string;
  readonly IsClusterWriter: boolean;
  readonly PromotionTier: number;
}

export interface DBCluster {
  readonly DBClusterIdentifier: string;
  readonly DBClusterArn: string;
  readonly Engine: string;
  readonly Status: DBClusterStatus;
  /** The cluster (writer) endpoint: a DNS name that follows the writer, TTL 5 s. */
  readonly Endpoint: string;
  readonly ReaderEndpoint: string;
  readonly AvailabilityZones: readonly string[];
  readonly DBClusterMembers: readonly DBClusterMember[];
  readonly MultiAZ: boolean;
  readonly StorageEncrypted: boolean;
  readonly KmsKeyId?: string;
  readonly BackupRetentionPeriod: number;
  readonly EarliestRestorableTime: number;
  readonly LatestRestorableTime: number;
  /** Clusters sharing copy-on-write storage share this id. */
  readonly CloneGroupId: string;
}

export interface DBInstance {
  readonly DBInstanceIdentifier: string;
  readonly DBInstanceArn: string;
  readonly DBClusterIdentifier?: string;
  readonly DBInstanceClass: string;
  readonly Engine: string;
  readonly AvailabilityZone: string;
  readonly DBInstanceStatus: DBInstanceStatus;
  readonly PromotionTier: number;
  readonly Endpoint: { readonly Address: string; readonly Port: number };
}

export interface DBClusterSnapshot {
  readonly DBClusterSnapshotIdentifier: string;
  readonly DBClusterIdentifier: string;
  readonly Engine: string;
  readonly Status: "creating" | "available";
  /** The moment of the data the snapshot holds. */
  readonly SnapshotCreateTime: number;
  readonly StorageEncrypted: boolean;
  readonly KmsKeyId?: string;
}

export interface DBProxyTarget {
  readonly RdsResourceId: string;
  readonly Type: "RDS_INSTANCE";
  readonly Role: "READ_WRITE" | "READ_ONLY";
  readonly TargetHealth: { readonly State: "AVAILABLE" | "UNAVAILABLE" };
}

export interface DescribeDBClustersRequest {
  /** One cluster; all clusters when absent. */
  readonly DBClusterIdentifier?: string;
}
export interface DescribeDBClustersResponse {
  readonly DBClusters: readonly DBCluster[];
}

export interface DescribeDBInstancesRequest {
  readonly DBInstanceIdentifier?: string;
}
export interface DescribeDBInstancesResponse {
  readonly DBInstances: readonly DBInstance[];
}

export interface FailoverDBClusterRequest {
  readonly DBClusterIdentifier: string;
  /** The replica to promote; when absent AWS picks: lowest tier, then largest class, then any. */
  readonly TargetDBInstanceIdentifier?: string;
}
export interface FailoverDBClusterResponse {
  readonly DBCluster: DBCluster;
}

export interface RebootDBInstanceRequest {
  readonly DBInstanceIdentifier: string;
  /** Reboot through a Multi-AZ failover (Multi-AZ DB clusters); ignored for Aurora instances, as AWS does. */
  readonly ForceFailover?: boolean;
}
export interface RebootDBInstanceResponse {
  readonly DBInstance: DBInstance;
}

export interface CreateDBInstanceRequest {
  readonly DBInstanceIdentifier: string;
  readonly DBClusterIdentifier: string;
  readonly DBInstanceClass: string;
  /** When absent, the zone of the cluster with the fewest of its instances (first by name). */
  readonly AvailabilityZone?: string;
  /** @default 1 (AWS's default promotion tier for new instances) */
  readonly PromotionTier?: number;
}
export interface CreateDBInstanceResponse {
  readonly DBInstance: DBInstance;
}

export interface CreateDBClusterSnapshotRequest {
  readonly DBClusterIdentifier: string;
  readonly DBClusterSnapshotIdentifier: string;
}
export interface CreateDBClusterSnapshotResponse {
  readonly DBClusterSnapshot: DBClusterSnapshot;
}

export interface DescribeDBClusterSnapshotsRequest {
  readonly DBClusterIdentifier?: string;
  readonly DBClusterSnapshotIdentifier?: string;
}
export interface DescribeDBClusterSnapshotsResponse {
  readonly DBClusterSnapshots: readonly DBClusterSnapshot[];
}

export interface RestoreDBClusterToPointInTimeRequest {
  /** The new cluster's identifier. */
  readonly DBClusterIdentifier: string;
  readonly SourceDBClusterIdentifier: string;
  /**
   * `copy-on-write` makes a fast clone that shares unchanged pages with the source; after
   * `cowClonesPerCopyMax` clones of one storage copy AWS makes a full copy instead.
   * @default "full-copy"
   */
  readonly RestoreType?: "full-copy" | "copy-on-write";
  /** Exactly one of `RestoreToTime` and `UseLatestRestorableTime`. */
  readonly RestoreToTime?: number;
  readonly UseLatestRestorableTime?: boolean;
}
export interface RestoreDBClusterToPointInTimeResponse {
  readonly DBCluster: DBCluster;
}

export interface RestoreDBClusterFromSnapshotRequest {
  readonly DBClusterIdentifier: string;
  readonly SnapshotIdentifier: string;
  readonly Engine: string;
}
export interface RestoreDBClusterFromSnapshotResponse {
  readonly DBCluster: DBCluster;
}

export interface DescribeDBProxyTargetsRequest {
  readonly DBProxyName: string;
}
export interface DescribeDBProxyTargetsResponse {
  readonly Targets: readonly DBProxyTarget[];
}
