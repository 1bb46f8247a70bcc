/**
 * Reads a Terraform JSON configuration the way `terraform plan` reads it before asking any
 * provider: variables (their defaults, converted to their types), locals, and every resource's
 * `count` / `for_each` / `dynamic` blocks, with `count.index`, `each.key` and `each.value`
 * substituted. Each instance becomes one node addressed as Terraform addresses it
 * (`aws_x.y[0]`, `aws_x.y["key"]`); `count = 0` leaves none. Values the file does not fix (a
 * variable without default, a data source, an attribute known after apply) stay unknown, with
 * the reason recorded per attribute, never guessed.
 * @see https://developer.hashicorp.com/terraform/language/meta-arguments/count
 * @see https://developer.hashicorp.com/terraform/language/meta-arguments/for_each
 * @see https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks
 */
import type { Expr } from "./hcl/ast";
import { bind, evaluate, forEntries, type Scope } from "./hcl/evaluate";
import { NestingError, REFERENCE_DEPTH_MAX } from "./hcl/nesting";
import { ParseError, parseJsonTemplate } from "./hcl/parser";
import { convert, parseType } from "./hcl/types";
import {
  EvaluationError,
  isLazy,
  isRecord,
  LAZY,
  type Lazy,
  mergeUnknown,
  own,
  plain,
  Ref,
  record,
  TfSet,
  toNum,
  toStr,
  Unknown,
  unknownOf,
  type Value,
} from "./hcl/values";
import { ID_ATTRIBUTE } from "./id-attributes";
import { instanceAddress, type ResourceNode } from "./resources";
import type { TerraformJson } from "./terraform-json";

/** An attribute of an instance whose value the file does not fix, and why. */
export interface UnknownAttribute {
  readonly address: string;
  /** `count`, `for_each`, `instance_class`, `serverlessv2_scaling_configuration[0].min_capacity`… */
  readonly attribute: string;
  readonly why: readonly string[];
}

export interface Expansion {
  /** Every resource and data source instance, by address, in document order. */
  readonly nodes: Map<string, ResourceNode>;
  readonly unknowns: readonly UnknownAttribute[];
  /** `aws` → default region, `aws.<alias>` → region, for provider blocks whose region the file fixes. */
  readonly providerRegions: ReadonlyMap<string, string>;
  /** `aws` / `aws.<alias>` → the provider block's `default_tags`, evaluated to Terraform JSON. */
  readonly providerDefaultTags: ReadonlyMap<string, unknown>;
  /**
   * Addresses of the instances with an attribute evaluated to a list or an object: the only bodies
   * that may nest deeper than the document (the rest is copied from it, and the strict parse has bounded it).
   */
  readonly evaluatedNesting: ReadonlySet<string>;
}

/** Meta-arguments: not attributes of the resource. */
/** Meta-arguments the readers use, kept as written in each instance's body. */
const KEPT_AS_WRITTEN = ["//", "provider", "depends_on", "lifecycle"];

const META = new Set(["count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection", "//", "dynamic"]);

interface Block {
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly base: string;
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
  // Memos kept on the block itself (not in maps keyed by its address: one lookup fewer per read).
  /** Its instances, once known. */
  instances: Instances | typeof COMPUTING | undefined;
  /** Its attribute names (see `attributeNames`). */
  names: readonly string[] | undefined;
  /** The block as references read it, when it has one instance. */
  single: Lazy | undefined;
  /** Attribute → its value, once evaluated, when it has one instance (instances of count/for_each: `attrs`). */
  memos: Map<string, Value | typeof COMPUTING> | undefined;
  /** Attribute → the Ref other resources read, when it has one instance (instances of count/for_each: `refs`). */
  refs: Map<string, Ref> | undefined;
}

type Instances =
  | { readonly kind: "single" }
  | { readonly kind: "count"; readonly n: number }
  | { readonly kind: "for_each"; readonly entries: readonly [string, Value][] }
  | { readonly kind: "unknown"; readonly unknown: Unknown };

const COMPUTING = Symbol("computing");

const SINGLE: Instances = { kind: "single" };

