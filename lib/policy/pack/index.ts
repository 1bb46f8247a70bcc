// The policy pack as pure functions over Terraform JSON: no cdktf, so the CLI can load it.

// Running the pack
export { evaluatePolicy, formatFinding, type PolicyFinding, type PolicyReport } from "./evaluate";
// Rule outcomes, acknowledgements in the plan, and the plan view rules read

export { type Acknowledgement, acknowledgementInPlan, PLAN_COMMENT_KEY, type PlanComment } from "./plan-acknowledgements";
export { type PlanResource, PlanView } from "./plan-view";

// The rules
export type { MappedChecks, PolicyRule, Severity } from "./policy-rule";
export { POLICY_RULES } from "./table";
