/**
 * Props of `MultiAzDatabase`: one flat interface per engine family, discriminated by `engine`,
 * each extending the settings every engine shares. A zod schema per interface
 * (`lib/database/multi-az-database-schema.ts`) accepts exactly these; a type test keeps the two in step.
 */

import type { RestoreSource } from "./restore-source";

/** A subnet of the database's subnet group and the zone it lives in. */
export interface DatabaseSubnet {
  /** Subnet id, usually a token such as `subnet.id`. */
  readonly subnetId: string;
  /** The subnet's Availability Zone, e.g. `'us-east-1a'`. Used to check placement. */
  readonly availabilityZone: string;
}

/** Where the Aurora writer (the coordinator) runs and on what. */
export interface WriterProps {
  /** Availability Zone of the writer; must hold one of `subnets`. */
  readonly availabilityZone: string;
  /**
   * Instance class, e.g. `'db.r6g.large'`, or `'db.serverless'` (Aurora Serverless v2, sized by
   * `serverlessV2Scaling`). Standbys default to it.
   */
  readonly instanceClass: string;
}

/** An Aurora standby instance in another zone. */
export interface StandbyProps {
  /**
   * Construct id of the instance. It becomes part of the Terraform address and of the instance
   * identifier, so keep it stable (`'standby-b'`).
   */
  readonly id: string;
  /** Availability Zone of the standby; must hold one of `subnets`. */
  readonly availabilityZone: string;
  /**
   * `'failover'`: promoted first (tier 1) when the writer fails; must be able to carry the
   * writer's load. `'read'`: a read replica (tier ≥ 2), promoted only when no failover standby is left.
   */
  readonly role: "failover" | "read";
  /** @default - the writer's instance class, so a failover keeps capacity */
  readonly instanceClass?: string;
  /**
   * Aurora promotion tier (0–15, lower promoted first). Failover standbys take 0 or 1, readers 2–15.
   * A `db.serverless` standby in tier 0 or 1 scales with the writer; in 2–15 it scales on its own load.
   * @default - 1 for `'failover'`, 2 for `'read'`
   */
  readonly promotionTier?: number;
}

/** Capacity range of Aurora Serverless v2 instances (`db.serverless`), in Aurora capacity units. */
export interface ServerlessV2ScalingProps {
  /** Smallest capacity, 0–256 ACUs in steps of 0.5 (0 lets idle instances pause; 1 ACU ≈ 2 GiB). */
  readonly minCapacity: number;
  /** Largest capacity, 1–256 ACUs in steps of 0.5; at least `minCapacity`. */
  readonly maxCapacity: number;
}

/**
 * RDS Proxy in front of the database: clients keep one endpoint and their connections while
 * the writer moves to another zone.
 */
export interface DatabaseProxyProps {
  /** @default - true: clients must connect with TLS */
  readonly requireTls?: boolean;
  /** @default - true: clients authenticate with IAM tokens; the proxy reads the managed master secret */
  readonly iamAuth?: boolean;
  /** Seconds an idle client connection is kept (1–28,800). @default - 1800 (30 minutes, AWS's default) */
  readonly idleClientTimeoutSeconds?: number;
  /** Share of the database's max_connections the proxy may open (1–100). @default - 100 */
  readonly maxConnectionsPercent?: number;
}

/** A Route 53 CNAME for the database's stable endpoint (proxy, or the engine's writer endpoint). */
export interface DnsRecordProps {
  /** Hosted zone id, usually of a private zone (`zone.zoneId`). */
  readonly zoneId: string;
  /** Record name, e.g. `'orders-db.internal.example.com'`. */
  readonly name: string;
  /**
   * Seconds resolvers may cache the answer (1–3600). Clients that resolve the name keep the old
   * target this long after it moves.
   * @default - 5, as AWS uses for its own database endpoints
   */
  readonly ttlSeconds?: number;
}

