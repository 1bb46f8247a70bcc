import { hasInterpolation, parseTemplate, type Ref, refAddress, type TemplatePart } from "./expressions";
import type { PlanProblem } from "./plan-error";
import type { ResourceNode } from "./resources";
import type { TerraformJson } from "./terraform-json";

/**
 * Attributes whose value equals another attribute of the same resource once applied (AWS uses
 * the identifier as the Terraform id for these types), so `${aws_rds_cluster.x.id}` resolves to
 * the configured `cluster_identifier`.
 */
const ID_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_rds_cluster: "cluster_identifier",
  aws_rds_cluster_instance: "identifier",
  aws_db_subnet_group: "name",
  aws_redshift_cluster: "cluster_identifier",
  aws_elasticache_replication_group: "replication_group_id",
  aws_db_proxy: "name",
};

/** Marks a value Terraform knows only after apply (a computed attribute, a function call). */
export const UNKNOWN: unique symbol = Symbol("known after apply");
export type Known<T> = T | typeof UNKNOWN;

/** Where a whole-string reference points. */
export interface Target {
  readonly address: string;
  readonly attribute: string;
}

/**
 * Resolves `${...}` references between the plan's blocks: to the referenced block's address
 * (for topology edges) and, where the plan fixes it, to the literal value.
 */
export class Resolver {
  private readonly variables: Readonly<Record<string, unknown>>;
  private readonly declaredVariables: ReadonlySet<string>;
  private readonly locals: Readonly<Record<string, unknown>>;

  constructor(
    private readonly nodes: ReadonlyMap<string, ResourceNode>,
    doc: TerraformJson,
  ) {
    const vars: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(doc.variable ?? {})) if ("default" in v) vars[name] = v.default;
    this.variables = vars;
    this.declaredVariables = new Set(Object.keys(doc.variable ?? {}));
    this.locals = doc.locals ?? {};
  }

  /** Every reference to a block that the plan does not declare, with its JSON path. */
  danglingReferences(): PlanProblem[] {
    const problems: PlanProblem[] = [];
    for (const node of this.nodes.values()) {
      const base = `$.${node.mode === "data" ? "data" : "resource"}.${node.type}.${node.name}`;
      const iterators = dynamicIterators(node.body);
      walkStrings(node.body, base, (s, path) => {
        for (const ref of refsIn(s)) {
          // `authentication_mode.value` inside `dynamic "authentication_mode"` is the block's iterator, not a resource.
          if (ref.kind === "resource" && iterators.has(ref.type)) continue;
          if (ref.kind === "resource" || ref.kind === "data") {
            const address = refAddress(ref);
            if (!this.nodes.has(address))
              problems.push({
                path,
                message: `references ${address}, which the plan does not declare`,
                expected: "a reference to a resource or data source declared in the same plan",
              });
          } else if (ref.kind === "var" && !this.declaredVariables.has(ref.name)) {
            problems.push({
              path,
              message: `references var.${ref.name}, which the plan does not declare`,
              expected: "a variable declared in the plan's variable block",
            });
          }
        }
      });
    }
    return problems;
  }

  /** The block a whole-string reference (`${aws_x.y.attr}`) points at. */
  target(value: unknown): Target | undefined {
    if (typeof value !== "string") return undefined;
    const parts = parseTemplate(value);
    const [only] = parts;
    if (parts.length !== 1 || only?.kind !== "ref") return undefined;
    const ref = only.ref;
    if (ref.kind !== "resource" && ref.kind !== "data") return undefined;
    return { address: refAddress(ref), attribute: ref.attribute };
  }

  /** Addresses of every block this value refers to (explicit `depends_on` included by callers). */
  referencedAddresses(value: unknown): string[] {
    const out: string[] = [];
    walkStrings(value, "", (s) => {
      for (const ref of refsIn(s)) if (ref.kind === "resource" || ref.kind === "data") out.push(refAddress(ref));
    });
    return out;
  }

  /** The value as the plan fixes it, or UNKNOWN when it is known only after apply. */
  literal(value: unknown, seen: ReadonlySet<string> = new Set()): Known<unknown> {
    if (typeof value === "string")
      return hasInterpolation(value) ? this.template(parseTemplate(value), seen) : value.replaceAll("$${", "${");
    if (Array.isArray(value)) {
      const items = value.map((v) => this.literal(v, seen));
      return items.includes(UNKNOWN) ? UNKNOWN : items;
    }
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const r = this.literal(v, seen);
        if (r === UNKNOWN) return UNKNOWN;
        out[k] = r;
      }
      return out;
    }
    return value;
  }

  /** `literal` narrowed to a string; UNKNOWN for anything else. */
  string(value: unknown): Known<string> {
    const v = this.literal(value);
    return typeof v === "string" ? v : UNKNOWN;
  }

  private template(parts: readonly TemplatePart[], seen: ReadonlySet<string>): Known<unknown> {
    const values = parts.map((p): Known<unknown> => {
      if (p.kind === "literal") return p.text;
      if (p.kind === "expression") return UNKNOWN;
      return this.refValue(p.ref, seen);
    });
    if (values.includes(UNKNOWN)) return UNKNOWN;
    return values.length === 1 ? values[0] : values.map(String).join("");
  }

  private refValue(ref: Ref, seen: ReadonlySet<string>): Known<unknown> {
    if (ref.kind === "var") return ref.name in this.variables ? this.literal(this.variables[ref.name], seen) : UNKNOWN;
    if (ref.kind === "local") return ref.name in this.locals ? this.literal(this.locals[ref.name], seen) : UNKNOWN;
    if (ref.kind !== "resource") return UNKNOWN;
    const address = refAddress(ref);
    const key = `${address}.${ref.attribute}`;
    const node = this.nodes.get(address);
    if (!node || seen.has(key) || ref.attribute === "" || ref.attribute.includes("[")) return UNKNOWN;
    const attribute = ref.attribute === "id" ? ID_ATTRIBUTE[node.type] : ref.attribute;
    if (attribute === undefined || !(attribute in node.body)) return UNKNOWN;
    return this.literal(node.body[attribute], new Set([...seen, key]));
  }
}

/** Iterator names of a body's `dynamic` blocks (the block's label, or its `iterator`), at any depth. */
function dynamicIterators(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) dynamicIterators(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "dynamic" && v !== null && typeof v === "object")
        for (const block of Array.isArray(v) ? v : [v])
          for (const [label, spec] of Object.entries(block as Record<string, unknown>)) {
            const specs = Array.isArray(spec) ? spec : [spec];
            for (const one of specs) {
              const iterator = (one as { iterator?: unknown } | null)?.iterator;
              out.add(typeof iterator === "string" ? iterator : label);
            }
          }
      dynamicIterators(v, out);
    }
  }
  return out;
}

function refsIn(s: string): Ref[] {
  if (!hasInterpolation(s)) return [];
  return parseTemplate(s).flatMap((p) => (p.kind === "ref" ? [p.ref] : p.kind === "expression" ? [...p.refs] : []));
}

function walkStrings(value: unknown, path: string, visit: (s: string, path: string) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walkStrings(v, `${path}[${i}]`, visit);
  } else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) walkStrings(v, `${path}.${k}`, visit);
}
