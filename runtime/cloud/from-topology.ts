/**
 * Builds the mock cloud a plan describes: what `terraform apply` would have created, running at
 * t = 0. Attributes the plan leaves out take the value Terraform or AWS would apply:
 *
 * - region: the provider's, else `us-east-1` (the home region); every other region a database of
 *   the plan runs in (provider aliases, per-resource `region`) is built too, each with its own zones: the plan's,
 *   plus `<region>a..c` (most regions have at least three zones, and a failover may need the
 *   third); a resource never lands in another region's zone;
 * - identifiers are unique per region: a database outside the home region is keyed
 *   `<identifier>@<region>` in the mock (its ARN and endpoints keep the plain identifier);
 * - a secondary cluster of an Aurora global database is read-only: its instances are readers and
 *   RDS never makes one the writer;
 * - a Multi-AZ DB instance is a primary and a standby that serves no reads, failing over in the
 *   profile's `rdsMultiAzInstanceFailoverMs`;
 * - identifiers (`cluster_identifier`, `identifier`, ASG `name`): Terraform would generate
 *   `tf-<timestamp>`; the mock uses the Terraform name, lower-case, `_` as `-`;
 * - an instance without `availability_zone`: AWS places it; the mock picks the cluster zone with
 *   the fewest of its instances (first by name);
 * - a cluster without subnet zones spans every zone of the region;
 * - KMS keys outside the plan (literal ARNs) exist and are enabled;
 * - a capacity reservation without a zone goes to the first zone; one that does not fit its pool
 *   is skipped (noted);
 * - an Auto Scaling group without a mixed instances policy is all on-demand, or all spot when its
 *   launch template asks for spot; without zones it spans every zone;
 * - EventBridge targets: a target in the plan is addressed by its Terraform address (subscribe to
 *   `{ targetArn: "aws_sqs_queue.x" }`), one outside it by its literal ARN.
 *
 * Backup plans, snapshot schedules and scheduled actions stay data in the topology: the mock does
 * not run them (the storage subsystem does). FIS templates run as scenarios (`runtime/scenarios`).
 */

import { shortName } from "../plan/resources";
import type { DatabaseClusterNode, Link, Topology } from "../plan/topology";
import type { SimEnv } from "../sim/simulation";
import { contingencyPrincipal } from "./ec2/capacity-pools";
import type { EventTarget } from "./events/event-bus";
import { type EventPattern, patternProblem } from "./events/event-pattern";
import { MockCloud, type MockCloudOptions } from "./mock-cloud";
import { regionOfZone } from "./zones";

export interface CloudFromTopology {
  readonly cloud: MockCloud;
  /** What the mock had to decide or could not build, in plan order. */
  readonly notes: readonly string[];
  /** Cloud id of every plan resource the mock created, by Terraform address. */
  readonly ids: ReadonlyMap<string, string>;
}

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const UNIT_MS: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * The regions and zones the mock builds for a plan (see the file comment): `region` is the home
 * region, `zones` every zone of every region, `regions` each region's zones.
 */
export function regionOf(topology: Topology): {
  readonly region: string;
  readonly zones: readonly string[];
  readonly regions: ReadonlyMap<string, readonly string[]>;
} {
  const region = topology.region ?? "us-east-1";
  // The regions databases run in (a region named only by, say, a backup copy needs no zones here).
  const names = new Set([region, ...topology.databases.flatMap((d) => (d.region ? [d.region] : []))]);
  const regions = new Map<string, readonly string[]>();
  for (const r of [...names].sort()) {
    const own = topology.zones.map((z) => z.name).filter((z) => regionOfZone(z, region) === r);
    regions.set(r, [...new Set([...own, ...["a", "b", "c"].map((s) => `${r}${s}`)])].sort());
  }
  return { region, zones: [...regions.values()].flat().sort(), regions };
}