/** What `expand` collects, instance by instance. */
interface Output {
  readonly nodes: Map<string, ResourceNode>;
  readonly unknowns: UnknownAttribute[];
  readonly evaluatedNesting: string[];
  readonly providerRegions: ReadonlyMap<string, string>;
}

/**
 * Evaluates the document's root module into instances. `templates` holds strings already parsed
 * (by the reference check before), and keeps those parsed here.
 */
export function expandConfiguration(doc: TerraformJson, templates: Map<string, Expr> = new Map()): Expansion {
  return new ModuleEvaluator(doc, templates).expand();
}

class ModuleEvaluator {
  private readonly blocks = new Map<string, Block>();
  /** Managed resource type → name → block: references find their block without spelling its address. */
  private readonly managed = new Map<string, Map<string, Block>>();
  private readonly locals = new Map<string, Value | typeof COMPUTING>();
  private readonly vars = new Map<string, Value>();
  /** Address → attribute → its value, once evaluated (one map per instance: no key built per attribute). */
  private readonly attrs = new Map<string, Map<string, Value | typeof COMPUTING>>();
  private readonly scope: Scope;
  /** Address → attribute → the Ref another resource reads (shared by every reference to it). */
  private readonly refs = new Map<string, Map<string, Ref>>();
  /** References being evaluated one inside another. */
  private depth = 0;

  constructor(
    private readonly doc: TerraformJson,
    private readonly parsed: Map<string, Expr>,
  ) {
    for (const [mode, section] of [
      ["managed", doc.resource],
      ["data", doc.data],
    ] as const)
      for (const [type, byName] of Object.entries(section ?? {}))
        for (const name of Object.keys(byName)) {
          const body = byName[name] as Record<string, unknown>;
          const base = `${mode === "data" ? "data." : ""}${type}.${name}`;
          const block: Block = {
            mode,
            type,
            name,
            base,
            path: `$.${mode === "data" ? "data" : "resource"}.${type}.${name}`,
            body,
            instances: undefined,
            names: undefined,
            single: undefined,
            memos: undefined,
            refs: undefined,
          };
          this.blocks.set(base, block);
          if (mode === "managed") {
            let named = this.managed.get(type);
            if (!named) {
              named = new Map();
              this.managed.set(type, named);
            }
            named.set(name, block);
          }
        }
    const namespace = (label: string, get: (n: string) => Value | undefined): Lazy => ({
      [LAZY]: true,
      label,
      get,
      whole: () => new Unknown([`the whole of ${label} is not read`]),
    });
    const roots: Record<string, Value> = {
      var: namespace("var", (n) => this.variable(n)),
      local: namespace("local", (n) => this.local(n)),
      data: namespace("data", (type) => namespace(`data.${type}`, (name) => this.resourceValue(this.blocks.get(`data.${type}.${name}`)))),
      module: namespace("module", (n) => new Unknown([`module.${n}: outputs of modules are not read from Terraform JSON`])),
      path: { module: ".", root: ".", cwd: new Unknown(["path.cwd is the directory Terraform runs in"]) },
      terraform: { workspace: new Unknown(["terraform.workspace is chosen when Terraform runs"]) },
    };
    const types = new Map<string, Lazy>();
    this.scope = {
      lookup: (n) => {
        if (Object.hasOwn(roots, n)) return roots[n];
        const named = this.managed.get(n);
        if (!named) return undefined;
        let ns = types.get(n);
        if (!ns) {
          ns = namespace(n, (name) => this.resourceValue(named.get(name)));
          types.set(n, ns);
        }
        return ns;
      },
    };
  }

  expand(): Expansion {
    const nodes = new Map<string, ResourceNode>();
    const unknowns: UnknownAttribute[] = [];
    const evaluatedNesting: string[] = [];
    const providerRegions = this.providerRegions();
    const providerDefaultTags = this.providerDefaultTags();
    const out: Output = { nodes, unknowns, evaluatedNesting, providerRegions };
    for (const block of this.blocks.values()) {
      const inst = this.instancesOf(block);
      if (inst.kind === "unknown") {
        unknowns.push({ address: block.base, attribute: block.body.for_each !== undefined ? "for_each" : "count", why: inst.unknown.why });
        continue;
      }
      // One instance (nearly every block): no generator, no scope to bind.
      if (inst.kind === "single") this.expandInstance(block, undefined, this.scope, out);
      else for (const [index, scope] of this.instanceScopes(block, inst)) this.expandInstance(block, index, scope, out);
    }
    return { nodes, unknowns, providerRegions, providerDefaultTags, evaluatedNesting: new Set(evaluatedNesting) };
  }

