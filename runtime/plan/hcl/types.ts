/**
 * Type constraints of input variables (`type = map(object({ tier = optional(number, 1) }))`) and
 * the conversion Terraform applies to a variable's value: primitives converted, object attributes
 * filled from `optional(type, default)`, extra attributes dropped.
 * @see https://developer.hashicorp.com/terraform/language/expressions/type-constraints
 */
import type { Expr } from "./ast";
import { evaluate } from "./evaluate";
import { parseExpression } from "./parser";
import { EvaluationError, isRecord, plain, record, TfSet, toBool, toNum, toStr, Unknown, type Value } from "./values";

export type TypeConstraint =
  | { readonly k: "any" | "string" | "number" | "bool" }
  | { readonly k: "list" | "set" | "map"; readonly of: TypeConstraint }
  | { readonly k: "tuple"; readonly items: readonly TypeConstraint[] }
  | {
      readonly k: "object";
      readonly attributes: Readonly<
        Record<string, { readonly type: TypeConstraint; readonly optional: boolean; readonly default?: Value }>
      >;
    };

/** Reads a `type` argument (a type expression, optionally written as `${...}`). */
export function parseType(source: string): TypeConstraint {
  const text = /^\$\{([\s\S]*)\}$/.exec(source.trim())?.[1] ?? source;
  return typeOf(parseExpression(text));
}

function typeOf(e: Expr): TypeConstraint {
  if (e.k === "name") {
    if (e.name === "any" || e.name === "string" || e.name === "number" || e.name === "bool") return { k: e.name };
    throw new EvaluationError(`unknown type "${e.name}"`);
  }
  if (e.k === "call") {
    const [first] = e.args;
    switch (e.name) {
      case "list":
      case "set":
      case "map":
        return { k: e.name, of: first ? typeOf(first) : { k: "any" } };
      case "tuple":
        if (first?.k !== "tuple") throw new EvaluationError("tuple() takes a list of types");
        return { k: "tuple", items: first.items.map(typeOf) };
      case "object": {
        if (first?.k !== "object") throw new EvaluationError("object() takes an object of attribute types");
        const attributes = record<{ type: TypeConstraint; optional: boolean; default?: Value }>();
        for (const { key, value } of first.items) {
          if (key.k !== "lit" || typeof key.v !== "string") throw new EvaluationError("object() attribute names must be names");
          if (value.k === "call" && value.name === "optional") {
            const [t, d] = value.args;
            attributes[key.v] = {
              type: t ? typeOf(t) : { k: "any" },
              optional: true,
              ...(d ? { default: evaluate(d, { lookup: () => undefined }) } : {}),
            };
          } else attributes[key.v] = { type: typeOf(value), optional: false };
        }
        return { k: "object", attributes };
      }
    }
  }
  throw new EvaluationError("not a type expression");
}

/** Converts `v` to `t` as Terraform does for a variable's value; throws EvaluationError when it cannot. */
export function convert(v: Value, t: TypeConstraint, path = "value"): Value {
  const x = plain(v);
  if (x === null || x instanceof Unknown) return x;
  switch (t.k) {
    case "any":
      return v;
    case "string":
      return toStr(x, path);
    case "number":
      return toNum(x, path);
    case "bool":
      return toBool(x, path);
    case "list":
    case "set": {
      const items = Array.isArray(x) ? x : x instanceof TfSet ? [...x.items] : undefined;
      if (!items) throw new EvaluationError(`${path}: expected a ${t.k}`);
      const converted = items.map((i, n) => convert(i, t.of, `${path}[${n}]`));
      return t.k === "set" ? new TfSet(converted) : converted;
    }
    case "tuple": {
      if (!Array.isArray(x)) throw new EvaluationError(`${path}: expected a tuple`);
      return x.map((i, n) => convert(i, t.items[n] ?? { k: "any" }, `${path}[${n}]`));
    }
    case "map": {
      if (!isRecord(x)) throw new EvaluationError(`${path}: expected a map`);
      return Object.fromEntries(Object.entries(x).map(([k, i]) => [k, convert(i, t.of, `${path}["${k}"]`)]));
    }
    case "object": {
      if (!isRecord(x)) throw new EvaluationError(`${path}: expected an object`);
      const out = record();
      for (const [name, a] of Object.entries(t.attributes)) {
        const given = Object.hasOwn(x, name) ? (x[name] as Value) : undefined;
        if (given === undefined && !a.optional) throw new EvaluationError(`${path}: attribute "${name}" is required`);
        const value = given === undefined || plain(given) === null ? (a.default ?? null) : given;
        out[name] = convert(value, a.type, `${path}.${name}`);
      }
      return out;
    }
  }
}
