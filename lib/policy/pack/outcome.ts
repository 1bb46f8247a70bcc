import type { PlanResource, PlanView } from "./plan-view";

/**
 * What a rule says about one resource (cdk-nag's shape): compliant, not applicable (the rule does
 * not concern this resource, or its value is known only after apply), or non-compliant with what
 * was found, so the message can name the offending value.
 */
export type Outcome = "compliant" | "not-applicable" | NonCompliant;

export interface NonCompliant {
  readonly status: "non-compliant";
  /** The offending setting as found in the plan, e.g. `storage_encrypted is false`. */
  readonly found: string;
}

export const COMPLIANT = "compliant" satisfies Outcome;
export const NOT_APPLICABLE = "not-applicable" satisfies Outcome;

export function nonCompliant(found: string): NonCompliant {
  return { status: "non-compliant", found };
}

export function isNonCompliant(o: Outcome): o is NonCompliant {
  return typeof o === "object";
}

/**
 * A policy rule: a pure function of one resource (its type and synthesized attributes) and a read-only
 * view of the whole plan for rules that look across resources. It never throws and never reads
 * anything else, so the Aspect (at synth) and the CLI (on any cdk.tf.json) give the same answer.
 */
export type PolicyCheck = (resource: PlanResource, plan: PlanView) => Outcome;
