/**
 * The tags AWS puts on a resource, as the Terraform AWS provider computes them (`tags_all`): the
 * `default_tags` of the provider configuration the resource uses, then the resource's own `tags`,
 * which win on a shared key. A `terraform show -json` plan already carries `tags_all`; it is used
 * as written.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs#default_tags-configuration-block
 *   ("tags with matching keys will overwrite those defined at the provider-level")
 */

import { record } from "./hcl/values";
import { type Resolver, UNKNOWN } from "./resolve";
import type { ResourceNode } from "./resources";

/** A resource's tags as AWS would hold them, and what the plan leaves unknown. */
export interface ResolvedTags {
  readonly tags: Readonly<Record<string, string>>;
  /** Set when part of the tags is known only after apply (a function call, a computed value). */
  readonly unknown?: string;
}

/** The `default_tags` of each provider configuration (`aws`, `aws.<alias>`), as evaluated. */
export type ProviderDefaultTags = ReadonlyMap<string, ResolvedTags>;

/**
 * The `default_tags` of one provider block, evaluated to Terraform JSON (a block written as an
 * object or a list of one): the tags the plan fixes, and what it does not.
 */
export function defaultTagsOf(r: Resolver, block: unknown): ResolvedTags {
  const tags: Record<string, string> = {};
  let unknown: string | undefined;
  for (const d of blockList(block)) {
    const value = r.literal(d.tags);
    if (isMap(value)) Object.assign(tags, stringMap(Object.entries(value)));
    else if (d.tags !== undefined) {
      Object.assign(tags, stringMap(knownEntries(r, d.tags)));
      unknown = `default_tags = ${JSON.stringify(d.tags)}`;
    }
  }
  return unknown === undefined ? { tags } : { tags, unknown };
}

/** The tags of every resource of a plan, from each provider configuration's default tags. */
export class TagReader {
  constructor(
    private readonly r: Resolver,
    private readonly defaults: ProviderDefaultTags,
  ) {}

  /** The tags of `n` (`tags_all` when the plan has it, else provider defaults merged with `tags`). */
  of(n: ResourceNode): ResolvedTags {
    const all = this.r.literal(n.body.tags_all);
    if (isMap(all)) return { tags: stringMap(Object.entries(all)) };
    const provider = this.defaults.get(n.provider ?? "aws") ?? { tags: {} };
    const defaults = provider.tags;
    if (n.body.tags === undefined || n.body.tags === null) return provider;
    const own = this.r.literal(n.body.tags);
    if (isMap(own)) return { ...provider, tags: { ...defaults, ...stringMap(Object.entries(own)) } };
    // A map written key by key keeps the keys whose values the plan fixes.
    const raw = n.body.tags;
    return { tags: { ...defaults, ...stringMap(knownEntries(this.r, raw)) }, unknown: `tags = ${JSON.stringify(raw)}` };
  }
}

function knownEntries(r: Resolver, raw: unknown): (readonly [string, unknown])[] {
  return isMap(raw)
    ? Object.entries(raw).flatMap(([k, v]) => {
        const value = r.literal(v);
        return typeof value === "string" ? [[k, value] as const] : [];
      })
    : [];
}

function blockList(v: unknown): Record<string, unknown>[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.filter(isMap);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && v !== UNKNOWN && typeof v === "object" && !Array.isArray(v);
}

/** Entries whose values are strings (Terraform tag values are strings; numbers and booleans convert). */
function stringMap(entries: readonly (readonly [string, unknown])[]): Record<string, string> {
  const out = record<string>();
  for (const [k, v] of entries) if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  return out;
}