  /** One instance of `block` into `out`: its body evaluated, its unknown parts recorded. */
  private expandInstance(block: Block, index: number | string | undefined, scope: Scope, out: Output): void {
    const address = instanceAddress(block.base, index);
    // An ordinary object, as JSON.parse makes them (a null-prototype one is a slow hash table in V8), with a
    // `__proto__` attribute defined as data the way JSON.parse defines it (see `putData`).
    const body: Record<string, unknown> = {};
    // Meta-arguments the readers use stay as written (acknowledgements in "//", dependencies, ignore_changes).
    for (const key of KEPT_AS_WRITTEN) if (block.body[key] !== undefined) body[key] = block.body[key];
    const dynamic = isPlainObject(block.body.dynamic) ? block.body.dynamic : undefined;
    for (const key of this.attributeNames(block)) {
      // Most attributes are literals (a name, a number, a flag): they read as written, with nothing to evaluate or escape.
      const raw = block.body[key];
      if (isLiteral(raw) && !(dynamic && Object.hasOwn(dynamic, key))) {
        putData(body, key, raw);
        continue;
      }
      const v = this.instanceAttr(block, address, scope, key);
      const json = toTerraformJson(v);
      if (json !== undefined) {
        putData(body, key, json);
        // Values copied from the document are as deep as the document allows; only an evaluated list or object may be deeper.
        if (json !== null && typeof json === "object") out.evaluatedNesting.push(address);
      }
      for (const u of unknownLeaves(v, key)) out.unknowns.push({ address, ...u });
    }
    const region = this.regionOf(block, body, out.providerRegions);
    const provider = providerKey(block);
    // Assigned field by field (no spread of a temporary object per optional field), in this order.
    const node: { -readonly [K in keyof ResourceNode]: ResourceNode[K] } = {
      address,
      mode: block.mode,
      type: block.type,
      name: block.name,
    } as ResourceNode;
    if (index !== undefined) node.index = index;
    node.module = "";
    node.path = index === undefined ? block.path : `${block.path} (instance ${instanceAddress("", index)})`;
    node.body = body;
    if (region !== undefined) node.region = region;
    if (provider !== "aws") node.provider = provider;
    out.nodes.set(address, node);
  }

  // ---- names -------------------------------------------------------------------------------

  private variable(name: string): Value | undefined {
    const known = this.vars.get(name);
    if (known !== undefined) return known;
    const decl = this.doc.variable?.[name];
    if (!decl) return undefined;
    let v: Value;
    if (!("default" in decl))
      v = new Unknown([`var.${name} has no default in the plan (Terraform takes it from -var, a .tfvars file or TF_VAR_${name})`]);
    else {
      v = decl.default as Value;
      if (typeof decl.type === "string") {
        try {
          v = convert(v, parseType(decl.type), `var.${name}`);
        } catch (e) {
          if (!(e instanceof EvaluationError) && !(e instanceof ParseError)) throw e;
          v = new Unknown([`var.${name}: ${e.message}`]);
        }
      }
    }
    this.vars.set(name, v);
    return v;
  }

  private local(name: string): Value | undefined {
    const locals = localsOf(this.doc);
    if (!Object.hasOwn(locals, name)) return undefined;
    const memo = this.locals.get(name);
    if (memo === COMPUTING) return new Unknown([`local.${name} refers to itself`]);
    if (memo !== undefined) return memo;
    this.locals.set(name, COMPUTING);
    const v = this.evalGuarded(locals[name], this.scope, `local.${name}`);
    this.locals.set(name, v);
    return v;
  }

  // ---- resources -----------------------------------------------------------------------------

