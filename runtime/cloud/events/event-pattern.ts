/**
 * EventBridge event patterns, the subset rules in plans use: a pattern is an object whose leaves
 * are arrays of allowed values; an allowed value is a literal (string, number, boolean, null) or
 * one of `{ prefix }`, `{ suffix }`, `{ "anything-but": value | values }`, `{ exists: bool }`,
 * `{ numeric: [op, n, …] }`. A field matches when any allowed value matches; an array field in
 * the event matches when any element does. Every key of the pattern must match.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */

export type EventPattern = { readonly [key: string]: EventPattern | readonly unknown[] };

/** Why a pattern is not one this matcher understands; undefined when it is. */
export function patternProblem(pattern: unknown, path = "$"): string | undefined {
  if (pattern === null || typeof pattern !== "object" || Array.isArray(pattern))
    return `${path}: expected an object whose leaves are arrays of values`;
  for (const [k, v] of Object.entries(pattern)) {
    const p = `${path}.${k}`;
    if (Array.isArray(v)) {
      for (const item of v)
        if (item !== null && typeof item === "object" && !isOperator(item)) return `${p}: unsupported matcher ${JSON.stringify(item)}`;
    } else {
      const inner = patternProblem(v, p);
      if (inner) return inner;
    }
  }
  return undefined;
}

function isOperator(o: object): boolean {
  const keys = Object.keys(o);
  return keys.length === 1 && ["prefix", "suffix", "anything-but", "exists", "numeric"].includes(keys[0] as string);
}

/** True when `event` (an EventBridge event as JSON) matches `pattern`. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  for (const [key, allowed] of Object.entries(pattern)) {
    const value = event !== null && typeof event === "object" ? (event as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(allowed)) {
      if (!matchesLeaf(allowed, value)) return false;
    } else if (value === null || typeof value !== "object" || !matchesPattern(allowed as EventPattern, value)) return false;
  }
  return true;
}

function matchesLeaf(allowed: readonly unknown[], value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return allowed.some((a) => {
    if (a !== null && typeof a === "object") {
      const [op, arg] = Object.entries(a)[0] as [string, unknown];
      if (op === "exists") return (value !== undefined) === arg;
      if (value === undefined) return false;
      return values.some((v) => matchesOperator(op, arg, v));
    }
    return values.some((v) => v === a);
  });
}

function matchesOperator(op: string, arg: unknown, v: unknown): boolean {
  switch (op) {
    case "prefix":
      return typeof v === "string" && typeof arg === "string" && v.startsWith(arg);
    case "suffix":
      return typeof v === "string" && typeof arg === "string" && v.endsWith(arg);
    case "anything-but":
      return Array.isArray(arg) ? !arg.includes(v) : v !== arg;
    case "numeric":
      return typeof v === "number" && Array.isArray(arg) && numeric(arg, v);
    default:
      return false;
  }
}

function numeric(conditions: readonly unknown[], v: number): boolean {
  for (let i = 0; i + 1 < conditions.length; i += 2) {
    const op = conditions[i];
    const n = conditions[i + 1] as number;
    const holds = op === "=" ? v === n : op === "<" ? v < n : op === "<=" ? v <= n : op === ">" ? v > n : op === ">=" ? v >= n : false;
    if (!holds) return false;
  }
  return true;
}
