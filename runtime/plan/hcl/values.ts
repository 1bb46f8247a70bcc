/**
 * Values of the Terraform language as the plan loader evaluates them: JSON-like data, plus
 * - `Unknown`: known only after apply (or not determined by the file), carrying why and which
 *   resource instances it came from, so the topology can say what it could not read;
 * - `Ref`: a value read from one resource instance's attribute, remembering where it came from,
 *   so `cluster_identifier = one(aws_rds_cluster.this[*].id)` still links the instance to its cluster;
 * - `TfSet`: `toset(...)` results (for_each over a set gives `each.key == each.value`);
 * - `Lazy`: a resource instance (or a data source) whose attributes are read on demand.
 */

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value } | Unknown | Ref | TfSet | Lazy;

/** Known only after apply, or not fixed by the file. */
export class Unknown {
  constructor(
    /** Why it is unknown, as the user would say it: `var.azs has no default`, `aws_x.y[0].arn is known after apply`. */
    readonly why: readonly string[],
    /** Addresses of the resource instances the value depends on (for links between resources). */
    readonly refs: readonly string[] = [],
  ) {}
}

/** Where a value was read: one resource instance and the attribute path in it. */
export interface RefTarget {
  readonly address: string;
  readonly attribute: string;
}

/** A value read from a resource instance's attribute; operations that only pass it on keep it. */
export class Ref {
  constructor(
    readonly target: RefTarget,
    readonly value: Value,
  ) {}
}

/** `toset([...])`: a list without duplicates, in first-seen order (Terraform orders sets of strings lexically). */
export class TfSet {
  constructor(readonly items: readonly Value[]) {}
}

/** Brands a {@link Lazy}: a symbol, so an object value the plan writes (`{ lazy = true }`) is never taken for one. */
export const LAZY: unique symbol = Symbol("lazy");

/**
 * A value that is built only when read: a resource instance (its attributes evaluate on demand), a
 * module or namespace. `get` returns undefined for an attribute it does not have.
 */
export interface Lazy {
  readonly [LAZY]: true;
  /** Describes it in messages (`aws_rds_cluster.this[0]`). */
  readonly label: string;
  get(name: string): Value | undefined;
  /** The whole object, when something needs it as data (e.g. `jsonencode`). */
  whole(): Value;
}

export function isLazy(v: unknown): v is Lazy {
  return typeof v === "object" && v !== null && LAZY in v;
}

/**
 * An object of the language (a map or an object value) with no prototype: a key the plan writes —
 * `__proto__`, `constructor`, `hasOwnProperty` — is data like any other, stored and read as written.
 * On a `{}` literal, `out["__proto__"] = v` would set the prototype and drop the key.
 */
export function record<T = Value>(): { [key: string]: T } {
  return Object.create(null) as { [key: string]: T };
}

/** `table[key]` when `table` has its own `key`: a key from the plan (`constructor`) never reads what objects inherit. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A Terraform evaluation error (Terraform would refuse the configuration); `try` and `can` catch it. */
export class EvaluationError extends Error {
  override readonly name = "EvaluationError";
}

export function isRecord(v: unknown): v is { [key: string]: Value } {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Unknown) &&
    !(v instanceof Ref) &&
    !(v instanceof TfSet) &&
    !isLazy(v)
  );
}

/** The value under any `Ref`. */
export function plain(v: Value): Exclude<Value, Ref> {
  let x = v;
  while (x instanceof Ref) x = x.value;
  return x;
}

/** Every `Unknown` inside `v` (deeply), in order; one read from a resource instance names that instance. */
export function unknownsIn(v: Value, out: Unknown[] = []): Unknown[] {
  const x = plain(v);
  if (x instanceof Unknown) out.push(v instanceof Ref ? new Unknown(x.why, [...new Set([...x.refs, v.target.address])]) : x);
  else if (Array.isArray(x)) for (const i of x) unknownsIn(i, out);
  else if (x instanceof TfSet) for (const i of x.items) unknownsIn(i, out);
  else if (isRecord(x)) for (const i of Object.values(x)) unknownsIn(i, out);
  return out;
}

/** One Unknown standing for several (their reasons and references joined, without repeats). */
export function mergeUnknown(parts: readonly Unknown[], why?: string): Unknown {
  const whys = new Set<string>(why ? [why] : []);
  const refs = new Set<string>();
  for (const p of parts) {
    for (const w of p.why) whys.add(w);
    for (const r of p.refs) refs.add(r);
  }
  return new Unknown([...whys], [...refs]);
}

/** The Unknown `v` holds anywhere inside, merged; undefined when `v` is wholly known. */
export function unknownOf(v: Value): Unknown | undefined {
  const found = unknownsIn(v);
  return found.length ? mergeUnknown(found) : undefined;
}

/** Lists for `for`, splats and list functions: tuples, lists and sets. */
export function asList(v: Value, what: string): Value[] {
  const x = plain(v);
  if (Array.isArray(x)) return x;
  if (x instanceof TfSet) return [...x.items];
  throw new EvaluationError(`${what}: expected a list, found ${typeName(x)}`);
}

export function typeName(v: Value): string {
  const x = plain(v);
  if (x === null) return "null";
  if (Array.isArray(x)) return "a list";
  if (x instanceof TfSet) return "a set";
  if (x instanceof Unknown) return "an unknown value";
  if (isLazy(x)) return `an object (${x.label})`;
  if (typeof x === "object") return "an object";
  return `a ${typeof x}`;
}

/** Deep copy without Refs, Lazy values as their whole, sets as lists: what a JSON rendering needs. */
export function toData(v: Value): Value {
  const x = plain(v);
  if (isLazy(x)) return toData(x.whole());
  if (Array.isArray(x)) return x.map(toData);
  if (x instanceof TfSet) return x.items.map(toData);
  if (isRecord(x)) {
    const out = record();
    for (const [k, i] of Object.entries(x)) out[k] = toData(i);
    return out;
  }
  return x;
}

/** Terraform's equality: same type and same value, deeply; Refs compare by value. */
export function equal(a: Value, b: Value): boolean {
  const x = toData(a);
  const y = toData(b);
  return JSON.stringify(canonical(x)) === JSON.stringify(canonical(y));
}

function canonical(v: Value): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isRecord(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical(v[k] as Value)]),
    );
  return v;
}

/** A string as Terraform converts primitives to strings (numbers in their shortest form, bools as `true`/`false`). */
export function toStr(v: Value, what: string): string {
  const x = plain(v);
  if (typeof x === "string") return x;
  if (typeof x === "number") return String(x);
  if (typeof x === "boolean") return x ? "true" : "false";
  if (x === null) throw new EvaluationError(`${what}: null where a string is required`);
  throw new EvaluationError(`${what}: expected a string, found ${typeName(x)}`);
}

export function toNum(v: Value, what: string): number {
  const x = plain(v);
  if (typeof x === "number") return x;
  if (typeof x === "string" && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(x.trim())) return Number(x);
  throw new EvaluationError(`${what}: expected a number, found ${typeName(x)}${typeof x === "string" ? ` "${x}"` : ""}`);
}

export function toBool(v: Value, what: string): boolean {
  const x = plain(v);
  if (typeof x === "boolean") return x;
  if (x === "true" || x === "false") return x === "true";
  throw new EvaluationError(`${what}: expected true or false, found ${typeName(x)}`);
}
