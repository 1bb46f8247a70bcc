import type { Expr } from "./hcl/ast";
import { ParseError, parseJsonTemplate } from "./hcl/parser";
import { own, record } from "./hcl/values";
import { asTraversal, resourceOf, type Step } from "./hcl/walk";
import { ID_ATTRIBUTE } from "./id-attributes";
import { instanceAddress, type ResourceNode } from "./resources";

/** Marks a value Terraform knows only after apply (a computed attribute, a value the file does not fix). */
export const UNKNOWN: unique symbol = Symbol("known after apply");
export type Known<T> = T | typeof UNKNOWN;

/** Where a whole-string reference points. */
export interface Target {
  readonly address: string;
  readonly attribute: string;
}

type Parsed =
  | { readonly k: "literal"; readonly text: string }
  | { readonly k: "ref"; readonly address: string; readonly steps: readonly Step[]; target?: Target; value?: Known<unknown> }
  | { readonly k: "unknown"; readonly refs: readonly string[] };

/**
 * Reads values of evaluated instance bodies (see `resources.ts`): literals, references to other
 * instances (followed to the attribute they name; `id` is the identifier for the types AWS names
 * by it), and unknown markers. Indexes instances by their resource (`aws_x.y` → its instances)
 * once, so a reference to a whole resource is one lookup.
 */
export class Resolver {
  private readonly parsed = new Map<string, Parsed>();
  private readonly byBase = new Map<string, string[]>();

  /**
   * `templates`: strings already parsed (the loader's, from the document): an evaluated body spells
   * most references as the document did, so they are not parsed again.
   */
  constructor(
    private readonly nodes: ReadonlyMap<string, ResourceNode>,
    private readonly templates: ReadonlyMap<string, Expr> = new Map(),
  ) {
    for (const n of nodes.values()) {
      const base = baseOf(n);
      const list = this.byBase.get(base);
      if (list) list.push(n.address);
      else this.byBase.set(base, [n.address]);
    }
  }

  /** Addresses of the instances of a resource (`aws_x.y`, or `module.m.aws_x.y`). */
  instancesOf(base: string): readonly string[] {
    return this.byBase.get(base) ?? [];
  }

  /** The block a whole-string reference (`${aws_x.y[0].attr}`) points at. */
  target(value: unknown): Target | undefined {
    if (typeof value !== "string" || !value.includes("${")) return undefined;
    const p = this.parse(value);
    if (p.k !== "ref") return undefined;
    // Spelled once per reference text: the same reference is followed from many places.
    p.target ??= { address: p.address, attribute: stepsText(p.steps) };
    return p.target;
  }

  /** Addresses of every instance this value refers to, directly or through an unknown value. */
  referencedAddresses(value: unknown): string[] {
    const out: string[] = [];
    walkStrings(value, (s) => {
      if (!s.includes("${")) return;
      const p = this.parse(s);
      if (p.k === "ref") out.push(p.address);
      else if (p.k === "unknown") out.push(...p.refs);
    });
    return out;
  }

  /** The instances a node's `depends_on` names (a whole resource stands for all its instances). */
  dependencies(node: ResourceNode): string[] {
    const list = Array.isArray(node.body.depends_on) ? node.body.depends_on : [];
    return list.flatMap((d) => {
      if (typeof d !== "string") return [];
      const text = /^\$\{(.*)\}$/s.exec(d)?.[1] ?? d;
      const prefix = node.module ? `${node.module}.` : "";
      const ref = refIn(text, prefix);
      if (!ref) return [];
      return ref.index === undefined ? [...this.instancesOf(ref.base)] : [instanceAddress(ref.base, ref.index)];
    });
  }

