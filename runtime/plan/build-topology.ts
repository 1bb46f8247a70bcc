import { AURORA_INSTANCES_MAX } from "./aws-limits";
import { readAutoscaledReplicas } from "./databases/autoscaling";
import { assignGlobalRoles } from "./databases/global-cluster";
import { DATABASE_READERS, MEMBER_TYPES, SUBNET_GROUP_TYPES } from "./databases/table";
import type { UnknownAttribute } from "./expand";
import type { PlanProblem } from "./plan-error";
import { bool, NAME_ATTRIBUTE, opt, type ReadContext } from "./read-context";
import { type Resolver, UNKNOWN } from "./resolve";
import { defaultTagsOf, TagReader } from "./resource-tags";
import type { ResourceNode } from "./resources";
import { byCodeUnits, sortInPlace } from "./small-sort";
import type { BaseTopology, DatabaseClusterNode, KmsKeyNode, Link, OpaqueNode, SubnetNode, UnknownValue, Zone } from "./topology";

/** Resource types the topology models directly; everything else becomes an opaque node. */
const MODELLED = new Set([
  "aws_subnet",
  "aws_kms_key",
  "aws_rds_global_cluster",
  "aws_appautoscaling_target",
  ...SUBNET_GROUP_TYPES,
  ...MEMBER_TYPES,
  ...Object.keys(DATABASE_READERS),
]);

/** What the plan's provider configurations fix, by configuration key (`aws`, `aws.west`). */
export interface ProviderSettings {
  /** The region of each configuration whose region the plan fixes. */
  readonly regions: ReadonlyMap<string, string>;
  /** Each configuration's `default_tags` block, evaluated to Terraform JSON. */
  readonly defaultTags: ReadonlyMap<string, unknown>;
}

/** Types whose unknown `count`/`for_each` leaves a database's shape unknown. */
const SHAPE_TYPES = new Set(["aws_subnet", ...MODELLED]);

/**
 * Builds the topology from a plan's evaluated instances whose references all resolve. Every
 * lookup goes through indexes built once (instances by type, names by region, members by
 * cluster), so the cost stays linear in the plan.
 */
