import { SERVERLESS_INSTANCE_CLASS, SERVERLESS_SCALES_WITH_WRITER_MAX_TIER, TAG } from "../../../lib/contract/plan-contract";
import { blocks, bool, databaseBase, isUnknownSet, num, opt, type ReadContext, str, strings, tagsOf } from "../read-context";
import { UNKNOWN } from "../resolve";
import type { ResourceNode } from "../resources";
import { sortInPlace } from "../small-sort";
import type { DatabaseClusterNode, DatabaseInstanceNode, UnknownValue } from "../topology";

/**
 * `aws_rds_cluster`: an Aurora cluster (engine `aurora*`, instances as `aws_rds_cluster_instance`s
 * with promotion tiers) or a Multi-AZ DB cluster (engine postgres/mysql with a cluster-level
 * `db_cluster_instance_class`: a writer and two readable standbys RDS runs in three zones).
 */
export function readRdsCluster(c: ResourceNode, ctx: ReadContext): DatabaseClusterNode {
  const { r } = ctx;
  const engine = r.string(c.body.engine);
  const unknown: UnknownValue[] = [];
  if (isUnknownSet(ctx, c, "engine")) unknown.push(ctx.unknown(c, "engine"));
  // Terraform's default engine for aws_rds_cluster is "aurora" (MySQL-compatible).
  const engineName = engine === UNKNOWN ? "aurora" : engine;
  const joining = ctx.membersOf(c.address);
  const aurora = engineName.startsWith("aurora");
  const scaling = blocks(r.literal(c.body.serverlessv2_scaling_configuration))?.[0];
  const { unknown: baseUnknown, ...base } = databaseBase(c, ctx, {
    identifier: "cluster_identifier",
    subnetGroup: "db_subnet_group_name",
    subnetGroupType: "aws_db_subnet_group",
  });
  unknown.push(...baseUnknown);
  const common = { ...base, engine: engineName, storageEncrypted: bool(r.literal(c.body.storage_encrypted)) ?? false };
  if (aurora) {
    const instances = classifyInstances(joining, ctx, unknown);
    for (const i of instances)
      if (!i.availabilityZone && !unknown.some((u) => u.address === i.address && u.attribute === "availability_zone"))
        ctx.note(`${i.address} has no availability_zone: AWS will place it, so its zone is unknown until apply`);
    return {
      ...common,
      kind: "aurora",
      ...(scaling
        ? { serverlessV2: { ...opt("minCapacity", num(scaling.min_capacity)), ...opt("maxCapacity", num(scaling.max_capacity)) } }
        : {}),
      instances,
      ...(unknown.length ? { unknown } : {}),
    };
  }
  for (const i of joining)
    ctx.note(`${i.address} joins the Multi-AZ DB cluster ${c.address}; RDS rejects instances in a Multi-AZ DB cluster`);
  const listed = strings(r.literal(c.body.availability_zones));
  const candidateZones = listed?.length ? [...listed].sort() : base.zones;
  ctx.note(
    `${c.address} is a Multi-AZ DB cluster: RDS puts its writer and two standbys in three zones and decides which one holds the writer`,
  );
  if (isUnknownSet(ctx, c, "db_cluster_instance_class")) unknown.push(ctx.unknown(c, "db_cluster_instance_class"));
  const instanceClass = str(r.literal(c.body.db_cluster_instance_class)) ?? "unknown";
  const member = (name: string, role: DatabaseInstanceNode["role"]): DatabaseInstanceNode => ({
    address: c.address,
    member: name,
    instanceClass,
    ...(candidateZones.length ? { candidateZones } : {}),
    role,
    roleSource: "engine",
  });
  return {
    ...common,
    kind: "rds-multi-az-cluster",
    instances: [member("writer", "writer"), member("standby-1", "failover"), member("standby-2", "failover")],
    ...(unknown.length ? { unknown } : {}),
  };
}

/**
 * Decides each Aurora instance's role. The writer is, in order: the instance tagged
 * `resilience:role=coordinator`; the one the cluster's other instances `depends_on` (created
 * first, so AWS makes it the writer); else the lowest promotion tier, first in plan order.
 * Values the roles and the failover depend on (class, tier, zone) that the plan does not fix are
 * recorded in `unknown`.
 */
function classifyInstances(nodes: readonly ResourceNode[], ctx: ReadContext, unknown: UnknownValue[]): DatabaseInstanceNode[] {
  const { r } = ctx;
  if (nodes.length === 0) return [];
  for (const n of nodes)
    for (const attribute of ["instance_class", "promotion_tier", "availability_zone"])
      if (isUnknownSet(ctx, n, attribute)) unknown.push(ctx.unknown(n, attribute));
  const tiers = new Map(nodes.map((n) => [n, num(r.literal(n.body.promotion_tier)) ?? 0]));
  const tier = (n: ResourceNode) => tiers.get(n) ?? 0;
  const tagged = nodes.find((n) => tagsOf(n, r)[TAG.role] === "coordinator");
  const addresses = new Set(nodes.map((n) => n.address));
  const dependedOn = new Set<string>();
  for (const n of nodes) for (const d of r.dependencies(n)) if (d !== n.address && addresses.has(d)) dependedOn.add(d);
  const dependency = dependedOn.size === 1 ? nodes.find((n) => dependedOn.has(n.address)) : undefined;
  // The first of the lowest tier in plan order (what a stable sort by tier puts first).
  let lowest = nodes[0] as ResourceNode;
  for (const n of nodes) if (tier(n) < tier(lowest)) lowest = n;
  const writer = tagged ?? dependency ?? lowest;
  const source = tagged ? "tag" : dependency ? "depends-on" : "lowest-tier";

  const out = nodes.map((n): DatabaseInstanceNode => {
    const t = tier(n);
    const isWriter = n === writer;
    const instanceClass = str(r.literal(n.body.instance_class)) ?? "unknown";
    return {
      address: n.address,
      member: n.address,
      ...opt("identifier", r.string(n.body.identifier)),
      instanceClass,
      // An empty zone is no zone: the provider leaves it to AWS.
      ...opt("availabilityZone", nonEmpty(r.string(n.body.availability_zone))),
      promotionTier: t,
      promotionTierExplicit: n.body.promotion_tier !== undefined,
      ...(instanceClass === SERVERLESS_INSTANCE_CLASS && !isWriter && t <= SERVERLESS_SCALES_WITH_WRITER_MAX_TIER
        ? { scalesWithWriter: true }
        : {}),
      role: isWriter ? "writer" : t <= 1 ? "failover" : "read",
      roleSource: isWriter ? source : "promotion-tier",
    };
  });
  return sortInPlace(
    out,
    (a, b) => Number(b.role === "writer") - Number(a.role === "writer") || (a.promotionTier ?? 0) - (b.promotionTier ?? 0),
  );
}

function nonEmpty(v: string | typeof UNKNOWN): string | typeof UNKNOWN | undefined {
  return v === "" ? undefined : v;
}
