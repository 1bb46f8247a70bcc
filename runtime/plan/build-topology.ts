import { DATABASE_READERS, MEMBER_TYPES, SUBNET_GROUP_TYPES } from "./databases/table";
import { bool, NAME_ATTRIBUTE, opt, type ReadContext } from "./read-context";
import { type Known, Resolver, UNKNOWN } from "./resolve";
import { TagReader } from "./resource-tags";
import type { ResourceNode } from "./resources";
import type { TerraformJson } from "./terraform-json";
import type { BaseTopology, DatabaseClusterNode, KmsKeyNode, Link, OpaqueNode, SubnetNode, Zone } from "./topology";

/** Resource types the topology models directly; everything else becomes an opaque node. */
const MODELLED = new Set(["aws_subnet", "aws_kms_key", ...SUBNET_GROUP_TYPES, ...MEMBER_TYPES, ...Object.keys(DATABASE_READERS)]);

/** Builds the topology from a validated plan whose references all resolve. */
export function buildTopology(source: string, doc: TerraformJson, nodes: ReadonlyMap<string, ResourceNode>): BaseTopology {
  const r = new Resolver(nodes, doc);
  const byType = (type: string) => [...nodes.values()].filter((n) => n.mode === "managed" && n.type === type);
  const notes: string[] = [];
  const tagReader = new TagReader(r, doc);
  const tagsOf = (address: string) => {
    const node = nodes.get(address);
    if (!node) return {};
    const t = tagReader.of(node);
    if (t.unknown && !notes.some((x) => x.startsWith(`${address}: `)))
      notes.push(
        `${address}: its tags are not all known from the plan (${t.unknown}); FIS targets that select by tag see only ${JSON.stringify(t.tags)}`,
      );
    return { tags: t.tags };
  };

  const subnets: SubnetNode[] = byType("aws_subnet").map((n) => ({
    address: n.address,
    ...opt("availabilityZone", r.string(n.body.availability_zone)),
    ...opt("cidrBlock", r.string(n.body.cidr_block)),
    ...tagsOf(n.address),
  }));
  const subnetZone = new Map(subnets.map((s) => [s.address, s.availabilityZone]));

  const kmsKeys: KmsKeyNode[] = byType("aws_kms_key").map((n) => ({
    address: n.address,
    rotation: bool(r.literal(n.body.enable_key_rotation)) ?? false,
  }));

  const subnetGroupZones = new Map<string, string[]>();
  for (const g of SUBNET_GROUP_TYPES.flatMap(byType)) {
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
    const idAttr = NAME_ATTRIBUTE[type];
    const named = idAttr ? byType(type).find((n) => r.string(n.body[idAttr]) === literal) : undefined;
    return named ? { address: named.address } : { external: literal };
  };

  const ctx: ReadContext = {
    r,
    nodes,
    byType,
    link,
    subnetGroupZones: (address) => subnetGroupZones.get(address) ?? [],
    note: (text) => notes.push(text),
  };

  for (const i of byType("aws_rds_cluster_instance")) {
    const l = link(i.body.cluster_identifier, "aws_rds_cluster");
    if (!l || !("address" in l)) notes.push(`${i.address} belongs to a cluster outside this plan; it is not modelled`);
  }

  // Databases in plan order of their types' table, then of the plan.
  const databases: DatabaseClusterNode[] = Object.entries(DATABASE_READERS).flatMap(([type, read]) =>
    byType(type).map((n) => read(n, ctx)),
  );
  // The tags AWS would hold (provider default_tags merged with the resource's), for FIS targets by tag.
  const tagged = databases.map((d) => ({
    ...d,
    ...tagsOf(d.address),
    instances: d.instances.map((i) => ({ ...i, ...tagsOf(i.address) })),
  }));

  const zoneNames = new Set<string>();
  for (const s of subnets) if (s.availabilityZone) zoneNames.add(s.availabilityZone);
  for (const d of tagged) for (const i of d.instances) if (i.availabilityZone) zoneNames.add(i.availabilityZone);
  const zones: Zone[] = [...zoneNames].sort().map((name) => ({
    name,
    subnets: subnets.filter((s) => s.availabilityZone === name).map((s) => s.address),
  }));

  const opaque: OpaqueNode[] = [...nodes.values()]
    .filter((n) => n.mode === "data" || !MODELLED.has(n.type))
    .map((n) => ({ address: n.address, type: n.type }));

  return { source, ...opt("region", regionOf(doc, r, zones)), zones, subnets, kmsKeys, databases: tagged, opaque, notes };
}

function regionOf(doc: TerraformJson, r: Resolver, zones: readonly Zone[]): Known<string> {
  const aws = doc.provider?.aws;
  const first = Array.isArray(aws) ? aws[0] : aws;
  const region = first ? r.string(first.region) : UNKNOWN;
  if (region !== UNKNOWN) return region;
  const fromZone = zones[0]?.name.replace(/[a-z]$/, "");
  return fromZone ?? UNKNOWN;
}
