import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyCheck } from "../outcome";
import type { PlanResource, PlanView } from "../plan-view";
import { blocksAttr, type Known, stringAttr, stringListAttr, UNKNOWN } from "../values";
import { policyStatements, wildcardGrant } from "./iam-statements";

/** AWS managed policies that grant a whole service or more. */
const BROAD_MANAGED_POLICY = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess|[A-Za-z0-9]*FullAccess)$/;

/**
 * RES-FIS-ROLE-SCOPE: the role an `aws_fis_experiment_template` assumes grants no wildcard: no
 * `*` or `service:*` action, and no state-changing action on `Resource: "*"` without a condition.
 * FIS acts with this role during a drill; a wildcard role turns a drill into an outage. The
 * role's policies are read from the plan (inline policies, `aws_iam_role_policy`, attachments of
 * `aws_iam_policy` and AWS managed policies); a role or policy defined outside the plan, or
 * written as an expression, cannot be judged here.
 */
export const fisRoleLeastPrivilege: PolicyCheck = (r, plan) => {
  const role = plan.target(r.attributes.role_arn)?.resource;
  if (role?.type !== "aws_iam_role") return NOT_APPLICABLE;
  let unknown = false;
  for (const { source, grant } of roleGrants(role, plan)) {
    if (grant === UNKNOWN) unknown = true;
    else if (grant) return nonCompliant(`${source} ${grant}`);
  }
  return unknown ? NOT_APPLICABLE : COMPLIANT;
};

interface Grant {
  readonly source: string;
  /** The over-broad grant, `undefined` when scoped. */
  readonly grant: Known<string | undefined>;
}

function roleGrants(role: PlanResource, plan: PlanView): Grant[] {
  const grants: Grant[] = [];
  const inline = blocksAttr(role.attributes, "inline_policy");
  if (inline === UNKNOWN) grants.push({ source: role.address, grant: UNKNOWN });
  else for (const p of inline) grants.push({ source: `${role.address} inline policy`, grant: documentGrant(p.policy, plan) });

  for (const p of plan.ofType("aws_iam_role_policy"))
    if (namesRole(p.attributes.role, role, plan)) grants.push({ source: p.address, grant: documentGrant(p.attributes.policy, plan) });

  const attached: unknown[] = [];
  for (const a of plan.ofType("aws_iam_role_policy_attachment"))
    if (namesRole(a.attributes.role, role, plan)) attached.push(a.attributes.policy_arn);
  const managed = stringListAttr(role.attributes.managed_policy_arns);
  if (managed === UNKNOWN) grants.push({ source: role.address, grant: UNKNOWN });
  else attached.push(...(managed ?? []));
  for (const arn of attached) grants.push(managedPolicyGrant(arn, plan));
  return grants;
}

function namesRole(value: unknown, role: PlanResource, plan: PlanView): boolean {
  if (plan.refersTo(value, role)) return true;
  const name = stringAttr(role.attributes.name);
  return typeof name === "string" && stringAttr(value) === name;
}

function documentGrant(policy: unknown, plan: PlanView): Known<string | undefined> {
  const statements = policyStatements(policy, plan);
  return statements === UNKNOWN ? UNKNOWN : wildcardGrant(statements);
}

function managedPolicyGrant(arn: unknown, plan: PlanView): Grant {
  const policy = plan.target(arn)?.resource;
  if (policy?.type === "aws_iam_policy") return { source: policy.address, grant: documentGrant(policy.attributes.policy, plan) };
  const literal = stringAttr(arn);
  if (typeof literal === "string" && BROAD_MANAGED_POLICY.test(literal))
    return { source: "the attached AWS managed policy", grant: `${literal.slice(literal.lastIndexOf("/") + 1)} grants whole services` };
  // Other AWS managed policies (e.g. AWSFaultInjectionSimulator*Access) are curated by AWS;
  // customer policies outside the plan cannot be read.
  return { source: String(arn), grant: typeof literal === "string" && literal.includes(":aws:policy/") ? undefined : UNKNOWN };
}
