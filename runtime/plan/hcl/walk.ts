/**
 * Walking expressions for what they refer to: each traversal from a root name (`var.x`,
 * `aws_x.y[0].id`, `module.m.out`) with its static steps, skipping names bound inside the
 * expression (`for` variables) or around it (dynamic block iterators, `each`, `count`).
 */
import type { Expr, TemplatePart } from "./ast";

/** One step of a traversal: an attribute name or a literal index. */
export type Step = { readonly attr: string } | { readonly index: string | number } | { readonly dynamic: true };

export interface Traversal {
  readonly root: string;
  readonly steps: readonly Step[];
  /** Where the traversal starts in the source, and where the root and each step end (for rewriting it). */
  readonly start: number;
  readonly ends: readonly number[];
}

/** Every traversal in `e` whose root is not bound. */
export function traversals(e: Expr, bound: ReadonlySet<string> = new Set(), out: Traversal[] = []): Traversal[] {
  const chain = asTraversal(e);
  if (chain) {
    if (!bound.has(chain.root)) out.push(chain);
    // Indexes inside the chain may refer to other things.
    for (const k of indexExprs(e)) traversals(k, bound, out);
    return out;
  }
  switch (e.k) {
    case "lit":
    case "item":
    case "name":
      return out;
    case "tpl":
      for (const p of e.parts) templatePart(p, bound, out);
      return out;
    case "attr":
      return traversals(e.obj, bound, out);
    case "index":
      traversals(e.obj, bound, out);
      return traversals(e.key, bound, out);
    case "splat":
      traversals(e.obj, bound, out);
      return traversals(e.each, bound, out);
    case "call":
      for (const a of e.args) traversals(a, bound, out);
      return out;
    case "tuple":
      for (const i of e.items) traversals(i, bound, out);
      return out;
    case "object":
      for (const { key, value } of e.items) {
        traversals(key, bound, out);
        traversals(value, bound, out);
      }
      return out;
    case "for": {
      traversals(e.collection, bound, out);
      const inner = new Set([...bound, e.valueVar, ...(e.keyVar ? [e.keyVar] : [])]);
      if (e.keyExpr) traversals(e.keyExpr, inner, out);
      traversals(e.valueExpr, inner, out);
      if (e.cond) traversals(e.cond, inner, out);
      return out;
    }
    case "cond":
      traversals(e.cond, bound, out);
      traversals(e.yes, bound, out);
      return traversals(e.no, bound, out);
    case "bin":
      traversals(e.left, bound, out);
      return traversals(e.right, bound, out);
    case "un":
      return traversals(e.e, bound, out);
  }
}

function templatePart(p: TemplatePart, bound: ReadonlySet<string>, out: Traversal[]): void {
  if (typeof p === "string") return;
  if (p.k === "interp") traversals(p.e, bound, out);
  else if (p.k === "if") {
    traversals(p.cond, bound, out);
    for (const x of [...p.yes, ...p.no]) templatePart(x, bound, out);
  } else {
    traversals(p.collection, bound, out);
    const inner = new Set([...bound, p.valueVar, ...(p.keyVar ? [p.keyVar] : [])]);
    for (const x of p.body) templatePart(x, inner, out);
  }
}

/** `a.b[0].c` as a root and steps; undefined when `e` is not a plain traversal from a name. */
export function asTraversal(e: Expr): Traversal | undefined {
  const steps: Step[] = [];
  const ends: number[] = [];
  let x: Expr = e;
  for (;;) {
    if (x.k === "attr") {
      steps.unshift({ attr: x.name });
      ends.unshift(x.end);
      x = x.obj;
    } else if (x.k === "index") {
      const key = x.key;
      steps.unshift(key.k === "lit" && (typeof key.v === "string" || typeof key.v === "number") ? { index: key.v } : { dynamic: true });
      ends.unshift(x.end);
      x = x.obj;
    } else if (x.k === "name") return { root: x.name, steps, start: x.start, ends: [x.end, ...ends] };
    else return undefined;
  }
}

function indexExprs(e: Expr): Expr[] {
  const out: Expr[] = [];
  let x: Expr = e;
  while (x.k === "attr" || x.k === "index") {
    if (x.k === "index" && x.key.k !== "lit") out.push(x.key);
    x = x.obj;
  }
  return out;
}

/** Roots that are not resource types. */
export const NON_RESOURCE_ROOTS: ReadonlySet<string> = new Set([
  "var",
  "local",
  "module",
  "data",
  "path",
  "terraform",
  "each",
  "count",
  "self",
]);

/**
 * The instance address and attribute path a traversal names: `module.a.aws_x.y[0].id` →
 * `module.a.aws_x.y[0]` and `id`. Undefined for roots that are not resources.
 */
export function resourceOf(
  t: Traversal,
): { base: string; index?: string | number; module: string; attribute: readonly Step[] } | undefined {
  const steps = [...t.steps];
  let module = "";
  let root = t.root;
  while (root === "module") {
    const name = steps.shift();
    if (!name || !("attr" in name)) return undefined;
    module += `${module ? "." : ""}module.${name.attr}`;
    const idx = steps[0];
    if (idx && "index" in idx) {
      module += typeof idx.index === "number" ? `[${idx.index}]` : `[${JSON.stringify(idx.index)}]`;
      steps.shift();
    }
    const next = steps.shift();
    if (!next || !("attr" in next)) return undefined;
    root = next.attr;
  }
  let data = false;
  if (root === "data") {
    const type = steps.shift();
    if (!type || !("attr" in type)) return undefined;
    data = true;
    root = type.attr;
  } else if (NON_RESOURCE_ROOTS.has(root)) return undefined;
  const name = steps.shift();
  if (!name || !("attr" in name)) return undefined;
  const base = `${module ? `${module}.` : ""}${data ? "data." : ""}${root}.${name.attr}`;
  const idx = steps[0];
  if (idx && "index" in idx) {
    steps.shift();
    return { base, index: idx.index, module, attribute: steps };
  }
  return { base, module, attribute: steps };
}