  /** `aws_x.y`: one instance, a list (count), a map (for_each), or unknown. */
  private resourceValue(block: Block | undefined): Value | undefined {
    if (!block) return undefined;
    if (block.single) return block.single;
    const base = block.base;
    const inst = this.instancesOf(block);
    const lazy = (index: number | string | undefined, scope: Scope): Lazy => {
      const address = instanceAddress(base, index);
      return {
        [LAZY]: true,
        label: address,
        get: (attr) => this.refAttr(block, address, scope, attr),
        whole: () => new Unknown([`${address} as a whole is known after apply`], [address]),
      };
    };
    switch (inst.kind) {
      case "unknown":
        return mergeUnknown([inst.unknown], `the instances of ${base} are not known`);
      case "single": {
        // One instance: the same object for every reference to it (its attributes are memoized anyway).
        const one = lazy(undefined, this.scope);
        block.single = one;
        return one;
      }
      case "count":
        return [...this.instanceScopes(block, inst)].map(([i, s]) => lazy(i, s));
      case "for_each":
        return Object.fromEntries([...this.instanceScopes(block, inst)].map(([k, s]) => [String(k), lazy(k, s)]));
    }
  }

  private instancesOf(block: Block): Instances {
    const memo = block.instances;
    if (memo === COMPUTING) return { kind: "unknown", unknown: new Unknown([`the count or for_each of ${block.base} refers to itself`]) };
    if (memo) return memo;
    block.instances = COMPUTING;
    const result = this.computeInstances(block);
    block.instances = result;
    return result;
  }

  private computeInstances(block: Block): Instances {
    const { count, for_each: forEach } = block.body;
    if (count !== undefined && forEach !== undefined)
      return { kind: "unknown", unknown: new Unknown([`${block.base} sets both count and for_each; Terraform refuses that`]) };
    if (count !== undefined) {
      const v = plain(this.evalGuarded(count, this.scope, `${block.base}.count`));
      if (v instanceof Unknown) return { kind: "unknown", unknown: v };
      try {
        const n = toNum(v, "count");
        if (!Number.isInteger(n) || n < 0)
          return { kind: "unknown", unknown: new Unknown([`count of ${block.base} is ${n}, not a whole number ≥ 0`]) };
        return { kind: "count", n };
      } catch (e) {
        if (!(e instanceof EvaluationError)) throw e;
        return { kind: "unknown", unknown: new Unknown([`count of ${block.base}: ${e.message}`]) };
      }
    }
    if (forEach !== undefined) {
      const v = plain(this.evalGuarded(forEach, this.scope, `${block.base}.for_each`));
      if (v instanceof Unknown) return { kind: "unknown", unknown: v };
      if (Array.isArray(v))
        return {
          kind: "unknown",
          unknown: new Unknown([`for_each of ${block.base} is a list; Terraform needs a map or a set of strings (wrap it in toset())`]),
        };
      if (v instanceof TfSet) {
        const u = unknownOf(v);
        if (u) return { kind: "unknown", unknown: u };
        return { kind: "for_each", entries: v.items.map((i) => [toStr(i, "for_each key"), i]) };
      }
      if (isRecord(v)) return { kind: "for_each", entries: forEntries(v).map(([k, x]) => [String(k), x]) };
      return { kind: "unknown", unknown: new Unknown([`for_each of ${block.base} is not a map or a set`]) };
    }
    return SINGLE;
  }

  private *instanceScopes(block: Block, inst: Instances): Generator<[number | string | undefined, Scope]> {
    if (inst.kind === "single") yield [undefined, this.scope];
    else if (inst.kind === "count") for (let i = 0; i < inst.n; i++) yield [i, bind(this.scope, { count: { index: i } })];
    else if (inst.kind === "for_each") for (const [key, value] of inst.entries) yield [key, bind(this.scope, { each: { key, value } })];
    void block;
  }

  /** Attribute names of a block's body, with the blocks its `dynamic` blocks generate (the same for each instance). */
  private attributeNames(block: Block): readonly string[] {
    const known = block.names;
    if (known) return known;
    const body = block.body;
    const names = Object.keys(body).filter((k) => !META.has(k));
    const dynamic = body.dynamic;
    for (const d of isPlainObject(dynamic) ? Object.keys(dynamic) : []) if (!names.includes(d)) names.push(d);
    block.names = names;
    return names;
  }

