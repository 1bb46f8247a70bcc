/**
 * The vocabulary shared by the constructs (which write it into tags) and the runtime (which reads
 * it back from `cdk.tf.json`). This file imports nothing, so `runtime/` may import it without
 * pulling in cdktf. Changing a value here is a breaking change of the plan contract.
 */

/** Prefix of every tag key this package writes. */
export const TAG_PREFIX = "resilience:";

/** Tag keys (DESIGN.md §3). */
export const TAG = {
  /** What the tagged resource does in a resilient topology; values in {@link ROLES}. */
  role: "resilience:role",
  /** The construct path that groups the resources of one topology. */
  topology: "resilience:topology",
  /** Address of the resource this one pairs with, where the pairing is not derivable. */
  pairsWith: "resilience:pairs-with",
} as const;

/** Values of the `resilience:role` tag. */
export const ROLES = ["coordinator", "supporting", "contingency", "primary-capacity", "cache", "processing"] as const;
export type Role = (typeof ROLES)[number];

/** Database engines `MultiAzDatabase` synthesizes. */
export const ENGINES = ["aurora-postgresql", "aurora-mysql"] as const;
export type Engine = (typeof ENGINES)[number];

/**
 * Promotion tiers as Aurora uses them: lower is promoted first. The writer is tier 0; failover
 * standbys are tier 1 so no reader can ever outrank them; read replicas start at tier 2.
 */
export const PROMOTION_TIER = { writer: 0, failover: 1, readMin: 2, max: 15 } as const;
