/**
 * `terraform show -json` documents (a saved plan, or state) read as a Terraform JSON configuration,
 * so `loadPlan` takes either. Cheap by design: resources come from `planned_values` (or `values`),
 * whose attributes Terraform has already resolved; an attribute known only after apply is rebuilt
 * as a `${...}` reference from the `configuration` section, so links between resources survive.
 * Resources of child modules are flattened into the root; `count`/`for_each` instances become
 * `<name>_<index>`. Not read: references inside nested blocks, module variables, outputs.
 */

interface ShowResource {
  readonly address?: string;
  readonly mode?: string;
  readonly type?: string;
  readonly name?: string;
  readonly index?: string | number;
  readonly values?: Record<string, unknown>;
}

interface ShowModule {
  readonly resources?: readonly ShowResource[];
  readonly child_modules?: readonly ShowModule[];
}

interface ConfigResource {
  readonly address?: string;
  readonly expressions?: Readonly<Record<string, unknown>>;
}

/** True for a `terraform show -json` document (it has `format_version` and planned or current values). */
export function isShowJson(json: unknown): json is Record<string, unknown> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return typeof o.format_version === "string" && (typeof o.planned_values === "object" || typeof o.values === "object");
}

/** The Terraform JSON configuration equivalent of a `terraform show -json` document. */
export function showJsonToConfig(json: Record<string, unknown>): Record<string, unknown> {
  const values = (json.planned_values ?? json.values) as { root_module?: ShowModule } | undefined;
  const config = json.configuration as
    | {
        root_module?: { resources?: readonly ConfigResource[] };
        provider_config?: Record<string, { expressions?: Record<string, unknown> }>;
      }
    | undefined;
  const expressions = new Map((config?.root_module?.resources ?? []).map((r) => [r.address ?? "", r.expressions ?? {}]));
  const resource: Record<string, Record<string, Record<string, unknown>>> = {};
  const data: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const r of allResources(values?.root_module)) {
    if (!r.type || !r.name) continue;
    const name = r.index === undefined ? r.name : `${r.name}_${String(r.index).replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const body = withoutNulls(r.values ?? {});
    const configAddress = (r.address ?? "").replace(/\[[^\]]*\]$/, "").replace(/^module\.[^.]+\./, "");
    for (const [attr, e] of Object.entries(expressions.get(configAddress) ?? {})) {
      const refs = (e as { references?: unknown }).references;
      if (body[attr] === undefined && Array.isArray(refs) && typeof refs[0] === "string") body[attr] = `\${${refs[0]}}`;
    }
    const section = r.mode === "data" ? data : resource;
    section[r.type] ??= {};
    (section[r.type] as Record<string, Record<string, unknown>>)[name] = body;
  }
  const region = (config?.provider_config?.aws?.expressions?.region as { constant_value?: unknown } | undefined)?.constant_value;
  return {
    ...(typeof region === "string" ? { provider: { aws: [{ region }] } } : {}),
    ...(Object.keys(resource).length ? { resource } : {}),
    ...(Object.keys(data).length ? { data } : {}),
  };
}

function allResources(m: ShowModule | undefined): ShowResource[] {
  if (!m) return [];
  return [...(m.resources ?? []), ...(m.child_modules ?? []).flatMap(allResources)];
}

/** `terraform show` writes unset attributes as null; Terraform JSON leaves them out. */
function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null) continue;
    out[k] = Array.isArray(v)
      ? v.map((x) => (x !== null && typeof x === "object" && !Array.isArray(x) ? withoutNulls(x as Record<string, unknown>) : x))
      : v !== null && typeof v === "object"
        ? withoutNulls(v as Record<string, unknown>)
        : v;
  }
  return out;
}