export function cloudFromTopology(
  env: SimEnv,
  topology: Topology,
  options: Omit<MockCloudOptions, "region" | "zones"> = {},
): CloudFromTopology {
  const { region, zones } = regionOf(topology);
  const cloud = new MockCloud(env, { ...options, region, zones });
  const notes: string[] = [];
  const ids = new Map<string, string>();

  for (const k of topology.kmsKeys) ids.set(k.address, cloud.kms.add({ address: k.address, rotation: k.rotation }).KeyId);
  const keyId = (l: Link | undefined): string | undefined => {
    if (!l) return undefined;
    if ("address" in l) return ids.get(l.address);
    return cloud.kms.find(l.external)?.KeyId ?? cloud.kms.add({ address: l.external, description: "outside the plan" }).KeyId;
  };

  const taken = new Set<string>();
  for (const db of topology.databases) addDatabase(cloud, db, keyId(db.kmsKey), ids, notes, taken);

  for (const p of topology.dbProxies) {
    const target = p.target && "address" in p.target ? ids.get(p.target.address) : undefined;
    if (!target || !cloud.rds.clusters.has(target)) {
      notes.push(`${p.address} has no target cluster in the plan; the proxy is not modelled`);
      continue;
    }
    cloud.proxies.add({ name: p.name, clusterId: target, address: p.address });
    ids.set(p.address, p.name);
  }

  for (const r of topology.dnsRecords) {
    const zoneId = "address" in r.zoneId ? r.zoneId.address : r.zoneId.external;
    cloud.dns.addHostedZone(zoneId);
    const target = r.pointsTo ? endpointOf(cloud, ids.get(r.pointsTo.address)) : undefined;
    const values = target ? [target] : r.values;
    if (values.length === 0) {
      notes.push(`${r.address} has no value the plan fixes; the record is not modelled`);
      continue;
    }
    const ttlMs = (r.ttlSeconds ?? 60) * 1000;
    cloud.dns.setManaged(r.name, target ? "CNAME" : (r.type as "A" | "CNAME" | "AAAA" | "TXT"), values, ttlMs, zoneId);
  }

  for (const c of topology.capacityReservations) {
    const az = c.availabilityZone ?? (zones[0] as string);
    const r = cloud.ec2.reserve({
      type: c.instanceType,
      az,
      count: c.instanceCount,
      platform: c.platform,
      criteria: c.matchCriteria,
      address: c.address,
      principal: "terraform",
      active: true,
      // A reservation tagged as contingency is the designation's own, lent out (`interruptible-reservation` mode).
      ...(c.role === "contingency" ? { lent: true } : {}),
    });
    if (r.ok) ids.set(c.address, r.value.id);
    else notes.push(`${c.address}: ${r.error.code} (${r.error.message}); the reservation is not modelled`);
  }

  // Designated contingency capacity (count and named mode): finite slots of the zone held for the
  // services that designated them, before the spot pools launch into their unused part.
  const designated = new Map<string, { az: string; type: string; count: number; owners: string[] }>();
  for (const d of topology.contingencyDesignations) {
    if (d.reservation !== undefined) continue;
    const key = `${d.contingencyAvailabilityZone}/${d.instanceType}`;
    const entry = designated.get(key) ?? { az: d.contingencyAvailabilityZone, type: d.instanceType, count: 0, owners: [] };
    entry.count += d.designatedCount;
    entry.owners.push(contingencyPrincipal(d.topology));
    designated.set(key, entry);
  }
  for (const [key, d] of designated) {
    const r = cloud.ec2.designate(d);
    if (!r.ok) notes.push(`designated capacity ${key}: ${r.error.code} (${r.error.message}); the designation is bookkeeping only`);
  }

  for (const g of topology.autoScalingGroups) {
    if (g.instanceTypes.length === 0) {
      notes.push(`${g.address} names no instance type the plan fixes; the group is not modelled`);
      continue;
    }
    const lt = g.launchTemplate;
    const template = lt && "address" in lt ? topology.launchTemplates.find((t) => t.address === lt.address) : undefined;
    const allSpot = !g.mixed && template?.spot === true;
    const name = g.name ?? nameOf(g.address);
    cloud.autoScaling.add({
      name,
      ...(g.address ? { address: g.address } : {}),
      desired: g.desiredCapacity,
      zones: g.zones.length ? g.zones : zones,
      instanceTypes: g.instanceTypes,
      onDemandBase: g.mixed?.onDemandBase ?? 0,
      onDemandPercentAboveBase: g.mixed?.onDemandPercentAboveBase ?? (allSpot ? 0 : 100),
      capacityRebalance: g.capacityRebalance,
      tags: [
        ...(g.role ? [{ Key: "resilience:role", Value: g.role }] : []),
        ...(g.topology ? [{ Key: "resilience:topology", Value: g.topology }] : []),
      ],
    });
    ids.set(g.address, name);
  }

  for (const rule of topology.eventRules) {
    const problem = rule.eventPattern === undefined ? undefined : patternProblem(rule.eventPattern);
    if (problem) {
      notes.push(`${rule.address}: the event pattern uses what the mock does not match (${problem}); the rule is not modelled`);
      continue;
    }
    const rate = rule.scheduleExpression ? RATE.exec(rule.scheduleExpression) : null;
    if (rule.scheduleExpression && !rate) notes.push(`${rule.address}: schedule ${rule.scheduleExpression} is not run (only rate(...) is)`);
    const targets: EventTarget[] = rule.targets.map((t) => ({ Id: t.targetId, Arn: "address" in t.arn ? t.arn.address : t.arn.external }));
    cloud.events.addRule({
      name: rule.name,
      bus: rule.eventBus,
      ...(rule.eventPattern !== undefined ? { pattern: rule.eventPattern as EventPattern } : {}),
      ...(rate ? { everyMs: Number(rate[1]) * (UNIT_MS[(rate[2] as string).replace(/s$/, "")] as number) } : {}),
      enabled: rule.enabled && (rule.eventPattern !== undefined || rate !== null),
      targets,
      address: rule.address,
    });
    ids.set(rule.address, rule.name);
  }
  return { cloud, notes, ids };
}

