import { findAcknowledgement, registerWarningIds } from "./acknowledge";
import { Annotations, Aspects, type IConstruct } from "./cdktf";
import { formatProblems, type Problem } from "./errors";

/** A problem as a rule reports it; the runner adds the rule id. */
export type Finding = Omit<Problem, "id">;

/**
 * One cross-field rule of a construct's rule table (aws-cdk style). `check` returns every
 * finding (or none); rules never throw, so one synth reports all problems together.
 */
export interface Rule<C> {
  /** Stable id, `resilience:<name>`; warnings are acknowledged by it. */
  readonly id: string;
  /** `error` fails synth; `warning` is an annotation the user can acknowledge. */
  readonly severity: "error" | "warning";
  readonly check: (ctx: C) => readonly Finding[];
}

export interface RuleResults {
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
}

export function defineRules<C>(rules: readonly Rule<C>[]): readonly Rule<C>[] {
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new Error(`duplicate rule id ${r.id}`);
    ids.add(r.id);
  }
  registerWarningIds(rules.filter((r) => r.severity === "warning").map((r) => r.id));
  return rules;
}

export function evaluateRules<C>(rules: readonly Rule<C>[], ctx: C): RuleResults {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  for (const rule of rules) {
    for (const f of rule.check(ctx)) (rule.severity === "error" ? errors : warnings).push({ id: rule.id, ...f });
  }
  return { errors, warnings };
}

/**
 * Wires a rule table into a construct: errors become one cdktf validation message (all problems
 * at once, construct path on each line); warnings become annotations unless acknowledged.
 * Rules run once, lazily at synth, so props changed after construction are still checked.
 */
export function attachRules<C>(construct: IConstruct, kind: string, rules: readonly Rule<C>[], ctx: () => C): void {
  let cached: RuleResults | undefined;
  const results = (): RuleResults => {
    cached ??= evaluateRules(rules, ctx());
    return cached;
  };
  let warned = false;
  Aspects.of(construct).add({
    visit(node: IConstruct) {
      if (node !== construct || warned) return;
      warned = true;
      for (const w of results().warnings) {
        if (findAcknowledgement(construct, w.id)) continue;
        Annotations.of(construct).addWarning(
          `${w.field}: ${w.message}. Fix: ${w.fix} (acknowledge with Acknowledge.of(scope).add('${w.id}', reason))`,
        );
      }
    },
  });
  construct.node.addValidation({
    validate: () => {
      const { errors } = results();
      return errors.length === 0 ? [] : [formatProblems(kind, construct.node.path, errors)];
    },
  });
}
