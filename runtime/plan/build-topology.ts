import { TAG } from "../../lib/spec/contract";
import { type Known, Resolver, UNKNOWN } from "./resolve";
import type { ResourceNode } from "./resources";
import type { TerraformJson } from "./terraform-json";
import type { BaseTopology, DatabaseClusterNode, DatabaseInstanceNode, KmsKeyNode, Link, OpaqueNode, SubnetNode, Zone } from "./topology";

/** Resource types the topology models directly; everything else becomes an opaque node. */
const MODELLED = new Set(["aws_subnet", "aws_kms_key", "aws_rds_cluster", "aws_rds_cluster_instance", "aws_db_subnet_group"]);

/** Builds the topology from a validated plan whose references all resolve. */
export function buildTopology(source: string, doc: TerraformJson, nodes: ReadonlyMap<string, ResourceNode>): BaseTopology {
  const r = new Resolver(nodes, doc);
  const byType = (type: string) => [...nodes.values()].filter((n) => n.mode === "managed" && n.type === type);
  const notes: string[] = [];

  const subnets: SubnetNode[] = byType("aws_subnet").map((n) => ({
    address: n.address,
    ...opt("availabilityZone", r.string(n.body.availability_zone)),
    ...opt("cidrBlock", r.string(n.body.cidr_block)),
  }));
  const subnetZone = new Map(subnets.map((s) => [s.address, s.availabilityZone]));

  const kmsKeys: KmsKeyNode[] = byType("aws_kms_key").map((n) => ({
    address: n.address,
    rotation: bool(r.literal(n.body.enable_key_rotation)) ?? false,
  }));

  const subnetGroupZones = new Map<string, string[]>();
  for (const g of byType("aws_db_subnet_group")) {
    const zones = r
      .referencedAddresses(g.body.subnet_ids)
      .map((a) => subnetZone.get(a))
      .filter((z): z is string => z !== undefined);
    subnetGroupZones.set(g.address, [...new Set(zones)].sort());
  }

  const link = (value: unknown, type: string): Link | undefined => {
    if (value === undefined) return undefined;
    const t = r.target(value);
    if (t && nodes.get(t.address)?.type === type) return { address: t.address };
    const literal = r.string(value);
    if (literal === UNKNOWN) return undefined;
    // A literal name may still point at a block of the plan (AWS resolves names, not addresses).
    const idAttr = type === "aws_db_subnet_group" ? "name" : type === "aws_rds_cluster" ? "cluster_identifier" : undefined;
    const named = idAttr ? byType(type).find((n) => r.string(n.body[idAttr]) === literal) : undefined;
    return named ? { address: named.address } : { external: literal };
  };

  const instancesByCluster = new Map<string, ResourceNode[]>();
  for (const i of byType("aws_rds_cluster_instance")) {
    const l = link(i.body.cluster_identifier, "aws_rds_cluster");
    if (l && "address" in l) instancesByCluster.set(l.address, [...(instancesByCluster.get(l.address) ?? []), i]);
    else notes.push(`${i.address} belongs to a cluster outside this plan; it is not modelled`);
  }

  const databases: DatabaseClusterNode[] = byType("aws_rds_cluster").map((c) => {
    const engine = r.string(c.body.engine);
    const subnetGroup = link(c.body.db_subnet_group_name, "aws_db_subnet_group");
    const kmsKey = link(c.body.kms_key_id, "aws_kms_key");
    const instances = classifyInstances(instancesByCluster.get(c.address) ?? [], r, nodes);
    for (const i of instances)
      if (!i.availabilityZone) notes.push(`${i.address} has no availability_zone: AWS will place it, so its zone is unknown until apply`);
    const tags = tagsOf(c, r);
    const engineName = engine === UNKNOWN ? "aurora" : engine;
    return {
      address: c.address,
      // Terraform's default engine for aws_rds_cluster is "aurora" (MySQL-compatible).
      kind: engineName.startsWith("aurora") ? "aurora" : "rds-cluster",
      engine: engineName,
      ...opt("identifier", r.string(c.body.cluster_identifier)),
      storageEncrypted: bool(r.literal(c.body.storage_encrypted)) ?? false,
      ...(kmsKey ? { kmsKey } : {}),
      ...(subnetGroup ? { subnetGroup } : {}),
      zones: subnetGroup && "address" in subnetGroup ? (subnetGroupZones.get(subnetGroup.address) ?? []) : [],
      ...(tags[TAG.topology] ? { topology: tags[TAG.topology] } : {}),
      instances,
    };
  });

  const zoneNames = new Set<string>();
  for (const s of subnets) if (s.availabilityZone) zoneNames.add(s.availabilityZone);
  for (const d of databases) for (const i of d.instances) if (i.availabilityZone) zoneNames.add(i.availabilityZone);
  const zones: Zone[] = [...zoneNames].sort().map((name) => ({
    name,
    subnets: subnets.filter((s) => s.availabilityZone === name).map((s) => s.address),
  }));

  const opaque: OpaqueNode[] = [...nodes.values()]
    .filter((n) => n.mode === "data" || !MODELLED.has(n.type))
    .map((n) => ({ address: n.address, type: n.type }));

  return { source, ...opt("region", regionOf(doc, r, zones)), zones, subnets, kmsKeys, databases, opaque, notes };
}

