/**
 * The vocabulary shared by the constructs (which write it into tags) and the runtime (which reads
 * it back from `cdk.tf.json`). This file imports nothing, so `runtime/` may import it without
 * pulling in cdktf. Changing a value here is a breaking change of the plan contract.
 */

/** Prefix of every tag key this package writes. */
export const TAG_PREFIX = "resilience:";

/** Tag keys the constructs write and the runtime reads: this file is the contract between them. */
export const TAG = {
  /** What the tagged resource does in a resilient topology; values in {@link ROLES}. */
  role: "resilience:role",
  /** The construct path that groups the resources of one topology. */
  topology: "resilience:topology",
  /** Address of the resource this one pairs with, where the pairing is not derivable. */
  pairsWith: "resilience:pairs-with",
  /** On a contingency spot pool: the topology whose failover may revoke its leases */
  contingencyFor: "resilience:contingency-for",
  /** On a contingency spot pool: how many instances are designated (never more leased than this). */
  designatedCount: "resilience:designated-count",
  /** On a processing node (`resilience:role = processing`): processing groups it hosts. */
  processingGroups: "resilience:processing-groups",
  /** On a processing node: compute processes under each group's leader. */
  computeProcesses: "resilience:compute-processes",
  /**
   * On a database's resource: the `name` of the `aws_resiliencehub_resiliency_policy` whose recovery
   * objectives govern it (`cdktf-resilience assess` measures them).
   */
  policy: "resilience:policy",
  /**
   * On an ElastiCache replication group: its id. FIS selects replication groups by tag only (not by
   * ARN), and the id is unique in the account and region, so a drill hits this group and no other.
   */
  drillTarget: "resilience:drill-target",
} as const;

/** Values of the `resilience:role` tag. */
export const ROLES = ["coordinator", "supporting", "contingency", "primary-capacity", "cache", "processing"] as const;
export type Role = (typeof ROLES)[number];

/** Database engines `MultiAzDatabase` synthesizes (the `engine` prop). */
export const ENGINES = ["aurora-postgresql", "aurora-mysql", "rds-multi-az-cluster", "redshift", "elasticache"] as const;
export type Engine = (typeof ENGINES)[number];

/**
 * The four ways a multi-AZ topology is built, shared by the constructs (one renderer each) and
 * the plan loader (the `kind` of a database in the topology):
 * - `aurora`: `aws_rds_cluster` + `aws_rds_cluster_instance`s with promotion tiers;
 * - `rds-multi-az-cluster`: `aws_rds_cluster` (postgres/mysql) with a writer and two readable
 *   standbys in three zones, run by RDS (never an `aws_rds_cluster_instance`);
 * - `redshift`: `aws_redshift_cluster` with `multi_az`: a coordinating cluster and a supporting
 *   cluster of the same shape in another zone;
 * - `elasticache`: `aws_elasticache_replication_group`: a primary and replicas per shard.
 */
export const ENGINE_FAMILIES = ["aurora", "rds-multi-az-cluster", "redshift", "elasticache"] as const;
export type EngineFamily = (typeof ENGINE_FAMILIES)[number];

/** The family each engine belongs to. */
export const ENGINE_FAMILY: Readonly<Record<Engine, EngineFamily>> = {
  "aurora-postgresql": "aurora",
  "aurora-mysql": "aurora",
  "rds-multi-az-cluster": "rds-multi-az-cluster",
  redshift: "redshift",
  elasticache: "elasticache",
};

/**
 * Promotion tiers as Aurora uses them: lower is promoted first. The writer is tier 0; failover
 * standbys are tier 1 so no reader can ever outrank them; read replicas start at tier 2.
 */
export const PROMOTION_TIER = { writer: 0, failover: 1, readMin: 2, max: 15 } as const;

/**
 * "An Aurora DB cluster can contain up to 15 Aurora Replicas" besides its writer
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Replication.html).
 */
export const AURORA_REPLICAS_MAX = 15;

/**
 * Aurora Serverless v2 readers in promotion tiers 0 and 1 scale with the writer, so a failover
 * finds them at the writer's capacity; readers in tiers 2–15 scale on their own read load.
 */
export const SERVERLESS_SCALES_WITH_WRITER_MAX_TIER = 1;

/** Aurora Serverless v2 instance class; its capacity is set in ACUs on the cluster. */
export const SERVERLESS_INSTANCE_CLASS = "db.serverless";

/** Memory of one Aurora capacity unit (ACU), in GiB. */
export const GIB_PER_ACU = 2;

/** What the runtime reads from the `contingency_designations_<id>` output (JSON). */
export interface ContingencyDesignation {
  /** The service (`resilience:topology`) the capacity is designated for. */
  readonly topology: string;
  /**
   * `count`: N on the pool, no specific instances; `named`: the listed instances or hosts only;
   * `interruptible-reservation`: a reservation in the contingency zone, lent out until reclaimed.
   */
  readonly mode: "count" | "named" | "interruptible-reservation";
  readonly primaryAvailabilityZone: string;
  readonly contingencyAvailabilityZone: string;
  readonly instanceType: string;
  readonly primaryCount: number;
  readonly designatedCount: number;
  /** Named mode: the designated instance or host ids, `designatedCount` of them. */
  readonly designatedInstances?: readonly string[];
  readonly minimumBidPerHour: number;
}

/** RTO and RPO are written as Go durations in the plan (`aws_resiliencehub_resiliency_policy`); both halves parse them alike. */
export { formatGoDuration, parseGoDuration } from "./go-duration";
