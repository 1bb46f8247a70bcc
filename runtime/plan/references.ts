/**
 * References a Terraform JSON configuration makes that Terraform itself would refuse: to a
 * resource, variable or local the file does not declare. Checked on the file as written, with
 * each problem's JSON path, before anything is evaluated.
 */

import { localsOf } from "./expand";
import type { Expr } from "./hcl/ast";
import { EXPRESSION_DEPTH_MAX, NestingError } from "./hcl/nesting";
import { ParseError, parseJsonTemplate } from "./hcl/parser";
import { NON_RESOURCE_ROOTS, resourceOf, traversals } from "./hcl/walk";
import type { PlanProblem } from "./plan-error";
import type { TerraformJson } from "./terraform-json";

/**
 * `templates` keeps each string's parsed expression for the evaluation that follows (see
 * `expandConfiguration`), so no template is parsed twice.
 */
export function danglingReferences(doc: TerraformJson, templates: Map<string, Expr> = new Map()): PlanProblem[] {
  const declared = new Set<string>();
  for (const [mode, section] of [
    ["managed", doc.resource],
    ["data", doc.data],
  ] as const)
    for (const [type, byName] of Object.entries(section ?? {}))
      for (const name of Object.keys(byName)) declared.add(`${mode === "data" ? "data." : ""}${type}.${name}`);
  const variables = new Set(Object.keys(doc.variable ?? {}));
  const locals = new Set(Object.keys(localsOf(doc)));
  const problems: PlanProblem[] = [];

  /** What is wrong with one string's references (message and fix), without its path. */
  type Finding = Omit<PlanProblem, "path">;
  const findingsOf = (s: string, bound: ReadonlySet<string>): readonly Finding[] => {
    const out: Finding[] = [];
    let found: ReturnType<typeof traversals>;
    try {
      let e = templates.get(s);
      if (!e) {
        e = parseJsonTemplate(s);
        templates.set(s, e);
      }
      found = traversals(e, bound);
    } catch (e) {
      if (e instanceof NestingError)
        return [{ message: e.message, expected: `at most ${EXPRESSION_DEPTH_MAX} levels of nesting in one expression` }];
      if (!(e instanceof ParseError)) throw e;
      return [{ message: `cannot be read as a Terraform expression (${e.message})`, expected: "a valid ${...} expression" }];
    }
    for (const t of found) {
      const first = t.steps[0];
      const name = first && "attr" in first ? first.attr : undefined;
      if (t.root === "var" && name !== undefined && !variables.has(name))
        out.push({
          message: `references var.${name}, which the plan does not declare`,
          expected: "a variable declared in the plan's variable block",
        });
      else if (t.root === "local" && name !== undefined && !locals.has(name))
        out.push({
          message: `references local.${name}, which the plan does not declare`,
          expected: "a local declared in the plan's locals block",
        });
      else if (t.root === "module" && name !== undefined)
        out.push({
          message: `references module.${name}, which the plan does not declare`,
          expected: "a reference to a resource declared in the same plan",
        });
      else if (!NON_RESOURCE_ROOTS.has(t.root) || t.root === "data") {
        const r = resourceOf(t);
        if (r && !declared.has(r.base))
          out.push({
            message: `references ${r.base}, which the plan does not declare`,
            expected: "a reference to a resource or data source declared in the same plan",
          });
      }
    }
    return out.length ? out : CLEAN;
  };
  // A string repeated across resources (`${aws_kms_key.key.arn}`) is judged once; iterator names change the verdict, so only without them.
  const unbound = new Map<string, readonly Finding[]>();
  let bound: ReadonlySet<string> = NONE;
  let base = "";
  // One visitor for the whole document (not one closure per attribute); `keys` is the path below `base`.
  const keys: (string | number)[] = [];
  const visit = (s: string) => {
    if (!s.includes("{") || !/(^|[^$])[$%]\{/.test(s)) return;
    let findings = bound === NONE ? unbound.get(s) : undefined;
    if (!findings) {
      findings = findingsOf(s, bound);
      if (bound === NONE) unbound.set(s, findings);
    }
    if (findings.length === 0) return;
    // The path is built only for a problem: most strings have none.
    const path = spell(base, keys);
    for (const f of findings) problems.push({ path, ...f });
  };

  for (const [mode, section] of [
    ["resource", doc.resource],
    ["data", doc.data],
  ] as const)
    for (const [type, byName] of Object.entries(section ?? {}))
      for (const name of Object.keys(byName)) {
        const body = byName[name] as Record<string, unknown>;
        base = `$.${mode}.${type}.${name}`;
        bound = iteratorNames(body);
        for (const key of Object.keys(body)) if (!SKIPPED.has(key)) walkStrings(body[key], key, keys, visit);
      }
  bound = NONE;
  base = "$.locals";
  for (const [name, value] of Object.entries(localsOf(doc))) walkStrings(value, name, keys, visit);
  return problems;
}

/** Meta-arguments whose strings are not expressions Terraform evaluates as references here. */
const SKIPPED = new Set(["//", "depends_on", "lifecycle", "provider"]);

const NONE: ReadonlySet<string> = new Set();
const CLEAN: readonly never[] = [];

/** Names a body's dynamic blocks bind (their block name, or `iterator`), at any depth; most bodies have none. */
function iteratorNames(body: unknown): ReadonlySet<string> {
  let out: Set<string> | undefined;
  const visit = (x: unknown) => {
    if (Array.isArray(x)) for (const b of x) visit(b);
    else if (x !== null && typeof x === "object")
      for (const k of Object.keys(x)) {
        const v = (x as Record<string, unknown>)[k];
        if (k === "dynamic" && v !== null && typeof v === "object" && !Array.isArray(v))
          for (const [blockName, spec] of Object.entries(v)) {
            out ??= new Set();
            out.add(blockName);
            for (const s of Array.isArray(spec) ? spec : [spec])
              if (s && typeof s === "object" && typeof (s as { iterator?: unknown }).iterator === "string")
                out.add((s as { iterator: string }).iterator);
          }
        if (v !== null && typeof v === "object") visit(v);
      }
  };
  visit(body);
  return out ?? NONE;
}

/** `base` and `keys` (from the root down), as a JSON path. */
function spell(base: string, keys: readonly (string | number)[]): string {
  return base + keys.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("");
}

/**
 * Visits every string under `value`, reached by `key`; `keys` holds the path down to it while it
 * is visited (one array for the walk, not an object per value). The document's depth is bounded,
 * so recursion is safe.
 */
function walkStrings(value: unknown, key: string | number, keys: (string | number)[], visit: (s: string) => void): void {
  keys.push(key);
  if (typeof value === "string") visit(value);
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) walkStrings(value[i], i, keys, visit);
  else if (value !== null && typeof value === "object")
    for (const k of Object.keys(value)) walkStrings((value as Record<string, unknown>)[k], k, keys, visit);
  keys.pop();
}
