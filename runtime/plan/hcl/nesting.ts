/**
 * How deep the loader follows expressions and references. The parser and the evaluator recurse,
 * so without a bound a hostile plan (`((((…))))` 5,000 deep, or 5,000 locals each naming the
 * next) overflows the stack and the CLI ends in an internal error. Past these bounds the load
 * stops with a NestingError naming where; Terraform configurations stay far below them.
 */

/** Nested parentheses, brackets, braces, conditionals and operators in one expression: 64. */
export const EXPRESSION_DEPTH_MAX = 64;

/** References followed one inside another (a local naming a local naming a resource's attribute…): 64. */
export const REFERENCE_DEPTH_MAX = 64;

/** An expression or a chain of references deeper than the bounds above. */
export class NestingError extends Error {
  override readonly name = "NestingError";
  /** Where the evaluation started (`local.a`, `aws_x.y.attr`), once known. */
  where: string | undefined;

  constructor(message: string, where?: string) {
    super(message);
    this.where = where;
  }
}

/**
 * Where `value` nests deeper than `max` levels of lists and objects (a path relative to it, e.g.
 * `.a[0].b`), or undefined. Iterative: it is what makes any later recursive walk safe. Paths are
 * built only on a second walk, once the value is known to be too deep (the first runs on every
 * instance of every plan).
 */
export function nestedDeeperThan(value: unknown, max: number): string | undefined {
  return isWithinDepth(value, max) ? undefined : walkDepth(value, max);
}

/** The first walk: no paths, no tuple per value (it runs on every value of every plan). */
function isWithinDepth(value: unknown, max: number): boolean {
  if (value === null || typeof value !== "object") return true;
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length) {
    const v = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth >= max) return false;
    if (Array.isArray(v)) {
      for (const x of v)
        if (x !== null && typeof x === "object") {
          values.push(x);
          depths.push(depth + 1);
        }
    } else
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === "object") {
          values.push(x);
          depths.push(depth + 1);
        }
      }
  }
  return true;
}

/** The second walk, with paths: only for a value known to be too deep. */
function walkDepth(value: unknown, max: number): string | undefined {
  const stack: [unknown, number, string][] = [[value, 0, ""]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, depth, path] = top;
    if (v === null || typeof v !== "object") continue;
    if (depth >= max) return path;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], depth + 1, `${path}[${i}]`]);
    } else for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], depth + 1, `${path}.${k}`]);
  }
  return undefined;
}

/** A JSON path cut for messages: its first 100 characters, then how much was left out. */
export function shortPath(path: string): string {
  return path.length <= 120 ? path : `${path.slice(0, 100)}… (${path.length - 100} more characters)`;
}
