/**
 * Reads `aws_resiliencehub_resiliency_policy` resources and the databases each governs (see
 * `topology-policies.ts`). What the AWS provider and Resilience Hub would refuse is a problem here,
 * with the attribute's path: a name outside 2–60 letters, digits, `_` and `-`; a tier Resilience
 * Hub does not know; a missing `az`, `hardware` or `software` block; an RTO or RPO that is not a
 * Go duration. So is a database tag naming a policy the plan does not hold, or two policies of one
 * name (the tag would be ambiguous).
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/resiliencehub_resiliency_policy
 * @see https://docs.aws.amazon.com/resilience-hub/latest/APIReference/API_CreateResiliencyPolicy.html
 */
import { parseGoDuration, TAG } from "../../lib/contract/plan-contract";
import type { PlanProblem } from "./plan-error";
import type { PlanReader } from "./plan-reader";
import { UNKNOWN } from "./resolve";
import type { ResourceNode } from "./resources";
import type { DatabaseClusterNode } from "./topology";
import {
  DISRUPTION_TYPES,
  type DisruptionType,
  POLICY_TIERS,
  type PolicyTopology,
  type RecoveryObjective,
  type ResiliencePolicyNode,
} from "./topology-policies";

/** The AWS provider's rule for `name`. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]+$/;
const NAME_MAX = 60;
/** Blocks the provider requires; `region` is optional. */
const REQUIRED: readonly DisruptionType[] = ["software", "hardware", "az"];

/** The plan's policies, without `governs` (see {@link associatePolicies}). */
export function buildResiliencePolicies(p: PlanReader, problems: PlanProblem[]): Omit<ResiliencePolicyNode, "governs">[] {
  return p.byType("aws_resiliencehub_resiliency_policy").map((n) => readPolicy(p, n, problems));
}

function readPolicy(p: PlanReader, n: ResourceNode, problems: PlanProblem[]): Omit<ResiliencePolicyNode, "governs"> {
  const at = (attr: string) => `${n.path}.${attr}`;
  const known = (attr: string, v: unknown): string | undefined => {
    if (p.resolver.literal(v) === UNKNOWN) {
      problems.push({
        path: at(attr),
        message: "is known only after apply",
        expected: "a value the plan fixes (a literal, or a variable with a default)",
      });
      return undefined;
    }
    return p.str(v);
  };
  const name = known("name", n.body.name) ?? n.name;
  if (p.resolver.literal(n.body.name) !== UNKNOWN && (name.length < 2 || name.length > NAME_MAX || !NAME.test(name)))
    problems.push({
      path: at("name"),
      message: `found "${name}"`,
      expected: `2 to ${NAME_MAX} characters: letters, digits, _ and -, starting with a letter or digit`,
    });
  const tier = known("tier", n.body.tier) ?? "";
  if (p.resolver.literal(n.body.tier) !== UNKNOWN && !(POLICY_TIERS as readonly string[]).includes(tier))
    problems.push({ path: at("tier"), message: `found "${tier}"`, expected: `one of ${POLICY_TIERS.join(", ")}` });
  const policy = p.block(n.body.policy);
  const objectives: Partial<Record<DisruptionType, RecoveryObjective>> = {};
  if (!policy) {
    problems.push({
      path: at("policy"),
      message: "is missing",
      expected: "a policy block with az, hardware and software blocks, each with rto and rpo",
    });
    return { address: n.address, name, tier, objectives };
  }
  for (const type of DISRUPTION_TYPES) {
    const block = p.block(policy[type]);
    const path = at(`policy.${type}`);
    if (!block) {
      if (REQUIRED.includes(type))
        problems.push({
          path,
          message: "is missing",
          expected: `a ${type} block with rto and rpo (Go durations, e.g. rto = "5m", rpo = "0s")`,
        });
      continue;
    }
    const rto = duration(p, block.rto, `${path}.rto`, problems);
    const rpo = duration(p, block.rpo, `${path}.rpo`, problems);
    if (rto && rpo) objectives[type] = { rtoMs: rto.ms, rpoMs: rpo.ms, rto: rto.text, rpo: rpo.text };
  }
  return { address: n.address, name, tier, objectives };
}

function duration(p: PlanReader, v: unknown, path: string, problems: PlanProblem[]): { ms: number; text: string } | undefined {
  if (v === undefined) {
    problems.push({ path, message: "is missing", expected: 'a Go duration, e.g. "30s", "5m", "1h0m0s"' });
    return undefined;
  }
  if (p.resolver.literal(v) === UNKNOWN) {
    problems.push({
      path,
      message: "is known only after apply",
      expected: "a duration the plan fixes (a literal, or a variable with a default)",
    });
    return undefined;
  }
  const text = p.str(v) ?? String(p.resolver.literal(v));
  const ms = parseGoDuration(text);
  if (ms === undefined) {
    problems.push({
      path,
      message: `found "${text}"`,
      expected: 'a Go duration, not negative: a number and a unit (ns, us, ms, s, m, h), e.g. "30s", "1h0m0s"',
    });
    return undefined;
  }
  return { ms, text };
}

/**
 * Each policy with the databases that name it in their `resilience:policy` tag. A tag naming no
 * policy of the plan, and two policies sharing a name, are problems (pointing at the tag and the
 * second policy). `{}` when the plan has no policy and no database carries the tag.
 */
export function associatePolicies(
  policies: readonly Omit<ResiliencePolicyNode, "governs">[],
  databases: readonly DatabaseClusterNode[],
  pathOf: (address: string) => string,
  problems: PlanProblem[],
): PolicyTopology {
  const byName = new Map<string, Omit<ResiliencePolicyNode, "governs">>();
  for (const policy of policies) {
    const first = byName.get(policy.name);
    if (first)
      problems.push({
        path: `${pathOf(policy.address)}.name`,
        message: `"${policy.name}" is also the name of ${first.address}, so a resilience:policy tag naming it is ambiguous`,
        expected: "a name no other aws_resiliencehub_resiliency_policy of the plan has",
      });
    else byName.set(policy.name, policy);
  }
  const governs = new Map<string, string[]>();
  for (const db of databases) {
    const named = db.tags?.[TAG.policy];
    if (named === undefined) continue;
    if (!byName.has(named)) {
      const held = [...byName.keys()];
      problems.push({
        path: `${pathOf(db.address)}.tags["${TAG.policy}"]`,
        message: `names policy "${named}", which the plan does not hold`,
        expected: held.length
          ? `the name of an aws_resiliencehub_resiliency_policy of the plan (${held.join(", ")})`
          : "the name of an aws_resiliencehub_resiliency_policy: add one to the plan, or remove the tag",
      });
      continue;
    }
    governs.set(named, [...(governs.get(named) ?? []), db.address]);
  }
  if (policies.length === 0) return {};
  return {
    resiliencePolicies: policies.map((policy) => ({
      ...policy,
      governs: byName.get(policy.name) === policy ? (governs.get(policy.name) ?? []) : [],
    })),
  };
}
