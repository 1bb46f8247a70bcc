import { SERVERLESS_INSTANCE_CLASS, SERVERLESS_SCALES_WITH_WRITER_MAX_TIER, TAG } from "../../../lib/spec/contract";
import { blocks, bool, databaseBase, num, opt, type ReadContext, str, strings, tagsOf } from "../read-context";
import { type Resolver, UNKNOWN } from "../resolve";
import type { ResourceNode } from "../resources";
import type { DatabaseClusterNode, DatabaseInstanceNode } from "../topology";

/**
 * `aws_rds_cluster`: an Aurora cluster (engine `aurora*`, instances as `aws_rds_cluster_instance`s
 * with promotion tiers) or a Multi-AZ DB cluster (engine postgres/mysql with a cluster-level
 * `db_cluster_instance_class`: a writer and two readable standbys RDS runs in three zones).
 */
export function readRdsCluster(c: ResourceNode, ctx: ReadContext): DatabaseClusterNode {
  const { r } = ctx;
  const engine = r.string(c.body.engine);
  // Terraform's default engine for aws_rds_cluster is "aurora" (MySQL-compatible).
  const engineName = engine === UNKNOWN ? "aurora" : engine;
  const joining = ctx.byType("aws_rds_cluster_instance").filter((i) => {
    const l = ctx.link(i.body.cluster_identifier, "aws_rds_cluster");
    return l !== undefined && "address" in l && l.address === c.address;
  });
  const aurora = engineName.startsWith("aurora");
  const scaling = blocks(r.literal(c.body.serverlessv2_scaling_configuration))?.[0];
  const base = {
    ...databaseBase(c, ctx, {
      identifier: "cluster_identifier",
      subnetGroup: "db_subnet_group_name",
      subnetGroupType: "aws_db_subnet_group",
    }),
    engine: engineName,
    storageEncrypted: bool(r.literal(c.body.storage_encrypted)) ?? false,
  };
  if (aurora) {
    const instances = classifyInstances(joining, r, ctx.nodes);
    for (const i of instances)
      if (!i.availabilityZone) ctx.note(`${i.address} has no availability_zone: AWS will place it, so its zone is unknown until apply`);
    return {
      ...base,
      kind: "aurora",
      ...(scaling
        ? { serverlessV2: { ...opt("minCapacity", num(scaling.min_capacity)), ...opt("maxCapacity", num(scaling.max_capacity)) } }
        : {}),
      instances,
    };
  }
  for (const i of joining)
    ctx.note(`${i.address} joins the Multi-AZ DB cluster ${c.address}; RDS rejects instances in a Multi-AZ DB cluster`);
  const listed = strings(r.literal(c.body.availability_zones));
  const candidateZones = listed?.length ? [...listed].sort() : base.zones;
  ctx.note(
    `${c.address} is a Multi-AZ DB cluster: RDS puts its writer and two standbys in three zones and decides which one holds the writer`,
  );
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
    ...base,
    kind: "rds-multi-az-cluster",
    instances: [member("writer", "writer"), member("standby-1", "failover"), member("standby-2", "failover")],
  };
}

/**
 * Decides each Aurora instance's role. The writer is, in order: the instance tagged
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
    const instanceClass = str(r.literal(n.body.instance_class)) ?? "unknown";
    return {
      address: n.address,
      member: n.address,
      ...opt("identifier", r.string(n.body.identifier)),
      instanceClass,
      ...opt("availabilityZone", r.string(n.body.availability_zone)),
      promotionTier: t,
      promotionTierExplicit: n.body.promotion_tier !== undefined,
      ...(instanceClass === SERVERLESS_INSTANCE_CLASS && !isWriter && t <= SERVERLESS_SCALES_WITH_WRITER_MAX_TIER
        ? { scalesWithWriter: true }
        : {}),
      role: isWriter ? "writer" : t <= 1 ? "failover" : "read",
      roleSource: isWriter ? source : "promotion-tier",
    };
  });
  return out.sort((a, b) => Number(b.role === "writer") - Number(a.role === "writer") || (a.promotionTier ?? 0) - (b.promotionTier ?? 0));
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
