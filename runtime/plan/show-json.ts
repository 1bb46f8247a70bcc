/**
 * `terraform show -json` documents: a saved plan (`planned_values`, `resource_changes`,
 * `configuration`) or a state (`values`). Terraform has already evaluated them: every resource
 * instance is listed with its address (`module.db.aws_rds_cluster.this[0]`), its `count`/`for_each`
 * expanded, its known values resolved. A value known only after apply is left out of
 * `planned_values` and marked in `resource_changes[].change.after_unknown`; the loader rebuilds it
 * as a reference from the `configuration` section's `references` (following module variables and
 * outputs), so `cluster_identifier = aws_rds_cluster.this[0].id` still links an instance to its
 * cluster, and marks it unknown, with why, where it cannot.
 * @see https://developer.hashicorp.com/terraform/internals/json-format
 */
import type { UnknownAttribute } from "./expand";
import { unknownMarker } from "./expand";
import { record, Unknown } from "./hcl/values";
import type { ResourceNode } from "./resources";

interface ShowResource {
  readonly address?: string;
  readonly mode?: string;
  readonly type?: string;
  readonly name?: string;
  readonly index?: string | number;
  readonly values?: Record<string, unknown>;
}

interface ShowModule {
  readonly address?: string;
  readonly resources?: readonly ShowResource[];
  readonly child_modules?: readonly ShowModule[];
}

interface ConfigExpression {
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

interface ConfigResource {
  readonly address?: string;
  readonly provider_config_key?: string;
  readonly expressions?: Readonly<Record<string, unknown>>;
}

interface ConfigModule {
  readonly resources?: readonly ConfigResource[];
  readonly module_calls?: Readonly<
    Record<string, { readonly expressions?: Readonly<Record<string, ConfigExpression>>; readonly module?: ConfigModule }>
  >;
  readonly outputs?: Readonly<Record<string, { readonly expression?: ConfigExpression }>>;
}

export interface ShowJsonPlan {
  readonly nodes: Map<string, ResourceNode>;
  readonly unknowns: readonly UnknownAttribute[];
  readonly providerRegions: ReadonlyMap<string, string>;
  /** Provider configuration key → its `default_tags` as the configuration fixes them (constants only). */
  readonly providerDefaultTags: ReadonlyMap<string, unknown>;
  /** `plan` (planned values) or `state` (current values). */
  readonly kind: "plan" | "state";
}

/** True for a `terraform show -json` document (it has `format_version` and planned or current values). */
export function isShowJson(json: unknown): json is Record<string, unknown> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return typeof o.format_version === "string" && (typeof o.planned_values === "object" || typeof o.values === "object");
}

