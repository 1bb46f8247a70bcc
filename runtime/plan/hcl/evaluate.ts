/**
 * Evaluates Terraform expressions the way `terraform plan` would from the configuration alone:
 * what the file fixes becomes a value, what only apply (or the environment) knows becomes an
 * `Unknown` that says why. Names resolve through a `Scope` (the module's variables, locals and
 * resources, plus `each`, `count` and `for` variables bound on the way).
 * @see https://developer.hashicorp.com/terraform/language/expressions
 */
import type { Expr, TemplatePart } from "./ast";
import { callFunction } from "./functions";
import {
  asList,
  EvaluationError,
  equal,
  isLazy,
  isRecord,
  mergeUnknown,
  plain,
  Ref,
  record,
  TfSet,
  toBool,
  toNum,
  toStr,
  typeName,
  Unknown,
  unknownOf,
  unknownsIn,
  type Value,
} from "./values";

/** Where names come from. */
export interface Scope {
  /** The value of a root name, or undefined when the name is not defined here. */
  lookup(name: string): Value | undefined;
}

/** A scope with extra names bound over a parent (for `each`, `count`, `for` variables, iterators). */
export function bind(parent: Scope, names: Readonly<Record<string, Value>>): Scope {
  return { lookup: (n) => (Object.hasOwn(names, n) ? (names[n] as Value) : parent.lookup(n)) };
}

/** Evaluates an expression; throws EvaluationError where Terraform would report an error. */
export function evaluate(e: Expr, scope: Scope, item?: Value): Value {
  switch (e.k) {
    case "lit":
      return e.v;
    case "tpl":
      return template(e.parts, scope);
    case "name": {
      const v = scope.lookup(e.name);
      if (v === undefined) throw new EvaluationError(`unknown name "${e.name}"`);
      return v;
    }
    case "item":
      return item === undefined ? null : item;
    case "attr":
      return getAttr(evaluate(e.obj, scope, item), e.name);
    case "index":
      return getIndex(evaluate(e.obj, scope, item), evaluate(e.key, scope, item));
    case "splat":
      return splat(evaluate(e.obj, scope, item), (x) => evaluate(e.each, scope, x));
    case "call":
      return call(e.name, e.args, e.expand, scope, item);
    case "tuple":
      return e.items.map((i) => evaluate(i, scope, item));
    case "object": {
      const out = record();
      for (const { key, value } of e.items) {
        const k = plain(evaluate(key, scope, item));
        if (k instanceof Unknown) return mergeUnknown([k], "an object key is unknown");
        out[toStr(k, "object key")] = evaluate(value, scope, item);
      }
      return out;
    }
    case "for":
      return forExpr(e, scope, item);
    case "cond": {
      const c = plain(evaluate(e.cond, scope, item));
      if (c instanceof Unknown) return c;
      return toBool(c, "condition") ? evaluate(e.yes, scope, item) : evaluate(e.no, scope, item);
    }
    case "un": {
      const v = plain(evaluate(e.e, scope, item));
      if (v instanceof Unknown) return v;
      return e.op === "!" ? !toBool(v, "operand of !") : -toNum(v, "operand of -");
    }
    case "bin":
      return binary(e.op, e.left, e.right, scope, item);
  }
}

function binary(op: string, l: Expr, r: Expr, scope: Scope, item: Value | undefined): Value {
  const a = plain(evaluate(l, scope, item));
  // && and || are not short-circuit in Terraform, but an unknown side does not hide a decisive known one.
  const b = plain(evaluate(r, scope, item));
  if (op === "&&" || op === "||") {
    const x = a instanceof Unknown ? a : toBool(a, `left of ${op}`);
    const y = b instanceof Unknown ? b : toBool(b, `right of ${op}`);
    if (op === "&&" && (x === false || y === false)) return false;
    if (op === "||" && (x === true || y === true)) return true;
    if (x instanceof Unknown || y instanceof Unknown) return mergeUnknown([x, y].filter((z): z is Unknown => z instanceof Unknown));
    return op === "&&" ? x && y : x || y;
  }
  const unknown = [unknownOf(a), unknownOf(b)].filter((z): z is Unknown => z !== undefined);
  if (unknown.length) return mergeUnknown(unknown);
  switch (op) {
    case "==":
      return equal(a, b);
    case "!=":
      return !equal(a, b);
  }
  const x = toNum(a, `left of ${op}`);
  const y = toNum(b, `right of ${op}`);
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      if (y === 0) throw new EvaluationError("division by zero");
      return x / y;
    case "%":
      return x % y;
    case "<":
      return x < y;
    case ">":
      return x > y;
    case "<=":
      return x <= y;
    case ">=":
      return x >= y;
  }
  throw new EvaluationError(`unknown operator ${op}`);
}

/** `a.b`: an object's attribute, a Lazy value's attribute; a Ref keeps pointing at the same instance. */
export function getAttr(v: Value, name: string): Value {
  if (v instanceof Ref) {
    const inner = getAttr(v.value, name);
    return inner instanceof Ref ? inner : new Ref({ address: v.target.address, attribute: `${v.target.attribute}.${name}` }, inner);
  }
  if (v instanceof Unknown) return v;
  if (isLazy(v)) {
    const got = v.get(name);
    if (got === undefined) throw new EvaluationError(`${v.label} has no attribute "${name}"`);
    return got;
  }
  if (isRecord(v)) {
    if (!Object.hasOwn(v, name)) throw new EvaluationError(`this object has no attribute "${name}"`);
    return v[name] as Value;
  }
  if (v === null) throw new EvaluationError(`attribute "${name}" of a null value`);
  throw new EvaluationError(`attribute "${name}" of ${typeName(v)}`);
}