  /**
   * An attribute of an instance as another resource reads it: a Ref to (address, attribute). The
   * Ref is made once per (address, attribute) and shared by every reference to it (a key every
   * cluster names is read thousands of times), unless its value was read mid-cycle.
   */
  private refAttr(block: Block, address: string, scope: Scope, attr: string): Value {
    let known = address === block.base ? block.refs : this.refs.get(address);
    if (!known) {
      known = new Map();
      if (address === block.base) block.refs = known;
      else this.refs.set(address, known);
    }
    const memo = known.get(attr);
    if (memo) return memo;
    const target = { address, attribute: attr };
    let read: string | undefined;
    let ref: Ref | undefined;
    if (
      (Object.hasOwn(block.body, attr) && !META.has(attr)) ||
      (isPlainObject(block.body.dynamic) && Object.hasOwn(block.body.dynamic, attr))
    ) {
      read = attr;
      ref = new Ref(target, this.instanceAttr(block, address, scope, attr));
    } else {
      const idOf = own(ID_ATTRIBUTE, block.type);
      if (attr === "id" && idOf !== undefined && Object.hasOwn(block.body, idOf)) {
        // Without an identifier, Terraform generates one at apply.
        read = idOf;
        const id = plain(this.instanceAttr(block, address, scope, idOf));
        if (id !== null) ref = new Ref(target, id);
      }
    }
    if (!ref) {
      const source = block.mode === "data" ? "read by the provider when Terraform plans" : "known after apply";
      ref = new Ref(target, new Unknown([`${address}.${attr} is ${source}`], [address]));
    }
    // A value read while that attribute was still being evaluated (a cycle) is not its final value: not kept.
    const settled = read === undefined || this.memosOf(block, address).get(read) !== COMPUTING;
    if (settled) known.set(attr, ref);
    return ref;
  }

  /** The evaluated attributes of one instance of `block`. */
  private memosOf(block: Block, address: string): Map<string, Value | typeof COMPUTING> {
    if (address === block.base) {
      block.memos ??= new Map();
      return block.memos;
    }
    let memos = this.attrs.get(address);
    if (!memos) {
      memos = new Map();
      this.attrs.set(address, memos);
    }
    return memos;
  }

  private instanceAttr(block: Block, address: string, scope: Scope, attr: string): Value {
    const memos = this.memosOf(block, address);
    const memo = memos.get(attr);
    if (memo === COMPUTING) return new Unknown([`${address}.${attr} refers to itself`], [address]);
    if (memo !== undefined) return memo;
    memos.set(attr, COMPUTING);
    const dynamic = isPlainObject(block.body.dynamic) ? block.body.dynamic[attr] : undefined;
    let v: Value;
    if (dynamic !== undefined) {
      const statics =
        block.body[attr] === undefined ? [] : asBlockList(this.evalBlockGuarded(block.body[attr], scope, `${address}.${attr}`));
      const generated = this.dynamicBlocks(dynamic, attr, scope, `${address}.${attr}`);
      v = generated instanceof Unknown ? generated : [...statics, ...generated];
    } else v = this.evalBlockGuarded(block.body[attr], scope, `${address}.${attr}`);
    memos.set(attr, v);
    return v;
  }

  /** `dynamic "name" { for_each, iterator, content }`: one block per element, the iterator bound. */
  private dynamicBlocks(spec: unknown, name: string, scope: Scope, where: string): Value[] | Unknown {
    const out: Value[] = [];
    for (const d of Array.isArray(spec) ? spec : [spec]) {
      if (!isPlainObject(d)) continue;
      const coll = plain(this.evalGuarded(d.for_each, scope, `${where} dynamic for_each`));
      if (coll instanceof Unknown) return coll;
      const iterator = typeof d.iterator === "string" ? d.iterator : name;
      let entries: [Value, Value][];
      try {
        entries = forEntries(coll);
      } catch (e) {
        if (!(e instanceof EvaluationError)) throw e;
        return new Unknown([`${where}: dynamic block: ${e.message}`]);
      }
      for (const [key, value] of entries) {
        const s = bind(scope, { [iterator]: { key, value } });
        for (const c of Array.isArray(d.content) ? d.content : [d.content]) {
          const v = this.evalBlockGuarded(c, s, where);
          if (v !== null) out.push(v);
        }
      }
    }
    return out;
  }