/** The instances of a `terraform show -json` document, with the paths of their values in it. */
export function readShowJson(json: Record<string, unknown>): ShowJsonPlan {
  const kind = json.planned_values !== undefined ? "plan" : "state";
  const root = (kind === "plan" ? (json.planned_values as { root_module?: ShowModule }) : (json.values as { root_module?: ShowModule }))
    ?.root_module;
  const rootPath = kind === "plan" ? "$.planned_values.root_module" : "$.values.root_module";
  const config = (json.configuration as { root_module?: ConfigModule; provider_config?: Record<string, unknown> } | undefined) ?? {};
  const changes = new Map<string, unknown>();
  for (const c of Array.isArray(json.resource_changes) ? json.resource_changes : [])
    if (c && typeof c === "object" && typeof (c as { address?: unknown }).address === "string")
      changes.set((c as { address: string }).address, (c as { change?: { after_unknown?: unknown } }).change?.after_unknown);

  const refs = new ConfigReferences(config.root_module ?? {}, (json.variables as Record<string, { value?: unknown }> | undefined) ?? {});
  const providerRegions = providerRegionsOf(config.provider_config ?? {}, refs);
  const providerDefaultTags = providerDefaultTagsOf(config.provider_config ?? {});
  const nodes = new Map<string, ResourceNode>();
  const unknowns: UnknownAttribute[] = [];

  const visit = (m: ShowModule, path: string) => {
    (m.resources ?? []).forEach((r, i) => {
      if (!r.type || !r.name || !r.address) return;
      const mode = r.mode === "data" ? "data" : "managed";
      const module = m.address ?? "";
      const body = escapeValues(r.values ?? {}) as Record<string, unknown>;
      const afterUnknown = changes.get(r.address);
      const configResource = refs.resource(module, `${mode === "data" ? "data." : ""}${r.type}.${r.name}`);
      const mask = afterUnknown && typeof afterUnknown === "object" ? (afterUnknown as Record<string, unknown>) : {};
      for (const [attr, u] of Object.entries(mask))
        if (u !== true && u && body[attr] !== undefined) markNested(body, attr, u, r.address, unknowns);
      // Known after apply: marked so in resource_changes, or (in a trimmed document) absent from the values with an expression that has references.
      const rebuild = new Set(
        Object.entries(mask)
          .filter(([, u]) => u === true)
          .map(([a]) => a),
      );
      for (const [attr, e] of Object.entries(configResource?.expressions ?? {}))
        if (body[attr] === undefined && ((e as ConfigExpression).references?.length ?? 0) > 0) rebuild.add(attr);
      for (const attr of rebuild) {
        const rebuilt = refs.rebuild(module, configResource?.expressions?.[attr]);
        if (rebuilt.providerPicks) continue;
        body[attr] = rebuilt.reference ?? unknownMarker(new Unknown([], rebuilt.refs));
        if (!rebuilt.reference) unknowns.push({ address: r.address, attribute: attr, why: [`${r.address}.${attr}: ${rebuilt.why}`] });
      }
      const providerKey = configResource?.provider_config_key;
      const ownRegion = typeof r.values?.region === "string" ? r.values.region : undefined;
      const region = r.type.startsWith("aws_")
        ? (ownRegion ?? providerRegions.get(providerKey ?? "aws") ?? providerRegions.get(moduleProviderKey(providerKey)))
        : undefined;
      const provider = providerKey === undefined || providerDefaultTags.has(providerKey) ? providerKey : moduleProviderKey(providerKey);
      nodes.set(r.address, {
        address: r.address,
        mode,
        type: r.type,
        name: r.name,
        ...(r.index !== undefined ? { index: r.index } : {}),
        module,
        path: `${path}.resources[${i}].values`,
        body,
        ...(region !== undefined ? { region } : {}),
        ...(provider !== undefined && provider !== "aws" ? { provider } : {}),
      });
    });
    for (const [i, c] of (m.child_modules ?? []).entries()) visit(c, `${path}.child_modules[${i}]`);
  };
  if (root) visit(root, rootPath);
  return { nodes, unknowns, providerRegions, providerDefaultTags, kind };
}

/** `module.x:aws` → `aws` (a provider passed down from the root). */
function moduleProviderKey(key: string | undefined): string {
  return key?.split(":").at(-1) ?? "aws";
}

/** Planned values are data: a literal `${` in them must not read as a reference; nulls are unset. */
function escapeValues(v: unknown): unknown {
  if (typeof v === "string") return v.replaceAll("${", () => "$${").replaceAll("%{", "%%{");
  if (Array.isArray(v)) return v.map(escapeValues);
  if (v !== null && typeof v === "object") {
    const out = record<unknown>();
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = escapeValues(x);
    return out;
  }
  return v;
}

/** Puts unknown markers where `after_unknown` marks parts of a nested value (a block's attribute). */
function markNested(body: Record<string, unknown>, attr: string, mask: unknown, address: string, unknowns: UnknownAttribute[]): void {
  const walk = (value: unknown, m: unknown, path: string): unknown => {
    if (m === true) {
      unknowns.push({ address, attribute: path, why: [`${address}.${path} is known after apply`] });
      return unknownMarker(new Unknown([]));
    }
    if (Array.isArray(m) && Array.isArray(value)) return value.map((x, i) => walk(x, m[i], `${path}[${i}]`));
    if (Array.isArray(m)) return m.some((x) => x === true) ? walk(undefined, true, path) : value;
    if (m && typeof m === "object" && value && typeof value === "object" && !Array.isArray(value)) {
      const out = Object.assign(record<unknown>(), value);
      for (const [k, x] of Object.entries(m)) out[k] = walk(out[k], x, `${path}.${k}`);
      return out;
    }
    return value;
  };
  body[attr] = walk(body[attr], mask, attr);
}

function providerRegionsOf(providers: Record<string, unknown>, refs: ConfigReferences): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, p] of Object.entries(providers)) {
    if (!p || typeof p !== "object") continue;
    const e = (p as { expressions?: { region?: ConfigExpression } }).expressions?.region;
    const region = typeof e?.constant_value === "string" ? e.constant_value : refs.rootVariable(e?.references?.[0]);
    if (typeof region === "string") out.set(key, region);
  }
  return out;
}

/**
 * Each provider configuration's `default_tags` whose tags are constants. A plan's resources carry
 * `tags_all` (the provider merges the defaults in when it plans), so this matters only where that
 * is unknown: the known part is kept, as for Terraform JSON.
 */