/** Settings every engine shares; set once here, they apply to every zone of the topology. */
export interface DatabaseCommonProps {
  /** Subnets of the subnet group, in at least two Availability Zones (three for Redshift). */
  readonly subnets: readonly DatabaseSubnet[];
  /** @default - the VPC's default security group (AWS behaviour) */
  readonly securityGroupIds?: readonly string[];
  /**
   * KMS key for encryption at rest, shared by every node in every zone (and by the managed master
   * secret where there is one).
   * @default - a new key with yearly rotation
   */
  readonly kmsKeyArn?: string;
  /**
   * Identifier of the cluster (ElastiCache: of the replication group): lowercase letters, digits
   * and single hyphens, starting with a letter. At most 48 characters for Aurora (room for the
   * `-<standby id>` of instance identifiers), 63 for Multi-AZ DB clusters and Redshift, 40 for ElastiCache.
   * @default - derived from the stack name and construct path
   */
  readonly clusterIdentifier?: string;
  /** @default - the engine's default version, chosen by AWS at creation */
  readonly engineVersion?: string;
  /** Name of an existing parameter group, applied to every node of the pair. @default - the engine's default group */
  readonly parameterGroupName?: string;
  /**
   * Weekly maintenance window in UTC, `ddd:hh24:mi-ddd:hh24:mi` (e.g. `'sun:05:00-sun:06:00'`), at
   * least 30 minutes (60 for ElastiCache); must not overlap `preferredBackupWindow`. Days are
   * written lowercase in the plan, as AWS stores them.
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_UpgradeDBInstance.Maintenance.html
   * @default - a window AWS picks at random within the Region's 8-hour block
   */
  readonly preferredMaintenanceWindow?: string;
  /**
   * Days automated backups (Redshift: automated snapshots; ElastiCache: snapshots) are kept, 1–35.
   * Below the default, synth warns (`resilience:short-backup-retention`).
   * @default - 7 (a week of point-in-time restore); 15 for ElastiCache
   */
  readonly backupRetentionDays?: number;
  /** @default - no DNS record: clients use `endpoint` directly */
  readonly dnsRecord?: DnsRecordProps;
  /**
   * SNS topic that receives failover events and alarm state changes.
   * @default - the EventBridge rule and alarms are created without actions; add your own targets
   */
  readonly alarmTopicArn?: string;
  /** @default - true: an EventBridge rule for failover events (RDS engines) and CloudWatch alarms */
  readonly failoverMonitoring?: boolean;
}

/** Settings of the two RDS families (Aurora and Multi-AZ DB clusters). */
export interface RdsCommonProps extends DatabaseCommonProps {
  /**
   * Exactly three zones for the cluster (`availability_zones`). Fewer makes AWS add zones, which
   * Terraform sees as a change that replaces the cluster on every apply.
   * @default - AWS picks three zones of the subnet group
   */
  readonly availabilityZones?: readonly string[];
  /** @default - no database is created at launch (AWS behaviour) */
  readonly databaseName?: string;
  /** @default - `postgres` for PostgreSQL engines, `admin` for MySQL; the password is managed in Secrets Manager */
  readonly masterUsername?: string;
  /**
   * Daily backup window in UTC, `hh24:mi-hh24:mi` (e.g. `'03:00-03:30'`), at least 30 minutes; must
   * not overlap `preferredMaintenanceWindow`.
   * @default - a 30-minute window AWS picks within the Region's 8-hour block
   */
  readonly preferredBackupWindow?: string;
  /** @default - true: `terraform destroy` cannot delete the cluster until this is turned off */
  readonly deletionProtection?: boolean;
  /** @default - no proxy: clients connect to the cluster endpoint */
  readonly proxy?: DatabaseProxyProps;
  /**
   * Create the cluster from a snapshot, a point in time of another cluster, or an Aurora
   * copy-on-write clone (`RestoreSource.snapshot(id, …)`, `.pointInTime({ source, at | latest, … })`,
   * `.clone(source, …)`). The master user and database come from the source, so
   * `masterUsername` and `databaseName` must not be set.
   * @default - a new, empty cluster
   */
  readonly restoreFrom?: RestoreSource;
}

/** Aurora PostgreSQL or MySQL: a writer and standbys placed by zone, with explicit promotion tiers. */
export interface AuroraDatabaseProps extends RdsCommonProps {
  readonly engine: "aurora-postgresql" | "aurora-mysql";
  /** The writer (coordinator) placement. */
  readonly writer: WriterProps;
  /** Standbys; at least one `'failover'` standby must be in another zone than the writer. */
  readonly standbys: readonly StandbyProps[];
  /**
   * Capacity of `db.serverless` instances; required when any instance is `db.serverless`.
   * @default - no Serverless v2 capacity (provisioned instances only)
   */
  readonly serverlessV2Scaling?: ServerlessV2ScalingProps;
  /** DB parameter group applied to the writer and every standby alike. @default - the engine's default group */
  readonly instanceParameterGroupName?: string;
}

