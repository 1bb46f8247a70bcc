/**
 * A plain-function twin of the plan's zod schemas, for the common case: nearly every resource
 * of a plan is valid, and zod copies every object it checks (a record of 20,000 resources is
 * copied key by key) to say so. The twin answers "valid" without copying; when it cannot say so,
 * the caller runs zod, which finds the problems and words them. So a twin may only ever answer
 * `true` for a value its schema accepts; answering `false` for a valid value costs time, never
 * a verdict.
 *
 * Compiled once per schema from zod's own definition (objects, optionals, arrays, records,
 * strings, and `z.custom` predicates, which are the same function zod calls); a schema with any
 * other part (refinements, transforms, string checks) has no twin and always goes to zod.
 */
import type { z } from "zod";

export type Precheck = (value: unknown) => boolean;

const compiled = new WeakMap<object, Precheck | null>();

/** Twins of schemas zod cannot describe in its definition (a `superRefine`): what the refinement checks. */
const registered = new WeakMap<object, Precheck>();

/** Declares `check` the twin of `schema` (for schemas whose checks live in a refinement). */
export function registerPrecheck<T extends z.ZodType>(schema: T, check: Precheck): T {
  registered.set(schema, check);
  return schema;
}

/** A plain object as zod's records and objects accept it (prototype Object.prototype or none). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

interface Def {
  readonly type: string;
  readonly checks?: readonly unknown[];
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
  readonly fn?: (v: unknown) => unknown;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The twin of `schema`, or undefined when it has none. */
export function precheckOf(schema: z.ZodType): Precheck | undefined {
  let p = compiled.get(schema);
  if (p === undefined) {
    p = compile(schema) ?? null;
    compiled.set(schema, p);
  }
  return p ?? undefined;
}

/**
 * The twin of a resource body's schema, where an attribute set to null counts as not set (in
 * Terraform JSON null means "not set"; the loader leaves such attributes out before zod reads the
 * body). Undefined when the schema has no twin.
 */
export function bodyPrecheckOf(schema: z.ZodType): Precheck | undefined {
  let p = bodies.get(schema);
  if (p === undefined) {
    const def = defOf(schema);
    p = (def.type === "object" ? objectCheck(def, true) : precheckOf(schema)) ?? null;
    bodies.set(schema, p);
  }
  return p ?? undefined;
}

const bodies = new WeakMap<object, Precheck | null>();

function compile(schema: z.ZodType): Precheck | undefined {
  const own = registered.get(schema);
  if (own) return own;
  const def = defOf(schema);
  if (def.checks?.length) return undefined;
  switch (def.type) {
    case "unknown":
    case "any":
      return () => true;
    case "string":
      return (v) => typeof v === "string";
    case "custom": {
      const fn = def.fn;
      return fn ? (v) => Boolean(fn(v)) : undefined;
    }
    case "optional": {
      const inner = def.innerType && precheckOf(def.innerType);
      return inner ? (v) => v === undefined || inner(v) : undefined;
    }
    case "array": {
      const item = def.element && precheckOf(def.element);
      return item ? (v) => Array.isArray(v) && v.every(item) : undefined;
    }
    case "record": {
      const key = def.keyType && defOf(def.keyType);
      const value = def.valueType && precheckOf(def.valueType);
      if (key?.type !== "string" || key.checks?.length || !value) return undefined;
      return (v) => {
        if (!isPlainObject(v)) return false;
        for (const k in v) if (Object.hasOwn(v, k) && !value(v[k])) return false;
        return true;
      };
    }
    case "object":
      return objectCheck(def, false);
    default:
      return undefined;
  }
}

/** A loose or stripping object (extra keys pass); a strict one (catchall `never`) has no twin. */
function objectCheck(def: Def, nullIsAbsent: boolean): Precheck | undefined {
  if (def.checks?.length || !def.shape) return undefined;
  const rest = def.catchall && defOf(def.catchall).type;
  if (rest !== undefined && rest !== "unknown" && rest !== "any") return undefined;
  const fields: [string, Precheck][] = [];
  for (const [key, field] of Object.entries(def.shape)) {
    const p = precheckOf(field);
    if (!p) return undefined;
    fields.push([key, p]);
  }
  return (v) => {
    if (!isPlainObject(v)) return false;
    for (const [key, p] of fields) {
      const x = v[key];
      if (!p(nullIsAbsent && x === null ? undefined : x)) return false;
    }
    return true;
  };
}