function addDatabase(
  cloud: MockCloud,
  db: DatabaseClusterNode,
  kmsKeyId: string | undefined,
  ids: Map<string, string>,
  notes: string[],
  taken: Set<string>,
): void {
  const region = db.region ?? cloud.region;
  // Identifiers are unique per region: outside the home region the mock keys them with the region.
  const qualified = (name: string) => (region === cloud.region ? name : `${name}@${region}`);
  const base = db.identifier ?? nameOf(db.address);
  let id = qualified(base);
  // Two generated names may meet (e.g. `this` in two modules): the mock numbers the later one.
  for (let n = 2; taken.has(`${db.kind}/${id}`); n++) id = qualified(`${base}-${n}`);
  taken.add(`${db.kind}/${id}`);
  const zones = db.zones.length ? db.zones : cloud.zones.inRegion(region);
  if (db.kind === "redshift") {
    notes.push(
      `${db.address} is a Redshift cluster: the database subsystem runs its coordinating and supporting clusters; the mock cloud has no Redshift model`,
    );
    return;
  }
  if (db.kind === "elasticache") {
    const shards = new Map<string, { id: string; az: string }[]>();
    db.instances.forEach((m, k) => {
      const az = m.availabilityZone ?? m.candidateZones?.[k % m.candidateZones.length] ?? (zones[k % zones.length] as string);
      if (!m.availabilityZone) notes.push(`${db.address} node ${m.member} has no preferred zone; the mock placed it in ${az}`);
      const shard = m.shard ?? "0001";
      shards.set(shard, [...(shards.get(shard) ?? []), { id: m.identifier ?? m.member, az }]);
    });
    cloud.elasticache.add({
      id,
      address: db.address,
      ...(db.tags ? { tags: db.tags } : {}),
      automaticFailover: db.automaticFailover === true,
      shards: [...shards].map(([shard, nodes]) => ({ id: shard, nodes })),
    });
    ids.set(db.address, id);
    return;
  }
  const secondary = db.global?.role === "secondary";
  cloud.rds.addCluster({
    id,
    region,
    address: db.address,
    engine: db.engine,
    kind: db.kind === "aurora" ? "aurora" : db.kind === "rds-instance" ? "multi-az-instance" : "multi-az-cluster",
    zones,
    storageEncrypted: db.storageEncrypted,
    ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
    ...(secondary ? { readOnly: true } : {}),
    // A Multi-AZ DB instance is no DB cluster: its tags are the instance's (FIS selects it as aws:rds:db).
    ...(db.tags && db.kind !== "rds-instance" ? { tags: db.tags } : {}),
  });
  ids.set(db.address, id);
  if (secondary) notes.push(`${db.address} is a read-only secondary of ${db.global?.address}: the mock gives it no writer`);
  if (db.kind === "rds-instance") {
    // RDS picks the standby's zone among the subnet group's others; the mock takes the first.
    const [primary, standby] = db.instances;
    const primaryZone = primary?.availabilityZone ?? primary?.candidateZones?.[0] ?? (zones[0] as string);
    const standbyZone =
      standby?.availabilityZone ?? standby?.candidateZones?.find((z) => z !== primaryZone) ?? zones.find((z) => z !== primaryZone);
    cloud.rds.addInstance({
      id: `${id}`,
      clusterId: id,
      address: db.address,
      instanceClass: primary?.instanceClass ?? "unknown",
      az: primaryZone,
      promotionTier: 0,
      writer: true,
      ...(db.tags ? { tags: db.tags } : {}),
    });
    if (standby && standbyZone) {
      cloud.rds.addInstance({
        id: `${id}-standby`,
        clusterId: id,
        instanceClass: standby.instanceClass,
        az: standbyZone,
        promotionTier: 1,
        readable: false,
      });
      notes.push(`${db.address}: the mock put the Multi-AZ standby in ${standbyZone}, the primary in ${primaryZone}`);
    }
    return;
  }
  if (db.kind === "rds-multi-az-cluster") {
    // RDS names a Multi-AZ DB cluster's members <cluster>-instance-N and spreads them over three zones; it decides which holds the writer.
    const candidates = db.instances[0]?.candidateZones ?? zones;
    db.instances.forEach((m, k) => {
      const az = candidates[k % candidates.length] as string;
      cloud.rds.addInstance({
        id: `${id}-instance-${k + 1}`,
        clusterId: id,
        instanceClass: m.instanceClass,
        az,
        promotionTier: k === 0 ? 0 : 1,
        writer: m.role === "writer",
      });
    });
    notes.push(`${db.address}: the mock put the Multi-AZ DB cluster's writer in ${candidates[0]}`);
    return;
  }
  const used = new Map<string, number>();
  for (const i of db.instances) if (i.availabilityZone) used.set(i.availabilityZone, (used.get(i.availabilityZone) ?? 0) + 1);
  for (const i of db.instances) {
    let az = i.availabilityZone;
    if (!az) {
      az = [...zones].sort((a, b) => (used.get(a) ?? 0) - (used.get(b) ?? 0) || a.localeCompare(b))[0] as string;
      used.set(az, (used.get(az) ?? 0) + 1);
      notes.push(`${i.address} has no availability_zone; the mock placed it in ${az}, as AWS would place it somewhere`);
    }
    // Replicas AWS adds (Aurora Auto Scaling) have no resource of their own: named by their member.
    const generated = i.addedBy !== undefined ? `${base}-${i.member}` : nameOf(i.address);
    const instanceId = region === cloud.region ? (i.identifier ?? generated) : `${i.identifier ?? generated}@${region}`;
    cloud.rds.addInstance({
      id: instanceId,
      ...(i.addedBy === undefined ? { address: i.address } : {}),
      clusterId: id,
      instanceClass: i.instanceClass,
      az,
      promotionTier: i.promotionTier ?? 0,
      writer: i.role === "writer",
      ...(i.tags ? { tags: i.tags } : {}),
    });
    if (i.addedBy === undefined) ids.set(i.address, instanceId);
  }
}