/**
 * Decides each instance's role. The writer is, in order: the instance tagged
 * `resilience:role=coordinator`; the one the cluster's other instances `depends_on` (created
 * first, so AWS makes it the writer); else the lowest promotion tier, first in plan order.
 */
function classifyInstances(nodes: readonly ResourceNode[], r: Resolver, all: ReadonlyMap<string, ResourceNode>): DatabaseInstanceNode[] {
  if (nodes.length === 0) return [];
  const tier = (n: ResourceNode) => num(r.literal(n.body.promotion_tier)) ?? 0;
  const tagged = nodes.find((n) => tagsOf(n, r)[TAG.role] === "coordinator");
  const addresses = new Set(nodes.map((n) => n.address));
  const dependedOn = nodes.filter((n) =>
    nodes.some((o) => o !== n && dependsOn(o, r, all).some((a) => a === n.address && addresses.has(a))),
  );
  const [lowest] = [...nodes].sort((a, b) => tier(a) - tier(b));
  const writer = tagged ?? (dependedOn.length === 1 ? dependedOn[0] : undefined) ?? (lowest as ResourceNode);
  const source = tagged ? "tag" : dependedOn.length === 1 ? "depends-on" : "lowest-tier";

  const out = nodes.map((n): DatabaseInstanceNode => {
    const t = tier(n);
    const isWriter = n === writer;
    return {
      address: n.address,
      ...opt("identifier", r.string(n.body.identifier)),
      instanceClass: str(r.literal(n.body.instance_class)) ?? "unknown",
      ...opt("availabilityZone", r.string(n.body.availability_zone)),
      promotionTier: t,
      promotionTierExplicit: n.body.promotion_tier !== undefined,
      role: isWriter ? "writer" : t <= 1 ? "failover" : "read",
      roleSource: isWriter ? source : "promotion-tier",
    };
  });
  return out.sort((a, b) => Number(b.role === "writer") - Number(a.role === "writer") || a.promotionTier - b.promotionTier);
}

function dependsOn(n: ResourceNode, r: Resolver, all: ReadonlyMap<string, ResourceNode>): string[] {
  const list = Array.isArray(n.body.depends_on) ? n.body.depends_on : [];
  return list.flatMap((d) => {
    if (typeof d !== "string") return [];
    const viaRef = r.referencedAddresses(d);
    if (viaRef.length) return viaRef;
    return all.has(d) ? [d] : []; // hand-written plans may write depends_on without ${}
  });
}

function tagsOf(n: ResourceNode, r: Resolver): Record<string, string> {
  const t = r.literal(n.body.tags);
  if (t === UNKNOWN || t === null || typeof t !== "object") return {};
  return t as Record<string, string>;
}

function regionOf(doc: TerraformJson, r: Resolver, zones: readonly Zone[]): Known<string> {
  const aws = doc.provider?.aws;
  const first = Array.isArray(aws) ? aws[0] : aws;
  const region = first ? r.string(first.region) : UNKNOWN;
  if (region !== UNKNOWN) return region;
  const fromZone = zones[0]?.name.replace(/[a-z]$/, "");
  return fromZone ?? UNKNOWN;
}

function opt<K extends string, V>(key: K, v: Known<V> | undefined): { [P in K]?: V } {
  return (v === UNKNOWN || v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

function bool(v: Known<unknown>): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  return undefined;
}

function num(v: Known<unknown>): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

function str(v: Known<unknown>): string | undefined {
  return typeof v === "string" ? v : undefined;
}