export function buildTopology(
  source: string,
  nodes: ReadonlyMap<string, ResourceNode>,
  r: Resolver,
  recorded: readonly UnknownAttribute[],
  providers: ProviderSettings,
  problems: PlanProblem[],
): BaseTopology {
  const { regions: providerRegions } = providers;
  const notes: string[] = [];
  const typeIndex = new Map<string, ResourceNode[]>();
  for (const n of nodes.values()) {
    if (n.mode !== "managed") continue;
    const list = typeIndex.get(n.type);
    if (list) list.push(n);
    else typeIndex.set(n.type, [n]);
  }
  const byType = (type: string): readonly ResourceNode[] => typeIndex.get(type) ?? [];
  const defaultRegion = providerRegions.get("aws");
  const regionOf = (n: ResourceNode) => n.region ?? defaultRegion;
  const why = new Map<string, readonly string[]>();
  for (const u of recorded) why.set(`${u.address}\u0000${u.attribute}`, u.why);
  const unknown = (n: ResourceNode, attribute: string): UnknownValue => ({
    address: n.address,
    attribute,
    why: why.get(`${n.address}\u0000${attribute}`) ?? [`${n.address}.${attribute} is known only after apply`],
  });

  // Names AWS resolves literally, per type and region.
  const names = new Map<string, ResourceNode[]>();
  const nameKey = (type: string, region: string | undefined, name: string) => `${type}\u0000${region ?? ""}\u0000${name}`;
  for (const [type, attr] of Object.entries(NAME_ATTRIBUTE))
    for (const n of byType(type)) {
      const name = r.string(n.body[attr]);
      if (name === UNKNOWN) continue;
      const key = nameKey(type, regionOf(n), name);
      const list = names.get(key);
      if (list) list.push(n);
      else names.set(key, [n]);
    }

  const link = (value: unknown, type: string, region?: string): Link | undefined => {
    if (value === undefined) return undefined;
    const t = r.target(value);
    if (t && nodes.get(t.address)?.type === type) return { address: t.address };
    const literal = r.string(value);
    if (literal === UNKNOWN) {
      const referenced = r.referencedAddresses(value).find((a) => nodes.get(a)?.type === type);
      return referenced ? { address: referenced } : undefined;
    }
    // A literal name may still point at a block of the plan (AWS resolves names, not addresses), in the same region.
    // Global clusters are named across regions.
    const named =
      type === "aws_rds_global_cluster"
        ? [...names.entries()].find(([k]) => k.startsWith(`${type}\u0000`) && k.endsWith(`\u0000${literal}`))?.[1]
        : (names.get(nameKey(type, region, literal)) ?? (region === undefined ? undefined : names.get(nameKey(type, undefined, literal))));
    return named?.[0] ? { address: named[0].address } : { external: literal };
  };

  // The tags AWS would hold (provider default_tags merged with the resource's), for FIS targets by tag.
  const tagReader = new TagReader(r, new Map([...providers.defaultTags].map(([k, block]) => [k, defaultTagsOf(r, block)])));
  const tagNoted = new Set<string>();
  const tagsOf = (address: string) => {
    const node = nodes.get(address);
    if (!node) return {};
    const t = tagReader.of(node);
    if (t.unknown && !tagNoted.has(address)) {
      tagNoted.add(address);
      notes.push(
        `${address}: its tags are not all known from the plan (${t.unknown}); FIS targets that select by tag see only ${JSON.stringify(t.tags)}`,
      );
    }
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

  const subnetGroupZones = new Map<string, { zones: string[]; unknown: UnknownValue[] }>();
  for (const g of SUBNET_GROUP_TYPES.flatMap(byType)) {
    const zones = new Set<string>();
    const missing: UnknownValue[] = [];
    const listed = r.literal(g.body.subnet_ids);
    const outside = Array.isArray(listed) ? listed.filter((s): s is string => typeof s === "string") : [];
    if (outside.length)
      notes.push(
        `${g.address} lists subnets outside the plan (${outside.join(", ")}): their zones are not in the plan, so AWS's placement of the members is not known (the mock spreads them over the region's zones)`,
      );
    for (const a of r.referencedAddresses(g.body.subnet_ids)) {
      const z = subnetZone.get(a);
      const subnet = nodes.get(a);
      if (z !== undefined) zones.add(z);
      else if (subnet?.type === "aws_subnet" && subnet.body.availability_zone !== undefined)
        missing.push(unknown(subnet, "availability_zone"));
    }
    if (r.literal(g.body.subnet_ids) === UNKNOWN && zones.size === 0 && missing.length === 0) missing.push(unknown(g, "subnet_ids"));
    subnetGroupZones.set(g.address, { zones: sortInPlace([...zones], byCodeUnits), unknown: missing });
  }

  // Each instance joins one cluster: indexed once, never searched per cluster.
  const members = new Map<string, ResourceNode[]>();
  const orphanUnknowns: UnknownValue[] = [];
  for (const i of byType("aws_rds_cluster_instance")) {
    const l = link(i.body.cluster_identifier, "aws_rds_cluster", regionOf(i));
    if (l && "address" in l) {
      // Appended in place: copying the list per member made a cluster of n instances cost n².
      const list = members.get(l.address);
      if (list) list.push(i);
      else members.set(l.address, [i]);
    } else if (r.literal(i.body.cluster_identifier) === UNKNOWN) orphanUnknowns.push(unknown(i, "cluster_identifier"));
    else notes.push(`${i.address} belongs to a cluster outside this plan; it is not modelled`);
  }

  const ctx: ReadContext = {
    r,
    nodes,
    byType,
    link,
    subnetGroupZones: (address) => subnetGroupZones.get(address) ?? { zones: [], unknown: [] },
    membersOf: (address) => members.get(address) ?? [],
    regionOf,
    unknown,
    note: (text) => notes.push(text),
  };

  // Databases in plan order of their types' table, then of the plan.
  let databases: DatabaseClusterNode[] = Object.entries(DATABASE_READERS).flatMap(([type, read]) =>
    byType(type).flatMap((n) => {
      const db = read(n, ctx);
      return db ? [db] : [];
    }),
  );
  databases = assignGlobalRoles(databases, ctx);
  databases = readAutoscaledReplicas(databases, ctx);
  problems.push(...duplicateIdentifiers(databases, nodes), ...tooManyAuroraInstances(databases, nodes));
  // Each expanded instance carries its own resource's tags; replicas Aurora Auto Scaling adds have no resource, so none.
  databases = databases.map((d) => ({
    ...d,
    ...tagsOf(d.address),
    instances: d.instances.map((i) => (i.addedBy === undefined ? { ...i, ...tagsOf(i.address) } : i)),
  }));

  const zoneNames = new Set<string>();
  for (const s of subnets) if (s.availabilityZone) zoneNames.add(s.availabilityZone);
  for (const d of databases) for (const i of d.instances) if (i.availabilityZone) zoneNames.add(i.availabilityZone);
  const subnetsByZone = new Map<string, string[]>();
  for (const s of subnets) {
    if (!s.availabilityZone) continue;
    const list = subnetsByZone.get(s.availabilityZone);
    if (list) list.push(s.address);
    else subnetsByZone.set(s.availabilityZone, [s.address]);
  }
  const zones: Zone[] = [...zoneNames].sort().map((name) => ({ name, subnets: subnetsByZone.get(name) ?? [] }));

  const opaque: OpaqueNode[] = [...nodes.values()]
    .filter((n) => n.mode === "data" || !MODELLED.has(n.type))
    .map((n) => ({ address: n.address, type: n.type }));

  // Resources whose count or for_each is unknown: nothing of them is modelled, so every database may be missing parts.
  const shapeUnknowns: UnknownValue[] = recorded
    .filter((u) => (u.attribute === "count" || u.attribute === "for_each") && SHAPE_TYPES.has(typeOfBase(u.address)))
    .map((u) => ({ address: u.address, attribute: u.attribute, why: u.why }));
  for (const u of shapeUnknowns) notes.push(`${u.address}: its ${u.attribute} is not fixed by the plan, so its instances are not modelled`);
  const unknowns = dedupe([...shapeUnknowns, ...orphanUnknowns, ...databases.flatMap((d) => d.unknown ?? [])]);

  return { source, ...opt("region", regionFor(defaultRegion, zones)), zones, subnets, kmsKeys, databases, opaque, notes, unknowns };
}

function typeOfBase(base: string): string {
  const parts = base.replace(/^(module\.[^.]+\.)+/, "").split(".");
  return (parts[0] === "data" ? parts[1] : parts[0]) ?? "";
}

function dedupe(list: readonly UnknownValue[]): UnknownValue[] {
  const seen = new Set<string>();
  return list.filter((u) => {
    const key = `${u.address}\u0000${u.attribute}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The provider's region, else the first zone's. */
function regionFor(region: string | undefined, zones: readonly Zone[]): string | undefined {
  return region ?? zones[0]?.name.replace(/[a-z]$/, "");
}

/**
 * Two databases of one kind with the same identifier in the same region: AWS refuses the second
 * (`DBClusterAlreadyExistsFault`). The same identifier in two regions is fine (a global database's
 * members often share their name).
 */
function duplicateIdentifiers(databases: readonly DatabaseClusterNode[], nodes: ReadonlyMap<string, ResourceNode>): PlanProblem[] {
  const seen = new Map<string, DatabaseClusterNode>();
  const out: PlanProblem[] = [];
  for (const d of databases) {
    if (d.identifier === undefined) continue;
    // Aurora and Multi-AZ DB clusters share RDS's cluster namespace; DB instances have their own.
    const namespace = d.kind === "aurora" || d.kind === "rds-multi-az-cluster" ? "rds-cluster" : d.kind;
    const key = `${namespace}\u0000${d.region ?? ""}\u0000${d.identifier}`;
    const first = seen.get(key);
    if (first)
      out.push({
        path: `${nodes.get(d.address)?.path ?? `$.resource.${d.address}`}`,
        message: `${d.address} has the identifier "${d.identifier}", as ${first.address} has, in region ${d.region ?? "(the provider's)"}; AWS refuses the second`,
        expected: "identifiers unique per region (or the two databases in different regions)",
      });
    else seen.set(key, d);
  }
  return out;
}

/**
 * An Aurora cluster with more instances than a writer and 15 Aurora Replicas: AWS refuses the
 * sixteenth replica, so the emulator must not model a cluster that cannot exist.
 */
function tooManyAuroraInstances(databases: readonly DatabaseClusterNode[], nodes: ReadonlyMap<string, ResourceNode>): PlanProblem[] {
  return databases
    .filter((d) => d.kind === "aurora" && d.instances.filter((i) => i.addedBy === undefined).length > AURORA_INSTANCES_MAX)
    .map((d) => {
      const n = d.instances.filter((i) => i.addedBy === undefined).length;
      return {
        path: nodes.get(d.address)?.path ?? `$.resource.${d.address}`,
        message: `${d.address} has ${n} instances (a writer and ${n - 1} Aurora Replicas)`,
        expected: `at most ${AURORA_INSTANCES_MAX} instances: Aurora holds a writer and up to ${AURORA_INSTANCES_MAX - 1} Aurora Replicas`,
      };
    });
}