/**
 * An RDS Multi-AZ DB cluster: a writer and two readable standbys, one per zone in three zones,
 * all of `instanceClass`, run by RDS. Instances cannot be added.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html
 */
export interface MultiAzClusterDatabaseProps extends RdsCommonProps {
  readonly engine: "rds-multi-az-cluster";
  /** The database engine of the cluster. */
  readonly databaseEngine: "postgres" | "mysql";
  /** Class of the writer and both standbys, e.g. `'db.r6gd.large'` (`db_cluster_instance_class`). */
  readonly instanceClass: string;
  /** Storage of each of the three instances, in GiB (20–65,536). */
  readonly allocatedStorageGib: number;
  /** @default - `'gp3'`: 3,000 IOPS baseline below 400 GiB, 12,000 from 400 GiB, no IOPS to size */
  readonly storageType?: "gp3" | "io1" | "io2";
  /** Provisioned IOPS: required for io1/io2; for gp3 only from 400 GiB. @default - none (gp3 baseline) */
  readonly iops?: number;
  /** Not settable: a Multi-AZ DB cluster's two readable standbys belong to the cluster. */
  readonly standbys?: never;
}

/**
 * Redshift Multi-AZ (RA3): a coordinating cluster in one zone and a supporting cluster of the
 * same node type and count in another, behind one endpoint. AWS runs the pair from one
 * `aws_redshift_cluster`, so node count, key, network and parameter group are the same on both by construction.
 */
export interface RedshiftDatabaseProps extends DatabaseCommonProps {
  readonly engine: "redshift";
  /** RA3 node type, e.g. `'ra3.xlplus'`; Multi-AZ needs RA3. */
  readonly nodeType: string;
  /** Nodes of each of the two clusters, 2–128. @default - 2, the fewest Multi-AZ allows */
  readonly numberOfNodes?: number;
  /** Zone of the coordinating cluster; AWS puts the supporting one in another zone of the subnet group. @default - AWS picks */
  readonly availabilityZone?: string;
  /** @default - `dev` (AWS behaviour) */
  readonly databaseName?: string;
  /** @default - `admin`; the password is managed in Secrets Manager */
  readonly masterUsername?: string;
  /** Port, 5431–5455 or 8191–8215 for Multi-AZ. @default - 5439 */
  readonly port?: number;
  /**
   * Create the warehouse from a cluster snapshot (`RestoreSource.snapshot(id, …)`); Redshift has
   * no point-in-time restore or clone. The master user and database come from the snapshot.
   * @default - a new, empty warehouse
   */
  readonly restoreFrom?: RestoreSource;
}

/**
 * ElastiCache (Valkey or Redis OSS) replication group with Multi-AZ and automatic failover: a
 * primary and replicas in other zones, per shard.
 */
export interface ElastiCacheDatabaseProps extends DatabaseCommonProps {
  readonly engine: "elasticache";
  /** @default - `'valkey'` */
  readonly cacheEngine?: "valkey" | "redis";
  /** Node type of every node, e.g. `'cache.r7g.large'`. */
  readonly nodeType: string;
  /** Zone of the primary (of the first shard, when there are several). */
  readonly primaryAvailabilityZone: string;
  /**
   * One zone per replica of each shard; at least one, in another zone than the primary, so
   * automatic failover has somewhere to go (`num_cache_clusters` = 1 + this length).
   */
  readonly replicaAvailabilityZones: readonly string[];
  /**
   * Shards (node groups), 1–500. Above 1 the group runs in cluster mode, with shard primaries
   * rotated across the zones so one zone's loss fails over as few shards as possible; needs a
   * cluster-mode `parameterGroupName` (e.g. `'default.valkey8.cluster.on'`).
   * @default - 1 (cluster mode disabled)
   */
  readonly shards?: number;
  /**
   * Daily snapshot window in UTC, `hh24:mi-hh24:mi`, at least 60 minutes; must not overlap
   * `preferredMaintenanceWindow`.
   * @default - a 60-minute window ElastiCache picks
   */
  readonly preferredBackupWindow?: string;
  /** @default - 6379 */
  readonly port?: number;
}

/** Props of `MultiAzDatabase`, discriminated by `engine`. */
export type MultiAzDatabaseProps = AuroraDatabaseProps | MultiAzClusterDatabaseProps | RedshiftDatabaseProps | ElastiCacheDatabaseProps;
