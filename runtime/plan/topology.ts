/**
 * The topology model the runtime builds from a plan: what exists, where, and in which role.
 * Plain data (no classes), so it serializes to JSON for `inspect --json` as it is.
 */

import type { InfrastructureTopology } from "./topology-infrastructure";

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
  | "promotion-tier"; // non-writers: tier ≤ 1 failover, ≥ 2 read

export interface DatabaseInstanceNode {
  readonly address: string;
  readonly identifier?: string;
  readonly instanceClass: string;
  /** Absent when the plan leaves the zone to AWS. */
  readonly availabilityZone?: string;
  readonly promotionTier: number;
  /** False when the plan omits `promotion_tier` and Terraform sends its default, 0. */
  readonly promotionTierExplicit: boolean;
  readonly role: "writer" | "failover" | "read";
  readonly roleSource: RoleSource;
}

export interface DatabaseClusterNode {
  readonly address: string;
  readonly kind: "aurora" | "rds-cluster";
  readonly engine: string;
  readonly identifier?: string;
  readonly storageEncrypted: boolean;
  readonly kmsKey?: Link;
  readonly subnetGroup?: Link;
  /** Zones the cluster's subnet group spans. */
  readonly zones: readonly string[];
  /** Value of the `resilience:topology` tag, when the cluster was made by our constructs. */
  readonly topology?: string;
  /** Writer first, then by promotion tier. */
  readonly instances: readonly DatabaseInstanceNode[];
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
  readonly region?: string;
  readonly zones: readonly Zone[];
  readonly subnets: readonly SubnetNode[];
  readonly kmsKeys: readonly KmsKeyNode[];
  readonly databases: readonly DatabaseClusterNode[];
  readonly opaque: readonly OpaqueNode[];
  /** Things worth knowing that are not errors (e.g. instances placed by AWS). */
  readonly notes: readonly string[];
}

/** The whole topology: databases and network, plus the infrastructure around them. */
export interface Topology extends BaseTopology, InfrastructureTopology {}