  /** The value as the plan fixes it, or UNKNOWN when it is known only after apply. */
  literal(value: unknown, seen: ReadonlySet<string> = NOTHING_SEEN): Known<unknown> {
    if (typeof value === "string") {
      // Without a `{`, a string is its own text (no interpolation, no escape to undo).
      if (!value.includes("{")) return value;
      const p = this.parse(value);
      if (p.k === "literal") return p.text;
      if (p.k === "unknown") return UNKNOWN;
      // From the top (nothing seen yet), where a reference leads is the same every time: a scalar answer is kept.
      if (seen !== NOTHING_SEEN) return this.follow(p.address, p.steps, seen);
      if (p.value !== undefined) return p.value;
      const v = this.follow(p.address, p.steps, seen);
      if (v === null || typeof v !== "object") p.value = v;
      return v;
    }
    if (Array.isArray(value)) {
      const items = value.map((v) => this.literal(v, seen));
      return items.includes(UNKNOWN) ? UNKNOWN : items;
    }
    if (value !== null && typeof value === "object") {
      const out = record<unknown>();
      for (const [k, v] of Object.entries(value)) {
        if (k === "//") continue;
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

  private follow(address: string, steps: readonly Step[], seen: ReadonlySet<string>): Known<unknown> {
    const node = this.nodes.get(address);
    const first = steps[0];
    if (!node || !first || !("attr" in first)) return UNKNOWN;
    const key = `${address}.${first.attr}`;
    if (seen.has(key)) return UNKNOWN;
    const attribute = first.attr === "id" && !Object.hasOwn(node.body, first.attr) ? own(ID_ATTRIBUTE, node.type) : first.attr;
    if (attribute === undefined || !Object.hasOwn(node.body, attribute)) return UNKNOWN;
    const raw = node.body[attribute];
    // A plain string is its own value: no set of followed references to build.
    let v = typeof raw === "string" && !raw.includes("{") ? raw : this.literal(raw, new Set(seen).add(key));
    for (let i = 1; i < steps.length; i++) {
      const s = steps[i] as Step;
      if (v === UNKNOWN || v === null || typeof v !== "object") return UNKNOWN;
      if ("dynamic" in s) return UNKNOWN;
      const k = "attr" in s ? s.attr : s.index;
      v = (v as Record<string | number, unknown>)[k];
      if (v === undefined) return UNKNOWN;
    }
    return v;
  }

  private parse(s: string): Parsed {
    let p = this.parsed.get(s);
    if (p) return p;
    p = parseValue(s, (base) => this.instancesOf(base), this.templates);
    this.parsed.set(s, p);
    return p;
  }
}

const NOTHING_SEEN: ReadonlySet<string> = new Set();

/** `aws_x.y` for `aws_x.y[0]`, with the module path kept. */
export function baseOf(n: ResourceNode): string {
  return `${n.module ? `${n.module}.` : ""}${n.mode === "data" ? "data." : ""}${n.type}.${n.name}`;
}

/** True when the string holds a `${...}` interpolation (not the `$${` escape). */
export function hasInterpolation(s: string): boolean {
  return /(^|[^$])\$\{/.test(s);
}

function parseValue(s: string, instancesOf: (base: string) => readonly string[], templates: ReadonlyMap<string, Expr>): Parsed {
  if (!hasInterpolation(s)) return { k: "literal", text: s.replaceAll("$${", "${").replaceAll("%%{", "%{") };
  let e: Expr;
  try {
    e = templates.get(s) ?? parseJsonTemplate(s);
  } catch (err) {
    if (err instanceof ParseError) return { k: "unknown", refs: [] };
    throw err;
  }
  if (e.k === "call" && e.name === "unknown") {
    const refs = e.args.flatMap((a) => {
      const t = asTraversal(a);
      const r = t && resourceOf(t);
      return r ? (r.index === undefined ? [...instancesOf(r.base)] : [instanceAddress(r.base, r.index)]) : [];
    });
    return { k: "unknown", refs };
  }
  const t = asTraversal(e);
  const r = t && resourceOf(t);
  if (!r) return { k: "unknown", refs: [] };
  if (r.index !== undefined) return { k: "ref", address: instanceAddress(r.base, r.index), steps: r.attribute };
  // A reference without index to a resource of one instance (or none with count): that instance.
  const all = instancesOf(r.base);
  if (all.length === 1 && all[0] === r.base) return { k: "ref", address: r.base, steps: r.attribute };
  return all.length === 1 ? { k: "ref", address: all[0] as string, steps: r.attribute } : { k: "unknown", refs: [...all] };
}

function refIn(text: string, prefix: string): { base: string; index?: string | number } | undefined {
  try {
    const t = asTraversal(parseJsonTemplate(`\${${prefix}${text}}`));
    const r = t && resourceOf(t);
    return r ? { base: r.base, ...(r.index !== undefined ? { index: r.index } : {}) } : undefined;
  } catch (e) {
    if (e instanceof ParseError) return undefined;
    throw e;
  }
}

function stepsText(steps: readonly Step[]): string {
  return steps
    .map((s, i) => ("attr" in s ? `${i === 0 ? "" : "."}${s.attr}` : "index" in s ? `[${JSON.stringify(s.index)}]` : "[*]"))
    .join("");
}

function walkStrings(value: unknown, visit: (s: string) => void): void {
  if (typeof value === "string") visit(value);
  else if (Array.isArray(value)) for (const v of value) walkStrings(v, visit);
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) if (k !== "//") walkStrings(v, visit);
}
