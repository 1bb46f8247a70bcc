/**
 * Reading attribute values of a Terraform JSON resource. A value written as a `${...}` expression
 * is known only after apply: rules treat it as unknown and never report it as a violation.
 * Booleans and numbers may arrive as strings ("true", "7"): Terraform converts them, and some
 * provider attributes (e.g. `encrypted` of `aws_redshift_cluster`) are strings in the schema.
 */

/** Marks a value Terraform knows only after apply. */
export const UNKNOWN: unique symbol = Symbol("known after apply");
export type Known<T> = T | typeof UNKNOWN;

/** True when the string holds a `${...}` interpolation (`$${` is Terraform's escaped literal). */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && /(^|[^$])\$\{/.test(value);
}

/** A bool attribute: `undefined` when not set, UNKNOWN when it is an expression. */
export function boolAttr(value: unknown): Known<boolean> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return UNKNOWN;
}

/** A number attribute: `undefined` when not set, UNKNOWN when it is an expression. */
export function numberAttr(value: unknown): Known<number> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return UNKNOWN;
}

/** A string attribute: `undefined` when not set or empty, UNKNOWN when it is an expression. */
export function stringAttr(value: unknown): Known<string> | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || isExpression(value)) return UNKNOWN;
  return value.replaceAll("$${", "${");
}

/** A list of strings: UNKNOWN when the list, or any item, is an expression. */
export function stringListAttr(value: unknown): Known<readonly string[]> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return UNKNOWN;
  return value.every((v) => typeof v === "string") ? (value as string[]) : UNKNOWN;
}

/**
 * The blocks of a nested block attribute (`ebs`, `mixed_instances_policy`, …). Terraform JSON
 * writes a block as an object or a list of objects; a `dynamic` block or an expression is UNKNOWN.
 */
export function blocksAttr(attributes: Readonly<Record<string, unknown>>, name: string): Known<readonly Record<string, unknown>[]> {
  const dynamic = attributes.dynamic;
  if (dynamic !== null && typeof dynamic === "object" && name in dynamic) return UNKNOWN;
  const value = attributes[name];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.every((b) => b !== null && typeof b === "object" && !Array.isArray(b)) ? (items as Record<string, unknown>[]) : UNKNOWN;
}

/** The first block of a nested block attribute; `undefined` when absent. */
export function blockAttr(attributes: Readonly<Record<string, unknown>>, name: string): Known<Record<string, unknown>> | undefined {
  const blocks = blocksAttr(attributes, name);
  return blocks === UNKNOWN ? UNKNOWN : blocks[0];
}

/** How a finding names the value it found: `false`, `"ELB"`, or `not set`. */
export function show(value: unknown): string {
  return value === undefined || value === null ? "not set" : JSON.stringify(value);
}
