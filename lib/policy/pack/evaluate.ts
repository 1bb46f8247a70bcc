import { isNonCompliant } from "./outcome";
import { type Acknowledgement, acknowledgementInPlan } from "./plan-acknowledgements";
import type { PlanResource, PlanView } from "./plan-view";
import type { MappedChecks, PolicyRule, Severity } from "./policy-rule";
import { POLICY_RULES } from "./table";

/** One rule that one resource fails. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Terraform address, e.g. `aws_rds_cluster.Orders_A9B65338`. */
  readonly address: string;
  /** What is wrong (the rule's problem). */
  readonly problem: string;
  /** The offending setting as found, e.g. `storage_encrypted is false`. */
  readonly found: string;
  readonly fix: string;
  readonly mapped: MappedChecks;
  /** Present when the finding was accepted on purpose; it then fails nothing. */
  readonly acknowledged?: Acknowledgement;
}

/** Every finding of one evaluation, with counts. */
export interface PolicyReport {
  readonly findings: readonly PolicyFinding[];
  /** Unacknowledged error findings: any of these fails synth and `check`. */
  readonly errors: readonly PolicyFinding[];
  /** Unacknowledged warnings. */
  readonly warnings: readonly PolicyFinding[];
  readonly acknowledged: readonly PolicyFinding[];
  readonly rules: number;
  readonly resources: number;
  /** No unacknowledged error. */
  readonly passed: boolean;
}

export interface EvaluateOptions {
  /** Where acknowledgements come from. @default - the resource's `"//"` block in the plan */
  readonly acknowledgement?: (resource: PlanResource, ruleId: string) => Acknowledgement | undefined;
  /** @default - every rule of the pack */
  readonly rules?: readonly PolicyRule[];
}

/** Runs the pack over every resource of the plan. */
export function evaluatePolicy(plan: PlanView, options: EvaluateOptions = {}): PolicyReport {
  const rules = options.rules ?? POLICY_RULES;
  const acknowledgementFor = options.acknowledgement ?? acknowledgementInPlan;
  const findings: PolicyFinding[] = [];
  for (const rule of rules) {
    for (const type of rule.resourceTypes) {
      for (const resource of plan.ofType(type)) {
        const outcome = rule.check(resource, plan);
        if (!isNonCompliant(outcome)) continue;
        const acknowledged = acknowledgementFor(resource, rule.id);
        findings.push({
          ruleId: rule.id,
          severity: rule.severity,
          address: resource.address,
          problem: rule.problem,
          found: outcome.found,
          fix: rule.fix,
          mapped: rule.mapped,
          ...(acknowledged ? { acknowledged } : {}),
        });
      }
    }
  }
  const open = findings.filter((f) => !f.acknowledged);
  const errors = open.filter((f) => f.severity === "error");
  return {
    findings,
    errors,
    warnings: open.filter((f) => f.severity === "warning"),
    acknowledged: findings.filter((f) => f.acknowledged),
    rules: rules.length,
    resources: plan.resources.length,
    passed: errors.length === 0,
  };
}

/** One line per finding: `RES-RDS-ENCRYPTION aws_rds_cluster.x: storage is not encrypted at rest (storage_encrypted is false). Fix: …`. */
export function formatFinding(f: PolicyFinding): string {
  return `${f.ruleId} ${f.address}: ${f.problem} (${f.found}). Fix: ${f.fix}`;
}