function providerDefaultTagsOf(providers: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, p] of Object.entries(providers)) {
    const blocks = (p as { expressions?: { default_tags?: unknown } } | null)?.expressions?.default_tags;
    if (!Array.isArray(blocks)) continue;
    const tags = blocks.map((b) => {
      const e = (b as { tags?: ConfigExpression } | null)?.tags;
      return e && Object.hasOwn(e, "constant_value") ? { tags: escapeValues(e.constant_value) } : { tags: unknownMarker(new Unknown([])) };
    });
    out.set(key, tags);
  }
  return out;
}

/**
 * The `configuration` section: resources' expressions per module, module calls' arguments and
 * module outputs, so a reference written in a child module can be followed to the instance it
 * names at the root.
 */
class ConfigReferences {
  private readonly modules = new Map<string, ConfigModule>();

  constructor(
    root: ConfigModule,
    private readonly variables: Record<string, { value?: unknown }>,
  ) {
    const visit = (m: ConfigModule, path: string) => {
      this.modules.set(path, m);
      for (const [name, call] of Object.entries(m.module_calls ?? {}))
        if (call.module) visit(call.module, `${path ? `${path}.` : ""}module.${name}`);
    };
    visit(root, "");
  }

  rootVariable(ref: string | undefined): unknown {
    const m = ref ? /^var\.([A-Za-z0-9_-]+)$/.exec(ref) : null;
    return m ? this.variables[m[1] as string]?.value : undefined;
  }

  /** The configuration of a resource (`aws_x.y`) in a module instance (`module.db[0]`). */
  resource(moduleInstance: string, base: string): ConfigResource | undefined {
    return this.modules.get(configPath(moduleInstance))?.resources?.find((r) => r.address === base);
  }

  /**
   * The reference an attribute known only after apply stands for, in the module instance that
   * wrote it: a resource's attribute, or through a module variable or output to one.
   */
  rebuild(
    moduleInstance: string,
    expression: unknown,
    depth = 0,
  ): { reference?: string; refs: string[]; why: string; providerPicks?: boolean } {
    const e = expression as ConfigExpression | undefined;
    // Terraform lists `x[0].id`, `x[0]` and `x` for one reference: keep the longest of each.
    const refs = (e?.references ?? []).filter((r, _, all) => !all.some((o) => o !== r && (o.startsWith(`${r}.`) || o.startsWith(`${r}[`))));
    const prefix = moduleInstance ? `${moduleInstance}.` : "";
    const first = refs[0];
    const found = (why: string) => ({
      refs: refs.filter((r) => !/^(var|local|each|count|path|terraform|module)\b/.test(r)).map((r) => `${prefix}${r}`),
      why,
    });
    // A constant (null, since a known one would be in the planned values): the provider picks.
    if (e && Object.hasOwn(e, "constant_value") && refs.length === 0) return { refs: [], why: "", providerPicks: true };
    if (!first || depth > 8) return found("it is known after apply");
    // Terraform knows each, count and the root's variables when it plans: an attribute written from
    // them alone that is still unknown was null in the configuration, and the provider (AWS) picks it.
    if (refs.every((r) => /^(each|count)\./.test(r) || (!moduleInstance && /^var\./.test(r))))
      return { refs: [], why: "", providerPicks: true };
    if (refs.length > 1) return found(`it is known after apply and depends on ${refs.length} values (${refs.join(", ")})`);
    const variable = /^var\.([A-Za-z0-9_-]+)/.exec(first);
    if (variable && moduleInstance) {
      const parent = moduleInstance.replace(/\.?module\.[^.[]+(\[[^\]]*\])?$/, "");
      const callName = /module\.([^.[]+)(\[[^\]]*\])?$/.exec(moduleInstance)?.[1] as string;
      const call = this.modules.get(configPath(parent))?.module_calls?.[callName];
      return this.rebuild(parent, call?.expressions?.[variable[1] as string], depth + 1);
    }
    const output = /^module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.([A-Za-z0-9_-]+)/.exec(first);
    if (output) {
      const child = `${prefix}module.${output[1]}${output[2] ?? ""}`;
      const out = this.modules.get(configPath(child))?.outputs?.[output[3] as string];
      return this.rebuild(child, out?.expression, depth + 1);
    }
    if (/^local\./.test(first))
      return found(`it is known after apply and goes through ${first}, whose expression \`terraform show -json\` does not include`);
    if (/^(each|count|path|terraform)\./.test(first)) return found(`it is known after apply (${first})`);
    return { reference: `\${${prefix}${first}}`, refs: [`${prefix}${first}`], why: "" };
  }
}

/** `module.a[0].module.b["k"]` → `module.a.module.b`: the configuration is per module, not per instance. */
function configPath(moduleInstance: string): string {
  return moduleInstance.replace(/\[[^\]]*\]/g, "");
}
