/**
 * Plan → pair specs. The same model drives every engine the loader recognises:
 * - Redshift Multi-AZ: one resource, two logical clusters (coordinator in its zone, supporting in
 *   the first other zone of the subnet group), node count and type from the resource.
 * - Aurora: the writer is the coordinator; the supporting cluster is the replica AWS would promote
 *   among those in other zones (lowest tier, then largest, then a seeded pick; an absent
 *   `promotion_tier` is Terraform's 0); the other replicas are the pool.
 * - RDS Multi-AZ DB cluster: the mock places the three members (RDS picks their zones and the
 *   writer); the writer coordinates, the first readable standby in another zone supports, the
 *   other one is the pool. Members are named by the mock's instance ids.
 * ElastiCache is left to the mock cloud's own failover (see docs/limits.md).
 */
import type { EngineFamily } from "../../lib/contract/plan-contract";
import type { MockCloud } from "../cloud/mock-cloud";
import { choosePromotionTarget } from "../cloud/rds/promotion";
import type { TimingProfile } from "../cloud/timing-profile";
import type { DatabaseClusterNode, DatabaseInstanceNode, Topology } from "../plan/topology";
import type { Random } from "../sim/ports";
import type { ClusterConfig } from "./cluster";
import type { DatabasePairSpec, PairMember } from "./database-pair";
import type { PairMutants } from "./mutants";
import { pairTiming } from "./pair-timing";

/** Engines the pair model runs. */
export const PAIR_ENGINES: readonly EngineFamily[] = ["redshift", "aurora", "rds-multi-az-cluster"];

function isPairEngine(kind: DatabaseClusterNode["kind"]): kind is EngineFamily {
  return (PAIR_ENGINES as readonly string[]).includes(kind);
}

export interface PlanPairContext {
  readonly topology: Topology;
  readonly cloud: MockCloud;
  readonly ids: ReadonlyMap<string, string>;
  readonly profile: TimingProfile;
  /** For Aurora's arbitrary pick among equal replicas. */
  readonly random: Random;
  /** Test-only planted bugs. @default - none */
  readonly mutants?: PairMutants;
}

/** The pair config a database declares: node type and count, key, network. */
export function configOf(db: DatabaseClusterNode): ClusterConfig {
  const first = db.instances[0];
  const key = db.kmsKey === undefined ? "aws-managed" : "address" in db.kmsKey ? db.kmsKey.address : db.kmsKey.external;
  const net = db.subnetGroup === undefined ? [] : ["address" in db.subnetGroup ? db.subnetGroup.address : db.subnetGroup.external];
  return { nodeType: first?.instanceClass ?? "unknown", nodeCount: first?.nodeCount ?? 1, keyId: key, network: net };
}

/** Short, actor-safe name of a database: `aws_redshift_cluster.Warehouse_50B5` → `warehouse-50b5`. */
export function shortNameOf(address: string): string {
  return (address.split(".").at(-1) as string).toLowerCase().replace(/_/g, "-");
}

/** One spec per database the pair model runs; databases it cannot pair are skipped. */
export function pairSpecsFromPlan(ctx: PlanPairContext): DatabasePairSpec[] {
  const out: DatabasePairSpec[] = [];
  for (const db of ctx.topology.databases) {
    // A global database's secondary cluster is read-only: no writer, nothing to pair until a global failover.
    if (!isPairEngine(db.kind) || db.global?.role === "secondary") continue;
    const engine = db.kind;
    const members =
      db.kind === "redshift" ? redshiftMembers(db, ctx) : db.kind === "aurora" ? auroraMembers(db, ctx) : multiAzClusterMembers(db, ctx);
    if (!members || members.length === 0) continue;
    // A database's zones are its own region's: a pair never lands in another region.
    const zones = db.zones.length ? db.zones : ctx.cloud.zones.inRegion(db.region ?? ctx.cloud.region);
    const clusterId = ctx.ids.get(db.address);
    const proxied = ctx.cloud.proxies.list().some((p) => p.clusterId === clusterId);
    const gap = members.some((m) => m.role === "supporting") ? undefined : standbyGap(db, members);
    out.push({
      ...(gap ? { noStandby: gap } : {}),
      database: db.address,
      shortName: shortNameOf(db.address),
      engine,
      config: configOf(db),
      zones,
      members,
      // Redshift Multi-AZ has one managed endpoint in front of both clusters.
      endpointMode: db.kind === "redshift" || proxied ? "proxy" : "dns",
      timing: pairTiming(ctx.profile, engine),
      // Aurora replicas and Multi-AZ DB cluster members keep their own class when promoted; Redshift's two halves are alike.
      sizes: engine === "redshift" ? "pair" : "member",
      workload: {},
    });
  }
  return out;
}

