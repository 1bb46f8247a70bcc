/**
 * A read-only view of a Terraform JSON document (`cdk.tf.json`) for policy rules: resources by
 * type and address, and where a `${type.name.attr}` reference points. It accepts any JSON and
 * skips what is not a resource block, so a rule never crashes on an odd plan; validating the plan
 * is the loader's job (`runtime/plan`).
 */

/** One `resource` (or `data`) block of the plan. */
export interface PlanResource {
  /** `aws_rds_cluster.Orders_A9B65338`, or `data.aws_iam_policy_document.x` for data sources. */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** Attributes as synthesized: references and expressions are unresolved `${...}` strings. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** Where a whole-string reference such as `${aws_kms_key.Key.arn}` points. */
export interface ReferenceTarget {
  readonly resource: PlanResource;
  /** `arn`, `id`, `name`, `json`…; empty for a whole-resource reference. */
  readonly attribute: string;
}

const NAME = "[A-Za-z_][A-Za-z0-9_-]*";
/** An instance key as Terraform prints it: `[0]` or `["key"]`. */
const INDEX = `\\[(?:\\d+|"(?:[^"\\\\]|\\\\.)*")\\]`;
/** `module.a.module.b[0].` prefixes of a child module's resources (`terraform show -json` plans). */
const MODULES = `((?:module\\.${NAME}(?:${INDEX})?\\.)*)`;
const WHOLE_REFERENCE = new RegExp(
  `^\\$\\{${MODULES}(data\\.)?(${NAME})\\.(${NAME})(${INDEX})?((?:\\.[A-Za-z0-9_*-]+|\\[[^\\]]*\\])*)\\}$`,
);

export class PlanView {
  private readonly byAddress = new Map<string, PlanResource>();
  private readonly byType = new Map<string, PlanResource[]>();
  /** Whole-reference string → where it points (null: nowhere); rules ask about the same strings again and again. */
  private readonly targets = new Map<string, ReferenceTarget | null>();
  private readonly indexes = new Map<string, unknown>();

  /** Builds the view of a parsed Terraform JSON document. */
  static fromTerraformJson(doc: unknown): PlanView {
    const view = new PlanView();
    if (!isRecord(doc)) return view;
    for (const [mode, section] of [
      ["managed", doc.resource],
      ["data", doc.data],
    ] as const) {
      if (!isRecord(section)) continue;
      for (const [type, byName] of Object.entries(section)) {
        if (!isRecord(byName)) continue;
        for (const [name, attributes] of Object.entries(byName)) {
          if (isRecord(attributes)) view.add({ address: `${mode === "data" ? "data." : ""}${type}.${name}`, mode, type, name, attributes });
        }
      }
    }
    return view;
  }

  /**
   * Builds the view of resource instances the runtime's loader has evaluated (`count`/`for_each`
   * expanded, `terraform show -json` read): each is addressed as Terraform addresses it
   * (`aws_x.y[0]`, `module.m.aws_x.y["k"]`), so rules see every instance AWS would create.
   */
  static fromResources(resources: Iterable<PlanResource>): PlanView {
    const view = new PlanView();
    for (const r of resources) view.add(r);
    return view;
  }

  private constructor() {}

  private add(resource: PlanResource): void {
    this.byAddress.set(resource.address, resource);
    const key = `${resource.mode}:${resource.type}`;
    const list = this.byType.get(key);
    if (list) list.push(resource);
    else this.byType.set(key, [resource]);
  }

  /** Every managed resource, in document order. */
  get resources(): readonly PlanResource[] {
    return [...this.byAddress.values()].filter((r) => r.mode === "managed");
  }

  /** Managed resources of one type. */
  ofType(type: string): readonly PlanResource[] {
    return this.byType.get(`managed:${type}`) ?? [];
  }

  /** Data sources of one type. */
  dataOfType(type: string): readonly PlanResource[] {
    return this.byType.get(`data:${type}`) ?? [];
  }

  get(address: string): PlanResource | undefined {
    return this.byAddress.get(address);
  }

  /** The block a whole-string reference points at, if the plan declares it. */
  target(value: unknown): ReferenceTarget | undefined {
    if (typeof value !== "string" || !value.startsWith("${")) return undefined;
    const known = this.targets.get(value);
    if (known !== undefined) return known ?? undefined;
    const m = WHOLE_REFERENCE.exec(value);
    const [, modules = "", data, type = "", name = "", index = "", rest = ""] = m ?? [];
    const resource = m ? this.byAddress.get(`${modules}${data ? "data." : ""}${type}.${name}${index}`) : undefined;
    const found = resource ? { resource, attribute: rest.replace(/^\./, "") } : undefined;
    this.targets.set(value, found ?? null);
    return found;
  }

  /**
   * An index a rule derives from the whole plan (instances by cluster, selections by database),
   * built once per view under `key`: a rule that scanned the plan for each resource would make
   * `check` quadratic in the plan's size.
   */
  index<T>(key: string, build: () => T): T {
    if (this.indexes.has(key)) return this.indexes.get(key) as T;
    const built = build();
    this.indexes.set(key, built);
    return built;
  }

  /** True when an expression in `value` names `resource` anywhere (a reference inside a template or a function call). */
  mentions(value: unknown, resource: PlanResource): boolean {
    if (typeof value !== "string" || !value.includes("${")) return false;
    const escaped = resource.address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[^A-Za-z0-9_.-])${escaped}($|[^A-Za-z0-9_\\[-])`).test(value);
  }

  /** True when `value` is a whole-string reference to `resource` (any attribute). */
  refersTo(value: unknown, resource: PlanResource): boolean {
    return this.target(value)?.resource === resource;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}
