import { blocks, bool, databaseBase, isUnknownSet, num, type ReadContext, str, strings } from "../read-context";
import { UNKNOWN } from "../resolve";
import type { ResourceNode } from "../resources";
import type { DatabaseClusterNode, DatabaseInstanceNode } from "../topology";

/**
 * `aws_elasticache_replication_group`: without cluster mode, `num_cache_clusters` nodes whose
 * zones are `preferred_cache_cluster_azs` (the first is the primary's); with cluster mode,
 * `num_node_groups` shards of a primary and `replicas_per_node_group` replicas each, placed by
 * `node_group_configuration`. Replicas are failover targets only with automatic failover.
 */
export function readReplicationGroup(g: ResourceNode, ctx: ReadContext): DatabaseClusterNode {
  const { r } = ctx;
  const { unknown, ...base } = databaseBase(g, ctx, {
    identifier: "replication_group_id",
    subnetGroup: "subnet_group_name",
    subnetGroupType: "aws_elasticache_subnet_group",
  });
  for (const attribute of [
    "num_cache_clusters",
    "preferred_cache_cluster_azs",
    "num_node_groups",
    "replicas_per_node_group",
    "node_group_configuration",
    "automatic_failover_enabled",
    "multi_az_enabled",
    "node_type",
  ])
    if (isUnknownSet(ctx, g, attribute)) unknown.push(ctx.unknown(g, attribute));
  const zones = base.zones;
  const id = r.string(g.body.replication_group_id);
  const engine = str(r.literal(g.body.engine)) ?? "redis";
  const automaticFailover = bool(r.literal(g.body.automatic_failover_enabled)) ?? false;
  const multiAz = bool(r.literal(g.body.multi_az_enabled)) ?? false;
  const instanceClass = str(r.literal(g.body.node_type)) ?? "unknown";
  const configured = blocks(r.literal(g.body.node_group_configuration));
  const groups = num(r.literal(g.body.num_node_groups)) ?? configured?.length;
  const clusterMode = groups !== undefined && (groups > 1 || g.body.num_node_groups !== undefined);

  const node = (name: string, zone: string | undefined, primary: boolean, shard?: string): DatabaseInstanceNode => ({
    address: g.address,
    member: name,
    ...(id === UNKNOWN ? {} : { identifier: name }),
    instanceClass,
    ...(zone ? { availabilityZone: zone } : zones.length ? { candidateZones: zones } : {}),
    ...(shard ? { shard } : {}),
    role: primary ? "writer" : automaticFailover ? "failover" : "read",
    roleSource: "engine",
  });
  const prefix = id === UNKNOWN ? "node" : id;
  const pad = (n: number, width: number) => String(n).padStart(width, "0");

  let instances: DatabaseInstanceNode[];
  if (!clusterMode) {
    const count = num(r.literal(g.body.num_cache_clusters)) ?? 1;
    const azs = strings(r.literal(g.body.preferred_cache_cluster_azs)) ?? [];
    instances = Array.from({ length: count }, (_, i) => node(`${prefix}-${pad(i + 1, 3)}`, azs[i], i === 0));
  } else {
    const replicas = num(r.literal(g.body.replicas_per_node_group));
    instances = Array.from({ length: groups ?? 1 }, (_, s) => {
      const conf = configured?.[s] ?? {};
      const shard = str(conf.node_group_id) ?? pad(s + 1, 4);
      const replicaZones = strings(conf.replica_availability_zones) ?? [];
      const count = replicas ?? num(conf.replica_count) ?? replicaZones.length;
      return [
        node(`${prefix}-${shard}-001`, str(conf.primary_availability_zone), true, shard),
        ...Array.from({ length: count }, (_, i) => node(`${prefix}-${shard}-${pad(i + 2, 3)}`, replicaZones[i], false, shard)),
      ];
    }).flat();
  }
  if (!automaticFailover && instances.length > 1)
    ctx.note(`${g.address} has no automatic failover: its replicas serve reads but are never promoted`);
  return {
    ...base,
    kind: "elasticache",
    engine,
    // The provider encrypts at rest by default for valkey only.
    storageEncrypted: bool(r.literal(g.body.at_rest_encryption_enabled)) ?? engine === "valkey",
    multiAz,
    automaticFailover,
    shards: clusterMode ? (groups ?? 1) : 1,
    instances,
    ...(unknown.length ? { unknown } : {}),
  };
}
