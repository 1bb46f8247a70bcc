import type { PlanResource, PlanView } from "../plan-view";
import { blocksAttr, type Known, stringAttr, stringListAttr, UNKNOWN } from "../values";

/** One statement of an IAM policy, normalized from policy JSON or an `aws_iam_policy_document`. */
export interface Statement {
  readonly effect: "Allow" | "Deny";
  /** `Action` (or `NotAction`, which grants everything else and counts as broad). */
  readonly actions: readonly string[];
  readonly notAction: boolean;
  /** `Resource`; `NotResource` counts as `*`. */
  readonly resources: readonly string[];
  readonly hasCondition: boolean;
}

/**
 * The statements of a policy value as written in the plan: a literal JSON string, or a reference
 * to an `aws_iam_policy_document` data source's `json`. Anything else (a `jsonencode(...)`
 * expression, a file) is known only after apply.
 */
export function policyStatements(value: unknown, plan: PlanView): Known<readonly Statement[]> {
  const target = plan.target(value);
  if (target?.resource.type === "aws_iam_policy_document" && target.resource.mode === "data") return documentStatements(target.resource);
  const text = stringAttr(value);
  if (typeof text !== "string") return UNKNOWN;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return UNKNOWN;
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: Statement[] = [];
  for (const s of list) {
    if (s === null || typeof s !== "object") return UNKNOWN;
    const st = s as Record<string, unknown>;
    const actions = asList(st.Action ?? st.NotAction);
    const resources = st.NotResource !== undefined ? ["*"] : asList(st.Resource);
    if (actions === UNKNOWN || resources === UNKNOWN) return UNKNOWN;
    statements.push({
      effect: st.Effect === "Deny" ? "Deny" : "Allow",
      actions,
      notAction: st.NotAction !== undefined,
      resources,
      hasCondition: st.Condition !== undefined,
    });
  }
  return statements;
}

function documentStatements(doc: PlanResource): Known<readonly Statement[]> {
  const blocks = blocksAttr(doc.attributes, "statement");
  if (blocks === UNKNOWN) return UNKNOWN;
  const statements: Statement[] = [];
  for (const b of blocks) {
    const actions = stringListAttr(b.actions ?? b.not_actions) ?? [];
    const resources = b.not_resources !== undefined ? ["*"] : (stringListAttr(b.resources) ?? []);
    if (actions === UNKNOWN || resources === UNKNOWN) return UNKNOWN;
    const conditions = blocksAttr(b, "condition");
    statements.push({
      effect: stringAttr(b.effect) === "Deny" ? "Deny" : "Allow",
      actions,
      notAction: b.not_actions !== undefined,
      resources,
      hasCondition: conditions === UNKNOWN || conditions.length > 0,
    });
  }
  return statements;
}

function asList(v: unknown): Known<readonly string[]> {
  if (v === undefined) return [];
  if (typeof v === "string") return [v];
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : UNKNOWN;
}

/** Read-only API calls cannot be scoped to resources in IAM, so `Resource: "*"` is expected for them. */
function isReadOnly(action: string): boolean {
  return /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z0-9*]*$/i.test(action) && !action.endsWith(":*");
}

/** The first over-broad grant among the statements, described; `undefined` when they are scoped. */
export function wildcardGrant(statements: readonly Statement[]): string | undefined {
  for (const s of statements) {
    if (s.effect !== "Allow") continue;
    if (s.notAction) return `allows every action except ${s.actions.join(", ")} (NotAction)`;
    const everything = s.actions.find((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));
    if (everything) return `allows "${everything}"`;
    if (s.hasCondition || !s.resources.includes("*")) continue;
    const write = s.actions.find((a) => !isReadOnly(a));
    if (write) return `allows "${write}" on every resource ("*") without a condition`;
  }
  return undefined;
}