/**
 * The zone of the first database's writer (coordinator, primary): where the plan puts it, else
 * where the mock placed it; undefined without databases.
 */
export function firstWriterZone(topology: Topology, cloud: MockCloud, ids: ReadonlyMap<string, string>): string | undefined {
  // A global database's secondary has no writer: the first database that has one.
  const db = topology.databases.find((d) => d.instances.some((i) => i.role === "writer"));
  const writer = db?.instances.find((i) => i.role === "writer");
  if (!db || !writer) return undefined;
  if (writer.availabilityZone) return writer.availabilityZone;
  const clusterId = ids.get(db.address);
  const cluster = clusterId === undefined ? undefined : cloud.rds.clusters.get(clusterId);
  const placed = cluster?.writer === undefined ? undefined : cloud.rds.instances.get(cluster.writer)?.az;
  return placed ?? writer.candidateZones?.[0];
}

/** The DNS name of a cloud resource a record may point at (cluster or proxy endpoint). */
function endpointOf(cloud: MockCloud, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const c = cloud.rds.clusters.get(id);
  if (c) return cloud.rds.clusterEndpoint(c);
  const i = cloud.rds.instances.get(id);
  if (i) return i.endpoint;
  return cloud.proxies.get(id)?.endpoint;
}

/** `aws_rds_cluster.Orders_A9B6` → `orders-a9b6`, `aws_x.this["one"]` → `this-one`: the mock's stand-in for a generated identifier. */
function nameOf(address: string): string {
  return shortName(address);
}
