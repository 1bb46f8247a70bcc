/**
 * Recovery objectives in the plan: `aws_resiliencehub_resiliency_policy` resources (the resource a
 * team hands to AWS Resilience Hub) and the databases each one governs, by the `resilience:policy`
 * tag on the database's resource. Plain data, as the rest of the topology.
 */

/** Resilience Hub's disruption types, in the order its console lists them. */
export const DISRUPTION_TYPES = ["software", "hardware", "az", "region"] as const;
export type DisruptionType = (typeof DISRUPTION_TYPES)[number];

/** Resilience Hub's policy tiers, from the highest severity to none. */
export const POLICY_TIERS = ["MissionCritical", "Critical", "Important", "CoreServices", "NonCritical", "NotApplicable"] as const;

/** One disruption type's targets. */
export interface RecoveryObjective {
  /** Recovery time objective, ms. */
  readonly rtoMs: number;
  /** Recovery point objective, ms. */
  readonly rpoMs: number;
  /** As written in the plan (a Go duration, e.g. `30s`, `1h0m0s`). */
  readonly rto: string;
  readonly rpo: string;
}

export interface ResiliencePolicyNode {
  readonly address: string;
  /** The policy's `name`: what a database's `resilience:policy` tag names. */
  readonly name: string;
  readonly tier: string;
  /** Targets per disruption type; `region` only when the plan sets one. */
  readonly objectives: Readonly<Partial<Record<DisruptionType, RecoveryObjective>>>;
  /** Addresses of the databases whose `resilience:policy` tag names this policy, in plan order. */
  readonly governs: readonly string[];
}

export interface PolicyTopology {
  /** The plan's resiliency policies; absent when it has none. */
  readonly resiliencePolicies?: readonly ResiliencePolicyNode[];
}
