import type { PlanResource } from "./plan-view";

/**
 * Acknowledgements travel inside the plan, in the resource's `"//"` block: Terraform ignores
 * `"//"` keys (JSON comments), cdktf writes its own construct metadata there, and `cdktf synth`
 * keeps them in `cdk.tf.json`. So `cdktf-resilience check` honours what was acknowledged in code,
 * and a hand-written plan can acknowledge the same way:
 *
 *   "//": { "cdktf-resilience": { "acknowledged": { "RES-RDS-IAM-AUTH": { "reason": "…", "scope": "app/Orders" } } } }
 */

/** The key of this package's entry in a resource's `"//"` block. */
export const PLAN_COMMENT_KEY = "cdktf-resilience";

/** An accepted finding: why, and where in the construct tree it was acknowledged. */
export interface Acknowledgement {
  readonly reason: string;
  /** Construct path of the scope that acknowledged it (absent in hand-written plans). */
  readonly scope?: string;
}

/** The `"//"` entry for a resource's acknowledgements, by rule id. */
export interface PlanComment {
  readonly acknowledged: Readonly<Record<string, Acknowledgement>>;
}

/** The acknowledgement of `ruleId` written in the resource's `"//"` block; one without a reason does not count. */
export function acknowledgementInPlan(resource: PlanResource, ruleId: string): Acknowledgement | undefined {
  const entry = record(record(record(resource.attributes["//"])?.[PLAN_COMMENT_KEY])?.acknowledged)?.[ruleId];
  const ack = record(entry);
  if (!ack || typeof ack.reason !== "string" || ack.reason.trim() === "") return undefined;
  return typeof ack.scope === "string" ? { reason: ack.reason, scope: ack.scope } : { reason: ack.reason };
}

function record(x: unknown): Record<string, unknown> | undefined {
  return x !== null && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}