/** `a[k]`: a list element or a map value. */
export function getIndex(v: Value, key: Value): Value {
  const k = plain(key);
  if (k instanceof Unknown) return k;
  if (v instanceof Ref) {
    const inner = getIndex(v.value, k);
    return inner instanceof Ref
      ? inner
      : new Ref({ address: v.target.address, attribute: `${v.target.attribute}[${JSON.stringify(k)}]` }, inner);
  }
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    const i = toNum(k, "index");
    if (!Number.isInteger(i) || i < 0 || i >= v.length) throw new EvaluationError(`index ${i} out of range for a list of ${v.length}`);
    return v[i] as Value;
  }
  if (isLazy(v)) {
    const got = v.get(toStr(k, "key"));
    if (got === undefined) throw new EvaluationError(`${v.label} has no element ${JSON.stringify(k)}`);
    return got;
  }
  if (isRecord(v)) {
    const s = toStr(k, "key");
    if (!Object.hasOwn(v, s)) throw new EvaluationError(`the map has no element "${s}"`);
    return v[s] as Value;
  }
  if (v instanceof TfSet) throw new EvaluationError("elements of a set cannot be read by index");
  throw new EvaluationError(`index into ${typeName(v)}`);
}

/** `x[*].a`: over a list, each element; over a single value, a one-element list; over null, an empty list. */
function splat(v: Value, each: (x: Value) => Value): Value {
  const x = plain(v);
  if (x instanceof Unknown) return x;
  if (x === null) return [];
  if (Array.isArray(x) || x instanceof TfSet) return asList(x, "splat").map(each);
  return [each(v)];
}

function call(name: string, args: readonly Expr[], expand: boolean, scope: Scope, item: Value | undefined): Value {
  // try and can see errors; every other function sees values.
  if (name === "try") {
    const reasons: string[] = [];
    for (const a of args) {
      try {
        return evaluate(a, scope, item);
      } catch (e) {
        if (!(e instanceof EvaluationError)) throw e;
        reasons.push(e.message);
      }
    }
    throw new EvaluationError(`try: no argument could be evaluated (${reasons.join("; ")})`);
  }
  if (name === "can") {
    try {
      const v = evaluate(args[0] as Expr, scope, item);
      return v instanceof Unknown ? v : true;
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      return false;
    }
  }
  let values = args.map((a) => evaluate(a, scope, item));
  if (expand) {
    const last = plain(values.at(-1) as Value);
    if (last instanceof Unknown) return last;
    values = [...values.slice(0, -1), ...asList(last, `${name}(...)`)];
  }
  return callFunction(name, values);
}

function forExpr(e: Extract<Expr, { k: "for" }>, scope: Scope, item: Value | undefined): Value {
  const coll = plain(evaluate(e.collection, scope, item));
  if (coll instanceof Unknown) return coll;
  // The scope of each element the `if` keeps; an unknown condition makes the whole result unknown.
  const kept: Scope[] = [];
  for (const [k, v] of forEntries(coll)) {
    const s = bind(scope, { ...(e.keyVar ? { [e.keyVar]: k } : {}), [e.valueVar]: v });
    if (e.cond) {
      const c = plain(evaluate(e.cond, s, item));
      if (c instanceof Unknown) return c;
      if (!toBool(c, "for condition")) continue;
    }
    kept.push(s);
  }
  if (e.kind === "tuple") return kept.map((s) => evaluate(e.valueExpr, s, item));
  const out = record();
  for (const s of kept) {
    const key = plain(evaluate(e.keyExpr as Expr, s, item));
    if (key instanceof Unknown) return mergeUnknown([key], "a key of a for expression is unknown");
    const ks = toStr(key, "for key");
    const value = evaluate(e.valueExpr, s, item);
    if (e.group) out[ks] = [...((out[ks] as Value[] | undefined) ?? []), value];
    else if (Object.hasOwn(out, ks)) throw new EvaluationError(`duplicate key "${ks}" in a for expression (use ... to group)`);
    else out[ks] = value;
  }
  return out;
}

/** Key/value pairs of a collection, as `for` and `for_each` walk it: lists by index, maps by sorted key, sets by value. */
export function forEntries(coll: Value): [Value, Value][] {
  const x = plain(coll);
  if (Array.isArray(x)) return x.map((v, i) => [i, v]);
  if (x instanceof TfSet) return x.items.map((v) => [v, v]);
  if (isLazy(x)) {
    const whole = plain(x.whole());
    return forEntries(whole);
  }
  if (isRecord(x))
    return Object.keys(x)
      .sort()
      .map((k) => [k, x[k] as Value]);
  throw new EvaluationError(`cannot iterate over ${typeName(x)}`);
}

function template(parts: readonly TemplatePart[], scope: Scope): Value {
  let out = "";
  const unknown: Unknown[] = [];
  const add = (v: Value) => {
    const x = plain(v);
    if (x instanceof Unknown) unknown.push(...unknownsIn(v));
    else out += toStr(x, "interpolation");
  };
  const walk = (ps: readonly TemplatePart[], s: Scope) => {
    for (const p of ps) {
      if (typeof p === "string") out += p;
      else if (p.k === "interp") add(evaluate(p.e, s));
      else if (p.k === "if") {
        const c = plain(evaluate(p.cond, s));
        if (c instanceof Unknown) unknown.push(c);
        else walk(toBool(c, "template if") ? p.yes : p.no, s);
      } else {
        const coll = plain(evaluate(p.collection, s));
        if (coll instanceof Unknown) unknown.push(coll);
        else for (const [k, v] of forEntries(coll)) walk(p.body, bind(s, { ...(p.keyVar ? { [p.keyVar]: k } : {}), [p.valueVar]: v }));
      }
    }
  };
  walk(parts, scope);
  return unknown.length ? mergeUnknown(unknown) : out;
}
