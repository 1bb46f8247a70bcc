/** The mock's RDS state: clusters, instances, snapshots, and how they read through the API. */
import type { TimerHandle } from "../../sim/ports";
import type { DBCluster, DBClusterKind, DBClusterSnapshot, DBClusterStatus, DBInstance, DBInstanceStatus } from "../api/rds-types";

export interface ClusterRecord {
  /** Unique in the mock: the identifier, with `@<region>` for a cluster outside the cloud's home region (AWS names are unique per region). */
  readonly id: string;
  readonly arn: string;
  /** The region the cluster runs in. */
  readonly region: string;
  /** A secondary cluster of an Aurora global database: no writer, never fails over on its own. */
  readonly readOnly: boolean;
  /** The plan's address, for clusters loaded from a plan. */
  readonly address?: string;
  readonly engine: string;
  readonly kind: DBClusterKind;
  status: DBClusterStatus;
  readonly zones: readonly string[];
  readonly storageEncrypted: boolean;
  /** Key id (KMS) when encrypted with a customer key. */
  readonly kmsKeyId?: string;
  readonly backupRetentionDays: number;
  readonly createdAtMs: number;
  /** Clusters sharing copy-on-write storage share this id. */
  readonly cloneGroupId: string;
  /** The storage copy the cluster reads (copy-on-write clones share their source's). */
  readonly copyId: string;
  /** The writer instance (it may be down: see `writerAvailable`). */
  writer: string | undefined;
  failover: FailoverInProgress | undefined;
  /** Where a restored cluster's data came from. */
  readonly restoredFrom?: { readonly kind: "pitr" | "clone" | "snapshot"; readonly source: string; readonly pointMs: number };
  /** Resource tags, as FIS `resourceTags` see them. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface FailoverInProgress {
  readonly from: string | undefined;
  target: string;
  /** When the writer was lost (or the API call came). */
  readonly lostAtMs: number;
  /** When RDS noticed and began the failover. */
  readonly detectedAtMs: number;
  readonly cause: "writer-lost" | "api";
  timer: TimerHandle;
}

export interface DbInstanceRecord {
  readonly id: string;
  readonly arn: string;
  readonly address?: string;
  readonly clusterId: string;
  readonly instanceClass: string;
  readonly az: string;
  promotionTier: number;
  status: DBInstanceStatus;
  /** Bumped at every restart or failure: connections opened before a bump are broken. */
  generation: number;
  readonly endpoint: string;
  readonly ip: string;
  /** False for a Multi-AZ DB instance's standby: the reader endpoint never routes to it. */
  readonly readable: boolean;
  transition?: TimerHandle;
  /** Resource tags, as FIS `resourceTags` see them. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface SnapshotRecord {
  readonly id: string;
  readonly clusterId: string;
  readonly engine: string;
  status: "creating" | "available";
  readonly pointMs: number;
  readonly storageEncrypted: boolean;
  readonly kmsKeyId?: string;
}

export function describeCluster(
  c: ClusterRecord,
  members: readonly DbInstanceRecord[],
  endpoints: { readonly writer: string; readonly reader: string },
  restorable: { readonly earliest: number; readonly latest: number },
): DBCluster {
  return {
    DBClusterIdentifier: c.id,
    DBClusterArn: c.arn,
    Engine: c.engine,
    Status: c.status,
    Endpoint: endpoints.writer,
    ReaderEndpoint: endpoints.reader,
    AvailabilityZones: c.zones,
    DBClusterMembers: members.map((m) => ({
      DBInstanceIdentifier: m.id,
      IsClusterWriter: m.id === c.writer,
      PromotionTier: m.promotionTier,
    })),
    MultiAZ: new Set(members.map((m) => m.az)).size > 1,
    StorageEncrypted: c.storageEncrypted,
    ...(c.kmsKeyId !== undefined ? { KmsKeyId: c.kmsKeyId } : {}),
    BackupRetentionPeriod: c.backupRetentionDays,
    EarliestRestorableTime: restorable.earliest,
    LatestRestorableTime: restorable.latest,
    CloneGroupId: c.cloneGroupId,
  };
}

export function describeInstance(i: DbInstanceRecord, engine: string): DBInstance {
  return {
    DBInstanceIdentifier: i.id,
    DBInstanceArn: i.arn,
    DBClusterIdentifier: i.clusterId,
    DBInstanceClass: i.instanceClass,
    Engine: engine,
    AvailabilityZone: i.az,
    DBInstanceStatus: i.status,
    PromotionTier: i.promotionTier,
    Endpoint: { Address: i.endpoint, Port: engine.includes("mysql") ? 3306 : 5432 },
  };
}

export function describeSnapshot(s: SnapshotRecord): DBClusterSnapshot {
  return {
    DBClusterSnapshotIdentifier: s.id,
    DBClusterIdentifier: s.clusterId,
    Engine: s.engine,
    Status: s.status,
    SnapshotCreateTime: s.pointMs,
    StorageEncrypted: s.storageEncrypted,
    ...(s.kmsKeyId !== undefined ? { KmsKeyId: s.kmsKeyId } : {}),
  };
}
