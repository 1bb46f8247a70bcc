import { TAG } from "../../lib/contract/plan-contract";
import { type Known, type Resolver, UNKNOWN } from "./resolve";
import type { ResourceNode } from "./resources";
import type { Link, UnknownValue } from "./topology";

/**
 * What a resource reader gets: the resolver, the plan's blocks and the links already known
 * (subnet groups and their zones). One reader per resource type, so adding a type is one file
 * and one table row.
 */
export interface ReadContext {
  readonly r: Resolver;
  readonly nodes: ReadonlyMap<string, ResourceNode>;
  /** Managed resources of one type, in plan order (indexed once). */
  byType(type: string): readonly ResourceNode[];
  /**
   * A reference, or a literal name, to a block of `type`; an external value when outside the plan.
   * A literal name is looked up in `region` first (AWS names are unique per region).
   */
  link(value: unknown, type: string, region?: string): Link | undefined;
  /** Zones of a subnet group by its address, and what about them the plan does not fix. */
  subnetGroupZones(address: string): { readonly zones: readonly string[]; readonly unknown: readonly UnknownValue[] };
  /** The `aws_rds_cluster_instance`s that join a cluster (indexed once for the whole plan). */
  membersOf(clusterAddress: string): readonly ResourceNode[];
  /** The region a resource is created in (its own, else the plan's default). */
  regionOf(node: ResourceNode): string | undefined;
  /** A value the plan does not fix, with the reason the loader recorded (or `known after apply`). */
  unknown(node: ResourceNode, attribute: string): UnknownValue;
  /** Things worth knowing that are not errors. */
  note(text: string): void;
}

/** The attribute AWS resolves a literal name against, per type, so literal names link to plan blocks. */
export const NAME_ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_db_subnet_group: "name",
  aws_redshift_subnet_group: "name",
  aws_elasticache_subnet_group: "name",
  aws_rds_cluster: "cluster_identifier",
  aws_rds_global_cluster: "global_cluster_identifier",
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

/**
 * An attribute the plan sets to a value it does not fix (left out is not unknown: Terraform or
 * AWS applies its default). The reader records it: the verdict depends on it.
 */
export function isUnknownSet(ctx: ReadContext, n: ResourceNode, attribute: string): boolean {
  return n.body[attribute] !== undefined && ctx.r.literal(n.body[attribute]) === UNKNOWN;
}

/**
 * What every database reads alike: address, identifier, key, subnet group and its zones, region,
 * and the `resilience:topology` tag. Each engine names its identifier and subnet group attributes.
 */
export function databaseBase(
  n: ResourceNode,
  ctx: ReadContext,
  attributes: { readonly identifier: string; readonly subnetGroup: string; readonly subnetGroupType: string },
) {
  const region = ctx.regionOf(n);
  const subnetGroup = ctx.link(n.body[attributes.subnetGroup], attributes.subnetGroupType, region);
  const kmsKey = ctx.link(n.body.kms_key_id, "aws_kms_key", region);
  const group = subnetGroup && "address" in subnetGroup ? ctx.subnetGroupZones(subnetGroup.address) : { zones: [], unknown: [] };
  const unknown = [
    ...group.unknown,
    ...(subnetGroup === undefined && isUnknownSet(ctx, n, attributes.subnetGroup) ? [ctx.unknown(n, attributes.subnetGroup)] : []),
  ];
  return {
    address: n.address,
    ...opt("identifier", ctx.r.string(n.body[attributes.identifier])),
    ...(region !== undefined ? { region } : {}),
    ...(kmsKey ? { kmsKey } : {}),
    ...(subnetGroup ? { subnetGroup } : {}),
    zones: group.zones,
    ...topologyOf(n, ctx.r),
    unknown,
  };
}
