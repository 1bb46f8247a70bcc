import type { EngineFamily } from "../../lib/contract/plan-contract";

/**
 * The topology model the runtime builds from a plan: what exists, where, and in which role.
 * Plain data (no classes), so it serializes to JSON for `inspect --json` as it is.
 */

import type { InfrastructureTopology } from "./topology-infrastructure";
import type { PolicyTopology } from "./topology-policies";

/** A reference to another node of the topology by Terraform address, or an external value. */
export type Link = { readonly address: string } | { readonly external: string };

export interface Zone {
  /** Availability Zone name, e.g. `us-east-1a`. */
  readonly name: string;
  /** Addresses of the subnets in this zone. */
  readonly subnets: readonly string[];
}

export interface SubnetNode {
  readonly address: string;
  readonly availabilityZone?: string;
  readonly cidrBlock?: string;
  /** The tags AWS would hold: the provider's `default_tags` merged with the resource's `tags` (resource wins). */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface KmsKeyNode {
  readonly address: string;
  readonly rotation: boolean;
}

/** How the loader decided an instance's role; shown by `inspect` so surprises are explainable. */
export type RoleSource =
  | "tag" // resilience:role tag
  | "depends-on" // the other instances of the cluster wait for it (how our constructs pin the writer)
  | "lowest-tier" // no tag, no dependency: lowest promotion tier, first in plan order (AWS would take the first created)
  | "promotion-tier" // Aurora non-writers: tier ≤ 1 failover, ≥ 2 read
  | "engine" // the service fixes the role: a Multi-AZ DB cluster's standbys, Redshift's supporting cluster, ElastiCache's primary (first zone) and replicas, a Multi-AZ DB instance's standby
  | "global-secondary" // a secondary cluster of an Aurora global database: read-only, no writer until a global failover or switchover
  | "autoscaling"; // a replica Aurora Auto Scaling keeps (the scalable target's min_capacity): promotion tier 15

/** The kinds of database the topology models: the engine families, plus RDS DB instances (`aws_db_instance`). */
export type DatabaseKind = EngineFamily | "rds-instance";

/** A value the verdict depends on that the plan does not fix (known only after apply, or not set in the file). */
export interface UnknownValue {
  /** The resource (instance) address. */
  readonly address: string;
  /** The attribute path, e.g. `instance_class`, `for_each`, `serverlessv2_scaling_configuration[0].min_capacity`. */
  readonly attribute: string;
  /** Why the loader could not read it (a variable without default, a data source, a value known after apply…). */
  readonly why: readonly string[];
}

/**
 * One compute member of a database: an Aurora instance, one of a Multi-AZ DB cluster's three
 * instances, one of Redshift Multi-AZ's two clusters, one node of an ElastiCache shard. Members
 * that AWS runs without a resource of their own (all but Aurora's) share their resource's address
 * and are told apart by `member`.
 */
export interface DatabaseInstanceNode {
  /** The resource that declares the member. */
  readonly address: string;
  /** Unique within the database: the address for Aurora; `writer`, `standby-1`, `coordinator`, `supporting`, `<group>-0001-002`… otherwise. */
  readonly member: string;
  readonly identifier?: string;
  /** Instance class or node type; `unknown` when the plan leaves it to apply time. */
  readonly instanceClass: string;
  /** Redshift: compute nodes of this cluster (both halves of a Multi-AZ pair have the same count). */
  readonly nodeCount?: number;
  /** Absent when AWS picks the zone (see `candidateZones`). */
  readonly availabilityZone?: string;
  /** When AWS picks the zone: the zones it picks from (a Multi-AZ DB cluster puts one member in each). */
  readonly candidateZones?: readonly string[];
  /** Aurora only: the promotion tier (Terraform's default 0 when the plan omits it). */
  readonly promotionTier?: number;
  /** Aurora only: false when the plan omits `promotion_tier` and Terraform sends its default, 0. */
  readonly promotionTierExplicit?: boolean;
  /** Aurora Serverless v2 in tier 0–1: its capacity follows the writer's. */
  readonly scalesWithWriter?: boolean;
  /** ElastiCache: the shard (node group id) the node belongs to. */
  readonly shard?: string;
  /** False for a member that serves no reads: a Multi-AZ DB instance's standby. */
  readonly readable?: boolean;
  /** A member no resource declares, which AWS adds: the `aws_appautoscaling_target` that keeps it. */
  readonly addedBy?: string;
  readonly role: "writer" | "failover" | "read";
  readonly roleSource: RoleSource;
  /** The tags AWS would hold on the member's resource: provider `default_tags` merged with its `tags` (resource wins). */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface DatabaseClusterNode {
  readonly address: string;
  /** How the topology fails over (one kind per engine family, as in `lib/contract/plan-contract.ts`, and `rds-instance`). */
  readonly kind: DatabaseKind;
  readonly engine: string;
  readonly identifier?: string;
  /** The region the database runs in (identifiers are unique per region); absent when the plan names none. */
  readonly region?: string;
  /** Membership of an Aurora global database: the primary has the writer, a secondary is read-only. */
  readonly global?: { readonly address: string; readonly identifier?: string; readonly role: "primary" | "secondary" };
  /** Aurora Auto Scaling of the readers (`aws_appautoscaling_target`, `rds:cluster:ReadReplicaCount`). */
  readonly autoscaling?: { readonly address: string; readonly minCapacity: number; readonly maxCapacity?: number };
  /** Values the plan does not fix that this database's model depends on; a run refuses to judge it (see `unknownBlockers`). */
  readonly unknown?: readonly UnknownValue[];
  readonly storageEncrypted: boolean;
  readonly kmsKey?: Link;
  readonly subnetGroup?: Link;
  /** Zones the subnet group spans. */
  readonly zones: readonly string[];
  /** Value of the `resilience:topology` tag, when the cluster was made by our constructs. */
  readonly topology?: string;
  /** Redshift `multi_az`, ElastiCache `multi_az_enabled`; absent for RDS clusters, whose zones follow their members. */
  readonly multiAz?: boolean;
  /** ElastiCache `automatic_failover_enabled`: without it replicas are never promoted (they are `read`). */
  readonly automaticFailover?: boolean;
  /** ElastiCache: node groups (1 without cluster mode). */
  readonly shards?: number;
  /** Aurora Serverless v2 capacity range, in ACUs. */
  readonly serverlessV2?: { readonly minCapacity?: number; readonly maxCapacity?: number };
  /** Writer first, then by promotion tier (Aurora) or shard and member order. */
  readonly instances: readonly DatabaseInstanceNode[];
  /** The tags AWS would hold: the provider's `default_tags` merged with the resource's `tags` (resource wins). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A resource the runtime does not model; kept so nothing in the plan is silently dropped. */
export interface OpaqueNode {
  readonly address: string;
  readonly type: string;
}

/** What `buildTopology` derives: the databases and their network. */
export interface BaseTopology {
  /** Where the plan came from (file path, or `<memory>`). */
  readonly source: string;
  /** `terraform-json` (a `cdk.tf.json` or `.tf.json`) or `show-json` (`terraform show -json` of a plan or state). */
  readonly format?: "terraform-json" | "show-json";
  readonly region?: string;
  readonly zones: readonly Zone[];
  readonly subnets: readonly SubnetNode[];
  readonly kmsKeys: readonly KmsKeyNode[];
  readonly databases: readonly DatabaseClusterNode[];
  readonly opaque: readonly OpaqueNode[];
  /** Things worth knowing that are not errors (e.g. instances placed by AWS). */
  readonly notes: readonly string[];
  /** Every value the plan does not fix that a database's model depends on (those of `databases[].unknown`, and resources whose count is unknown). */
  readonly unknowns: readonly UnknownValue[];
}

/** The whole topology: databases and network, plus the infrastructure around them. */
export interface Topology extends BaseTopology, InfrastructureTopology, PolicyTopology {}
