import type { z } from "zod";
import { Token } from "./cdktf";
import { type Problem, propsInvalid } from "./errors";
import { showValue } from "./show-value";
import { loadZod } from "./zod";

/**
 * Validates construct props against their zod schema and throws one error listing every
 * problem (field, bad value, fix). Unresolved cdktf tokens pass: their values are only known
 * at apply time, where Terraform preconditions check them instead.
 */
export function parseProps<S extends z.ZodType>(schema: S, kind: string, path: string, props: unknown): z.output<S> {
  const result = schema.safeParse(props);
  if (result.success) return result.data;
  throw propsInvalid(
    kind,
    path,
    result.error.issues.map((issue) => issueToProblem(issue, props)),
  );
}

function issueToProblem(issue: z.core.$ZodIssue, root: unknown): Problem {
  const field = issue.path.length === 0 ? "(props)" : formatPath(issue.path);
  const at = valueAt(root, issue.path);
  // For unknown keys, the keys themselves are the news: not the whole props object around them.
  const value =
    issue.code === "unrecognized_keys" && at !== null && typeof at === "object"
      ? Object.fromEntries(issue.keys.map((k) => [k, (at as Record<string, unknown>)[k]]))
      : at;
  const shown = value === undefined ? "nothing" : showValue(value);
  return {
    id: "resilience:props",
    field,
    message: `${lowerFirst(issue.message)} (got ${shown})`,
    fix: fixFor(issue, field),
  };
}

function fixFor(issue: z.core.$ZodIssue, field: string): string {
  switch (issue.code) {
    case "invalid_type":
      // A `never` field exists only to say why it cannot be set (e.g. standbys of a Multi-AZ DB cluster).
      return issue.expected === "never" ? `remove ${field}` : `set ${field} to a ${issue.expected}`;
    case "invalid_union": {
      const options = (issue as { options?: readonly unknown[] }).options;
      return options ? `set ${field} to one of ${options.map(showValue).join(", ")}` : `correct ${field}`;
    }
    case "too_small":
      return `set ${field} to at least ${String(issue.minimum)}${unit(issue.origin)}`;
    case "too_big":
      return `set ${field} to at most ${String(issue.maximum)}${unit(issue.origin)}`;
    case "invalid_value":
      return `set ${field} to one of ${issue.values.map(showValue).join(", ")}`;
    case "unrecognized_keys":
      return `remove ${issue.keys.join(", ")} (not a prop of this construct; check the spelling)`;
    case "custom": {
      const fix = (issue.params as { fix?: string } | undefined)?.fix;
      return fix ?? `correct ${field}`;
    }
    default:
      return `correct ${field}`;
  }
}

function unit(origin: string): string {
  return origin === "array" ? " items" : origin === "string" ? " characters" : "";
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), "");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** An integer in [min, max], or an unresolved number token. */
export function intInRange(min: number, max: number) {
  return loadZod()
    .number()
    .refine((n) => Token.isUnresolved(n) || (Number.isInteger(n) && n >= min && n <= max), {
      message: `must be a whole number from ${min} to ${max}`,
      params: { fix: `use a whole number from ${min} to ${max}` },
    });
}

/** A non-empty string, or an unresolved token. */
export function nonEmptyString() {
  return loadZod().string().min(1, { message: "must not be empty" });
}

/** A string matching `re` (or an unresolved token), with the fix the error should suggest. */
export function matching(re: RegExp, message: string, fix: string) {
  return loadZod()
    .string()
    .refine((s) => Token.isUnresolved(s) || re.test(s), { message, params: { fix } });
}