  // ---- evaluation of JSON values -----------------------------------------------------------------

  private evalGuarded(v: unknown, scope: Scope, where: string): Value {
    return this.evalNested(v, scope, where, false);
  }

  private evalBlockGuarded(v: unknown, scope: Scope, where: string): Value {
    return this.evalNested(v, scope, where, true);
  }

  /** Every reference followed passes here, so the depth of references in progress is counted (see nesting.ts). */
  private evalNested(v: unknown, scope: Scope, where: string, blocks: boolean): Value {
    if (this.depth >= REFERENCE_DEPTH_MAX)
      throw new NestingError(`a chain of more than ${REFERENCE_DEPTH_MAX} references, each inside the next, reaches ${where}`, where);
    this.depth++;
    try {
      return this.evalJson(v, scope, blocks);
    } catch (e) {
      if (e instanceof EvaluationError || e instanceof ParseError) return new Unknown([`${where}: ${e.message}`]);
      if (e instanceof NestingError) e.where ??= where;
      throw e;
    } finally {
      this.depth--;
    }
  }

  /** A Terraform JSON value: strings are templates; objects may hold `dynamic` blocks (when `blocks`). */
  private evalJson(v: unknown, scope: Scope, blocks = false): Value {
    if (typeof v === "string") {
      let e = this.parsed.get(v);
      if (!e) {
        e = parseJsonTemplate(v);
        this.parsed.set(v, e);
      }
      return evaluate(e, scope);
    }
    if (Array.isArray(v)) return v.map((x) => this.evalJson(x, scope, blocks));
    if (isPlainObject(v)) {
      const out = record();
      for (const [k, x] of Object.entries(v)) {
        if (k === "//" || (blocks && k === "dynamic")) continue;
        out[k] = this.evalJson(x, scope, blocks);
      }
      if (blocks && isPlainObject(v.dynamic))
        for (const [name, spec] of Object.entries(v.dynamic)) {
          const generated = this.dynamicBlocks(spec, name, scope, name);
          const statics = out[name] === undefined ? [] : asBlockList(out[name] as Value);
          out[name] = generated instanceof Unknown ? generated : [...statics, ...generated];
        }
      return out;
    }
    return (v ?? null) as Value;
  }

  // ---- regions -------------------------------------------------------------------------------------

  private providerRegions(): Map<string, string> {
    const out = new Map<string, string>();
    const aws = this.doc.provider?.aws;
    for (const b of aws === undefined ? [] : Array.isArray(aws) ? aws : [aws]) {
      const alias = typeof b.alias === "string" ? b.alias : undefined;
      const region = plain(this.evalGuarded(b.region, this.scope, "provider.aws.region"));
      if (typeof region === "string") out.set(alias ? `aws.${alias}` : "aws", region);
    }
    return out;
  }

  /** Each aws provider block's `default_tags`, evaluated (the tags every resource of that configuration carries). */
  private providerDefaultTags(): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const aws = this.doc.provider?.aws;
    for (const b of aws === undefined ? [] : Array.isArray(aws) ? aws : [aws]) {
      if (b.default_tags === undefined) continue;
      const alias = typeof b.alias === "string" ? b.alias : undefined;
      out.set(
        alias ? `aws.${alias}` : "aws",
        toTerraformJson(this.evalBlockGuarded(b.default_tags, this.scope, "provider.aws.default_tags")),
      );
    }
    return out;
  }

  /** The resource's `region` argument (provider v6), else its provider's region. */
  private regionOf(block: Block, body: Record<string, unknown>, providers: ReadonlyMap<string, string>): string | undefined {
    if (!block.type.startsWith("aws_")) return undefined;
    const own = body.region;
    if (typeof own === "string" && !own.includes("${")) return own;
    return providers.get(providerKey(block));
  }
}

