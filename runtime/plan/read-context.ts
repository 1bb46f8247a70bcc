import { TAG } from "../../lib/spec/contract";
import { type Known, type Resolver, UNKNOWN } from "./resolve";
import type { ResourceNode } from "./resources";
import type { Link } from "./topology";

/**
 * What a resource reader gets: the resolver, the plan's blocks and the links already known
 * (subnet groups and their zones). One reader per resource type, so adding a type is one file
 * and one table row.
 */
export interface ReadContext {
  readonly r: Resolver;
  readonly nodes: ReadonlyMap<string, ResourceNode>;
  /** Managed resources of one type, in plan order. */
  byType(type: string): ResourceNode[];
  /** A reference, or a literal name, to a block of `type`; an external value when outside the plan. */
  link(value: unknown, type: string): Link | undefined;
  /** Zones of a subnet group by its address. */
  subnetGroupZones(address: string): readonly string[];
  /** Things worth knowing that are not errors. */
  note(text: string): void;
}

/** The attribute AWS resolves a literal name against, per type, so literal names link to plan blocks. */
export const NAME_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_db_subnet_group: "name",
  aws_redshift_subnet_group: "name",
  aws_elasticache_subnet_group: "name",
  aws_rds_cluster: "cluster_identifier",
};

/** `{ key: v }` when v is known, `{}` otherwise: optional fields stay absent instead of `undefined`. */
export function opt<K extends string, V>(key: K, v: Known<V> | undefined): { [P in K]?: V } {
  return (v === UNKNOWN || v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

export function bool(v: Known<unknown>): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  return undefined;
}

export function num(v: Known<unknown>): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

export function str(v: Known<unknown>): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** A list of strings the plan fixes, or undefined. */
export function strings(v: Known<unknown>): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;
}

/** The blocks of a nested block attribute (object or list of objects), resolved; undefined when not known. */
export function blocks(v: Known<unknown>): Record<string, unknown>[] | undefined {
  if (v === UNKNOWN || v === undefined || v === null) return undefined;
  const list = Array.isArray(v) ? v : [v];
  return list.every((b) => b !== null && typeof b === "object" && !Array.isArray(b)) ? (list as Record<string, unknown>[]) : undefined;
}

export function tagsOf(n: ResourceNode, r: Resolver): Record<string, string> {
  const t = r.literal(n.body.tags);
  if (t === UNKNOWN || t === null || typeof t !== "object") return {};
  return t as Record<string, string>;
}

/** `{ topology }` from the `resilience:topology` tag, when present. */
export function topologyOf(n: ResourceNode, r: Resolver): { topology?: string } {
  const t = tagsOf(n, r)[TAG.topology];
  return t ? { topology: t } : {};
}

/** The zones a linked subnet group spans (none when the group is outside the plan). */
function zonesOf(ctx: ReadContext, group: Link | undefined): readonly string[] {
  return group && "address" in group ? ctx.subnetGroupZones(group.address) : [];
}

/**
 * What every database reads alike: address, identifier, key, subnet group and its zones, and the
 * `resilience:topology` tag. Each engine names its identifier and subnet group attributes.
 */
export function databaseBase(
  n: ResourceNode,
  ctx: ReadContext,
  attributes: { readonly identifier: string; readonly subnetGroup: string; readonly subnetGroupType: string },
) {
  const subnetGroup = ctx.link(n.body[attributes.subnetGroup], attributes.subnetGroupType);
  const kmsKey = ctx.link(n.body.kms_key_id, "aws_kms_key");
  return {
    address: n.address,
    ...opt("identifier", ctx.r.string(n.body[attributes.identifier])),
    ...(kmsKey ? { kmsKey } : {}),
    ...(subnetGroup ? { subnetGroup } : {}),
    zones: zonesOf(ctx, subnetGroup),
    ...topologyOf(n, ctx.r),
  };
}
