/**
 * Reading a validated plan's blocks: resolved literals of the usual shapes, nested blocks, tags,
 * and links between blocks (by reference, or by a literal name the way AWS resolves names).
 */
import { ROLES, type Role, TAG } from "../../lib/contract/plan-contract";
import { own, record } from "./hcl/values";
import { bool, NAME_ATTRIBUTE as DATABASE_NAME_ATTRIBUTE, num, str, tagsOf } from "./read-context";
import type { Resolver } from "./resolve";
import type { ResourceNode } from "./resources";
import type { Link } from "./topology";
import type { Tagged } from "./topology-infrastructure";

/** The attribute AWS names a resource by, for types a literal name may point at (the databases' table, and these). */
const NAME_ATTRIBUTE: Readonly<Record<string, string>> = {
  ...DATABASE_NAME_ATTRIBUTE,
  aws_rds_cluster_instance: "identifier",
  aws_redshift_cluster: "cluster_identifier",
  aws_elasticache_replication_group: "replication_group_id",
  aws_db_proxy: "name",
  aws_backup_vault: "name",
  aws_backup_plan: "name",
  aws_cloudwatch_event_rule: "name",
  aws_redshift_snapshot_schedule: "identifier",
  aws_launch_template: "name",
};

export class PlanReader {
  private readonly types = new Map<string, ResourceNode[]>();
  private readonly names = new Map<string, Map<string, ResourceNode>>();

  constructor(
    readonly resolver: Resolver,
    readonly nodes: ReadonlyMap<string, ResourceNode>,
  ) {
    for (const n of nodes.values()) {
      if (n.mode !== "managed") continue;
      const list = this.types.get(n.type);
      if (list) list.push(n);
      else this.types.set(n.type, [n]);
    }
  }

  /** Managed resources of `type`, in plan order (indexed once). */
  byType(type: string): ResourceNode[] {
    return this.types.get(type) ?? [];
  }

  /** The resource of `type` AWS names `name` (its NAME_ATTRIBUTE), indexed once per type. */
  private named(type: string, name: string): ResourceNode | undefined {
    let index = this.names.get(type);
    if (!index) {
      index = new Map();
      const attr = own(NAME_ATTRIBUTE, type);
      if (attr)
        for (const n of this.byType(type)) {
          const v = this.str(n.body[attr]);
          if (v !== undefined && !index.has(v)) index.set(v, n);
        }
      this.names.set(type, index);
    }
    return index.get(name);
  }

  str(v: unknown): string | undefined {
    return str(this.resolver.literal(v));
  }

  num(v: unknown): number | undefined {
    return num(this.resolver.literal(v));
  }

  bool(v: unknown): boolean | undefined {
    return bool(this.resolver.literal(v));
  }

  /** A list of strings, dropping elements known only after apply. */
  strings(v: unknown): string[] {
    if (Array.isArray(v)) return v.map((x) => this.str(x)).filter((x): x is string => x !== undefined);
    const whole = this.resolver.literal(v);
    return Array.isArray(whole) ? whole.filter((x): x is string => typeof x === "string") : [];
  }

  /** A nested block written as an object or a list: always a list. */
  blocks(v: unknown): Record<string, unknown>[] {
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? v : [v];
    return list.filter((b): b is Record<string, unknown> => b !== null && typeof b === "object" && !Array.isArray(b));
  }

  /** The first nested block, if any. */
  block(v: unknown): Record<string, unknown> | undefined {
    return this.blocks(v)[0];
  }

  /** `key`/`value` blocks as a record (FIS parameters, resource tags). */
  keyValues(v: unknown): Record<string, string> {
    const out = record<string>();
    for (const b of this.blocks(v)) {
      const k = this.str(b.key);
      const value = this.str(b.value);
      if (k !== undefined && value !== undefined) out[k] = value;
    }
    return out;
  }

  tags(n: ResourceNode): Record<string, string> {
    return tagsOf(n, this.resolver);
  }

  /** Our `resilience:` role and topology tags (from `tags`, or ASG `tag` blocks). */
  tagged(n: ResourceNode): Tagged {
    const tags = { ...this.tags(n), ...this.keyValues(n.body.tag) };
    const role = tags[TAG.role];
    return {
      ...(role !== undefined && (ROLES as readonly string[]).includes(role) ? { role: role as Role } : {}),
      ...(tags[TAG.topology] !== undefined ? { topology: tags[TAG.topology] } : {}),
    };
  }

  /**
   * Where `value` points: a block of one of `types` (any type when omitted) by reference, or by a
   * literal name AWS would resolve; else the literal as an external value; undefined when unknown.
   */
  link(value: unknown, types?: readonly string[]): Link | undefined {
    if (value === undefined) return undefined;
    const accepts = (type: string | undefined) => type !== undefined && (!types || types.includes(type));
    const t = this.resolver.target(value);
    if (t && accepts(this.nodes.get(t.address)?.type)) return { address: t.address };
    const literal = this.str(value);
    if (literal === undefined) {
      const referenced = this.resolver.referencedAddresses(value).find((a) => accepts(this.nodes.get(a)?.type));
      return referenced ? { address: referenced } : undefined;
    }
    for (const type of types ?? []) {
      const named = this.named(type, literal);
      if (named) return { address: named.address };
    }
    return { external: literal };
  }

  /** `link` over a list value. */
  links(value: unknown, types?: readonly string[]): Link[] {
    const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return items.map((v) => this.link(v, types)).filter((l): l is Link => l !== undefined);
  }

  /** Zones of the subnets a list of subnet ids points at, sorted and unique. */
  subnetZones(value: unknown): string[] {
    const zones = this.resolver
      .referencedAddresses(value)
      .map((a) => this.nodes.get(a))
      .filter((n): n is ResourceNode => n?.type === "aws_subnet")
      .map((n) => this.str(n.body.availability_zone))
      .filter((z): z is string => z !== undefined);
    return [...new Set(zones)].sort();
  }
}

/** `{ key: v }` when `v` is defined, else `{}` (for optional fields under exactOptionalPropertyTypes). */
export function maybe<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}
