/**
 * References a Terraform JSON configuration makes that Terraform itself would refuse: to a
 * resource, variable or local the file does not declare. Checked on the file as written, with
 * each problem's JSON path, before anything is evaluated.
 */

import { localsOf } from "./expand";
import { EXPRESSION_DEPTH_MAX, NestingError } from "./hcl/nesting";
import { ParseError, parseJsonTemplate } from "./hcl/parser";
import { NON_RESOURCE_ROOTS, resourceOf, traversals } from "./hcl/walk";
import type { PlanProblem } from "./plan-error";
import type { TerraformJson } from "./terraform-json";

export function danglingReferences(doc: TerraformJson): PlanProblem[] {
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

  const check = (value: unknown, path: string, bound: ReadonlySet<string>) =>
    walkStrings(value, path, (s, at) => {
      if (!/(^|[^$])[$%]\{/.test(s)) return;
      let found: ReturnType<typeof traversals>;
      try {
        found = traversals(parseJsonTemplate(s), bound);
      } catch (e) {
        if (e instanceof NestingError) {
          problems.push({ path: at, message: e.message, expected: `at most ${EXPRESSION_DEPTH_MAX} levels of nesting in one expression` });
          return;
        }
        if (!(e instanceof ParseError)) throw e;
        problems.push({
          path: at,
          message: `cannot be read as a Terraform expression (${e.message})`,
          expected: "a valid ${...} expression",
        });
        return;
      }
      for (const t of found) {
        const first = t.steps[0];
        const name = first && "attr" in first ? first.attr : undefined;
        if (t.root === "var" && name !== undefined && !variables.has(name))
          problems.push({
            path: at,
            message: `references var.${name}, which the plan does not declare`,
            expected: "a variable declared in the plan's variable block",
          });
        else if (t.root === "local" && name !== undefined && !locals.has(name))
          problems.push({
            path: at,
            message: `references local.${name}, which the plan does not declare`,
            expected: "a local declared in the plan's locals block",
          });
        else if (t.root === "module" && name !== undefined)
          problems.push({
            path: at,
            message: `references module.${name}, which the plan does not declare`,
            expected: "a reference to a resource declared in the same plan",
          });
        else if (!NON_RESOURCE_ROOTS.has(t.root) || t.root === "data") {
          const r = resourceOf(t);
          if (r && !declared.has(r.base))
            problems.push({
              path: at,
              message: `references ${r.base}, which the plan does not declare`,
              expected: "a reference to a resource or data source declared in the same plan",
            });
        }
      }
    });

  for (const [mode, section] of [
    ["resource", doc.resource],
    ["data", doc.data],
  ] as const)
    for (const [type, byName] of Object.entries(section ?? {}))
      for (const [name, body] of Object.entries(byName)) {
        const { "//": _comment, depends_on: _deps, lifecycle: _lifecycle, provider: _provider, ...rest } = body;
        check(rest, `$.${mode}.${type}.${name}`, iteratorNames(body));
      }
  for (const [name, value] of Object.entries(localsOf(doc))) check(value, `$.locals.${name}`, new Set());
  return problems;
}

/** Names a body's dynamic blocks bind (their block name, or `iterator`), at any depth. */
function iteratorNames(body: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(body)) for (const b of body) iteratorNames(b, out);
  else if (body !== null && typeof body === "object") {
    for (const [k, v] of Object.entries(body)) {
      if (k === "dynamic" && v !== null && typeof v === "object" && !Array.isArray(v))
        for (const [blockName, spec] of Object.entries(v)) {
          out.add(blockName);
          for (const s of Array.isArray(spec) ? spec : [spec])
            if (s && typeof s === "object" && typeof (s as { iterator?: unknown }).iterator === "string")
              out.add((s as { iterator: string }).iterator);
        }
      iteratorNames(v, out);
    }
  }
  return out;
}

function walkStrings(value: unknown, path: string, visit: (s: string, path: string) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) walkStrings(v, `${path}[${i}]`, visit);
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) walkStrings(v, `${path}.${k}`, visit);
}