/**
 * Why a database has no standby in another zone to fail over to, and the fix. The same facts the
 * policy pack's RES-RDS-MULTI-AZ and RES-REDSHIFT-MULTI-AZ judge the plan by: one instance, every
 * instance in one zone, or Redshift without `multi_az`.
 */
export function standbyGap(db: DatabaseClusterNode, members: readonly PairMember[]): string {
  const [coordinator] = members;
  const where = coordinator ? ` in ${coordinator.zone}` : "";
  if (db.kind === "redshift")
    return db.multiAz
      ? `multi_az is on but its subnet group offers no zone besides${where || " the coordinator's"}. Fix: add a subnet in another zone to the subnet group of ${db.address}`
      : `multi_az is off, so the cluster${where} has no supporting cluster in another zone. Fix: set multi_az = true on ${db.address} (needs an RA3 node type)`;
  if (members.length <= 1)
    return `it has one instance (${coordinator?.name ?? "none"}${where}). Fix: add an aws_rds_cluster_instance to ${db.address} in another zone of its subnet group (promotion_tier 0 or 1)`;
  return `all ${members.length} instances are${where} (${members.map((m) => m.name).join(", ")}). Fix: place one aws_rds_cluster_instance of ${db.address} in another zone of its subnet group`;
}

function zoneOfMember(i: DatabaseInstanceNode, ctx: PlanPairContext): string | undefined {
  if (i.availabilityZone) return i.availabilityZone;
  const id = ctx.ids.get(i.address);
  const placed = id === undefined ? undefined : ctx.cloud.rds.instances.get(id)?.az;
  return placed ?? i.candidateZones?.[0];
}

function redshiftMembers(db: DatabaseClusterNode, ctx: PlanPairContext): PairMember[] | undefined {
  const c = db.instances.find((i) => i.member === "coordinator");
  const s = db.instances.find((i) => i.member === "supporting");
  const cz = c && zoneOfMember(c, ctx);
  if (!c || !cz) return undefined;
  const sz = s?.availabilityZone ?? s?.candidateZones?.find((z) => z !== cz);
  // c1 coordinates, c2 supports, a cluster provisioned in a third zone is c3.
  return [{ name: "c1", zone: cz, role: "coordinator" }, ...(s && sz ? [{ name: "c2", zone: sz, role: "supporting" as const }] : [])];
}

function auroraMembers(db: DatabaseClusterNode, ctx: PlanPairContext): PairMember[] | undefined {
  const writer = db.instances.find((i) => i.role === "writer");
  const wz = writer && zoneOfMember(writer, ctx);
  if (!writer || !wz) return undefined;
  const config = configOf(db);
  const others = db.instances
    .filter((i) => i !== writer)
    .map((i) => ({
      node: i,
      zone: zoneOfMember(i, ctx),
      id: i.member,
      promotionTier: i.promotionTier ?? 0,
      instanceClass: i.instanceClass,
    }))
    .filter((o): o is typeof o & { zone: string } => o.zone !== undefined);
  // AWS promotes by tier alone; the pair's standby must survive the writer's zone, so only a
  // replica in another zone may support (one in the writer's zone stays in the pool).
  const supporting = choosePromotionTarget(ctx.mutants?.supportingAnyZone ? others : others.filter((o) => o.zone !== wz), ctx.random);
  const member = (o: (typeof others)[number], role: PairMember["role"]): PairMember => ({
    name: o.id,
    zone: o.zone,
    role,
    config: { ...config, nodeType: o.instanceClass },
  });
  return [
    { name: writer.address, zone: wz, role: "coordinator", config: { ...config, nodeType: writer.instanceClass } },
    ...(supporting ? [member(supporting, "supporting")] : []),
    ...others.filter((o) => o !== supporting).map((o) => member(o, "pooled")),
  ];
}

function multiAzClusterMembers(db: DatabaseClusterNode, ctx: PlanPairContext): PairMember[] | undefined {
  const id = ctx.ids.get(db.address);
  const cluster = id === undefined ? undefined : ctx.cloud.rds.clusters.get(id);
  if (!cluster || cluster.writer === undefined) return undefined;
  const members = ctx.cloud.rds.members(cluster);
  const writer = members.find((m) => m.id === cluster.writer);
  if (!writer) return undefined;
  const config = configOf(db);
  const standbys = members.filter((m) => m !== writer);
  const supporting = standbys.find((m) => m.az !== writer.az);
  const member = (m: (typeof members)[number], role: PairMember["role"]): PairMember => ({
    name: m.id,
    zone: m.az,
    role,
    config: { ...config, nodeType: m.instanceClass },
  });
  return [
    member(writer, "coordinator"),
    ...(supporting ? [member(supporting, "supporting")] : []),
    ...standbys.filter((m) => m !== supporting).map((m) => member(m, "pooled")),
  ];
}
