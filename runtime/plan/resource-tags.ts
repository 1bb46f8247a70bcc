/**
 * The tags AWS puts on a resource, as the Terraform AWS provider computes them (`tags_all`): the
 * `default_tags` of the provider configuration the resource uses, then the resource's own `tags`,
 * which win on a shared key. A `terraform show -json` plan already carries `tags_all`; it is used
 * as written.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs#default_tags-configuration-block
 *   ("tags with matching keys will overwrite those defined at the provider-level")
 */
import { type Resolver, UNKNOWN } from "./resolve";
import type { ResourceNode } from "./resources";
import type { TerraformJson } from "./terraform-json";

/** A resource's tags as AWS would hold them, and what the plan leaves unknown. */
export interface ResolvedTags {
  readonly tags: Readonly<Record<string, string>>;
  /** Set when part of the tags is known only after apply (a function call, a computed value). */
  readonly unknown?: string;
}

/** The tags of every resource of a plan, with each provider configuration's default tags read once. */
export class TagReader {
  private readonly defaults = new Map<string, Record<string, string>>();

  constructor(
    private readonly r: Resolver,
    doc: TerraformJson,
  ) {
    const aws = doc.provider?.aws;
    for (const b of aws === undefined ? [] : Array.isArray(aws) ? aws : [aws]) {
      const alias = r.literal(b.alias);
      const key = typeof alias === "string" ? `aws.${alias}` : "aws";
      this.defaults.set(key, stringMap(blockList(b.default_tags).flatMap((d) => Object.entries(known(r.literal(d.tags))))));
    }
  }

  /** The tags of `n` (`tags_all` when the plan has it, else provider defaults merged with `tags`). */
  of(n: ResourceNode): ResolvedTags {
    const all = this.r.literal(n.body.tags_all);
    if (isMap(all)) return { tags: stringMap(Object.entries(all)) };
    const provider = this.r.literal(n.body.provider);
    const defaults = this.defaults.get(typeof provider === "string" ? provider.replace(/^\$\{(.*)\}$/, "$1") : "aws") ?? {};
    if (n.body.tags === undefined || n.body.tags === null) return { tags: defaults };
    const own = this.r.literal(n.body.tags);
    if (isMap(own)) return { tags: { ...defaults, ...stringMap(Object.entries(own)) } };
    // A map written key by key keeps the keys whose values the plan fixes.
    const raw = n.body.tags;
    const partial = isMap(raw)
      ? Object.entries(raw).flatMap(([k, v]) => {
          const value = this.r.literal(v);
          return typeof value === "string" ? [[k, value] as const] : [];
        })
      : [];
    return { tags: { ...defaults, ...stringMap(partial) }, unknown: `tags = ${JSON.stringify(raw)}` };
  }
}

function blockList(v: unknown): Record<string, unknown>[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.filter(isMap);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && v !== UNKNOWN && typeof v === "object" && !Array.isArray(v);
}

function known(v: unknown): Record<string, unknown> {
  return isMap(v) ? v : {};
}

/** Entries whose values are strings (Terraform tag values are strings; numbers and booleans convert). */
function stringMap(entries: readonly (readonly [string, unknown])[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  return out;
}
