import { acknowledgementOn, findAcknowledgement, registerWarningIds } from "./acknowledge";
import { Annotations, Aspects, type IConstruct } from "./cdktf";
import { checksNotSkippable, formatProblems, type Problem } from "./errors";
import { onSynthesis } from "./synthesis-hook";

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
  /**
   * Errors only: `'on-construct'` lets a team accept this error with open eyes, by acknowledging
   * its id on the construct itself (`Acknowledge.of(db).add(id, reason)`); an acknowledgement on a
   * parent scope does not count. The accepted problem still prints as a warning with the reason,
   * so it never goes silent. Unset: the error cannot be acknowledged.
   */
  readonly waivable?: "on-construct";
}

export interface RuleResults {
  /** In rule-table order, waivable ones included. */
  readonly errors: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** Ids of the error rules a team may accept on the construct itself. */
  readonly waivableIds: ReadonlySet<string>;
}

export function defineRules<C>(rules: readonly Rule<C>[]): readonly Rule<C>[] {
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new Error(`duplicate rule id ${r.id}`);
    if (r.waivable && r.severity !== "error") throw new Error(`rule ${r.id}: only errors are waivable; warnings are acknowledged anyway`);
    ids.add(r.id);
  }
  registerWarningIds(rules.filter((r) => r.severity === "warning" || r.waivable === "on-construct").map((r) => r.id));
  return rules;
}

export function evaluateRules<C>(rules: readonly Rule<C>[], ctx: C): RuleResults {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  for (const rule of rules) {
    for (const f of rule.check(ctx)) (rule.severity === "error" ? errors : warnings).push({ id: rule.id, ...f });
  }
  return { errors, warnings, waivableIds: new Set(rules.filter((r) => r.waivable === "on-construct").map((r) => r.id)) };
}

/** What the construct reports once acknowledgements are applied. */
interface Verdict {
  readonly errors: readonly Problem[];
  /** Warning annotations, as printed. */
  readonly warnings: readonly string[];
}

function verdict(construct: IConstruct, results: RuleResults): Verdict {
  const errors: Problem[] = [];
  const warnings: string[] = [];
  for (const p of results.errors) {
    if (!results.waivableIds.has(p.id)) {
      errors.push(p);
      continue;
    }
    const own = acknowledgementOn(construct, p.id);
    if (own) {
      warnings.push(`${p.field}: ${p.message}. Accepted by acknowledging '${p.id}' on this construct: ${own.reason}`);
      continue;
    }
    const how = `or accept the risk on this construct itself: Acknowledge.of(construct).add('${p.id}', reason)`;
    const inherited = findAcknowledgement(construct, p.id) !== undefined;
    errors.push({
      ...p,
      fix: inherited ? `${p.fix}; an acknowledgement on a parent scope does not count for this hard error (${how})` : `${p.fix}; ${how}`,
    });
  }
  for (const w of results.warnings) {
    if (findAcknowledgement(construct, w.id)) continue;
    warnings.push(`${w.field}: ${w.message}. Fix: ${w.fix} (acknowledge with Acknowledge.of(scope).add('${w.id}', reason))`);
  }
  return { errors, warnings };
}

/**
 * Wires a rule table into a construct: errors become one cdktf validation message (all problems
 * at once, construct path on each line); warnings become annotations unless acknowledged.
 * Rules run once, lazily at synth, so props changed after construction are still checked.
 */
export function attachRules<C>(construct: IConstruct, kind: string, rules: readonly Rule<C>[], ctx: () => C): void {
  let cached: Verdict | undefined;
  const results = (): Verdict => {
    cached ??= verdict(construct, evaluateRules(rules, ctx()));
    return cached;
  };
  let warned = false;
  Aspects.of(construct).add({
    visit(node: IConstruct) {
      if (node !== construct || warned) return;
      warned = true;
      for (const w of results().warnings) Annotations.of(construct).addWarning(w);
    },
  });
  const failure = (): string | undefined => {
    const { errors } = results();
    return errors.length === 0 ? undefined : formatProblems(kind, construct.node.path, errors);
  };
  construct.node.addValidation({
    validate: () => {
      const f = failure();
      return f === undefined ? [] : [f];
    },
  });
  ruleFailures.set(construct, failure);
  onSynthesis(construct, (session) => {
    if (session.skipValidation) refuseUnsafe(construct.node.root, session);
  });
}

/** Every construct with a rule table, and its failure text (undefined when its rules pass). */
const ruleFailures = new WeakMap<IConstruct, () => string | undefined>();
/** Synthesis sessions already checked: the first construct to synthesize checks the whole app. */
const checkedSessions = new WeakSet<object>();

/**
 * With validation skipped, the rule errors still stop synthesis, every construct's at once,
 * before `cdk.tf.json` is written. The only way past a waivable error stays its acknowledgement.
 */
function refuseUnsafe(root: IConstruct, session: object): void {
  if (checkedSessions.has(session)) return;
  checkedSessions.add(session);
  const failures = root.node.findAll().flatMap((c) => {
    const f = ruleFailures.get(c)?.();
    return f === undefined ? [] : [`[${c.node.path}] ${f}`];
  });
  if (failures.length) throw checksNotSkippable(failures);
}