/** The provider configuration a block names (`provider = aws.west`), else the default `aws`. */
function providerKey(block: Block): string {
  return typeof block.body.provider === "string" ? block.body.provider.replace(/^\$\{(.*)\}$/, "$1") : "aws";
}

/**
 * A value that evaluates to itself and reads back as written: a number, a bool, or a string with
 * no `${` or `%{` (the only sequences a Terraform JSON string template interprets).
 */
function isLiteral(v: unknown): v is string | number | boolean {
  if (typeof v === "string") return !v.includes("${") && !v.includes("%{");
  return typeof v === "number" || typeof v === "boolean";
}

/**
 * `o[key] = value` on an ordinary object, except that `__proto__` is defined as an own data
 * property, as JSON.parse defines it: assigning it would set the prototype and drop the attribute.
 */
function putData(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function asBlockList(v: Value): Value[] {
  const x = plain(v);
  if (x === null) return [];
  return Array.isArray(x) ? x : [x];
}

/** `locals` as one object (Terraform JSON allows several `locals` blocks as a list). */
export function localsOf(doc: TerraformJson): Readonly<Record<string, unknown>> {
  const l = doc.locals as unknown;
  if (Array.isArray(l)) return Object.assign({}, ...l.filter(isPlainObject));
  return isPlainObject(l) ? l : {};
}

// ---- back to Terraform JSON ----------------------------------------------------------------------

const REFERENCE_TEXT = new WeakMap<Ref, string>();

const PLAIN_ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/**
 * An evaluated value as Terraform JSON: strings escaped (`$${`), a value read from another instance
 * as a reference to it, an unknown value as `${unknown(<addresses it depends on>)}`; nulls left
 * out as Terraform JSON leaves unset attributes out. Undefined for a null attribute.
 */
export function toTerraformJson(v: Value): unknown {
  if (v instanceof Ref) {
    if (!PLAIN_ATTRIBUTE.test(v.target.attribute)) return toTerraformJson(v.value);
    // Spelled once per Ref: the evaluator shares one Ref among every reference to an attribute.
    let spelled = REFERENCE_TEXT.get(v);
    if (spelled === undefined) {
      spelled = `\${${v.target.address}.${v.target.attribute}}`;
      REFERENCE_TEXT.set(v, spelled);
    }
    return spelled;
  }
  if (v instanceof Unknown) return unknownMarker(v);
  if (v === null) return undefined;
  if (typeof v === "string") return v.replaceAll("${", () => "$${").replaceAll("%{", "%%{");
  if (typeof v !== "object") return v;
  if (v instanceof TfSet) return v.items.map(toTerraformJson).filter((x) => x !== undefined);
  if (Array.isArray(v)) return v.map((x) => toTerraformJson(x) ?? null);
  if (isLazy(v)) return unknownMarker(new Unknown([], [v.label]));
  const out = record<unknown>();
  for (const [k, x] of Object.entries(v as Record<string, Value>)) {
    const j = toTerraformJson(x);
    if (j !== undefined) out[k] = j;
  }
  return out;
}

/** `${unknown(aws_x.y[0], data.aws_z.w)}`: parsed back by the resolver as unknown, with its references. */
export function unknownMarker(u: Unknown): string {
  return `\${unknown(${u.refs.join(", ")})}`;
}

/** Paths and reasons of the unknown parts of an attribute's value (at most a few per attribute). */
function unknownLeaves(
  v: Value,
  path: string,
  out: { attribute: string; why: readonly string[] }[] = [],
): { attribute: string; why: readonly string[] }[] {
  if (out.length >= 8) return out;
  const x = plain(v);
  if (x instanceof Unknown) out.push({ attribute: path, why: x.why });
  else if (Array.isArray(x) || x instanceof TfSet) {
    const items = Array.isArray(x) ? x : x.items;
    for (const [n, i] of items.entries()) unknownLeaves(i, `${path}[${n}]`, out);
  } else if (isRecord(x)) for (const [k, i] of Object.entries(x)) unknownLeaves(i, `${path}.${k}`, out);
  return out;
}
