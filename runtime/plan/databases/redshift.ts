import { bool, databaseBase, isUnknownSet, num, opt, type ReadContext, str } from "../read-context";
import type { ResourceNode } from "../resources";
import type { DatabaseClusterNode, DatabaseInstanceNode } from "../topology";

/**
 * `aws_redshift_cluster`. With `multi_az`, AWS runs two clusters of the same node type and count
 * from this one resource: the coordinating cluster in `availability_zone` and a
 * supporting cluster in another zone of the subnet group. The loader expands it into both.
 */
export function readRedshiftCluster(c: ResourceNode, ctx: ReadContext): DatabaseClusterNode {
  const { r } = ctx;
  const { unknown, ...base } = databaseBase(c, ctx, {
    identifier: "cluster_identifier",
    subnetGroup: "cluster_subnet_group_name",
    subnetGroupType: "aws_redshift_subnet_group",
  });
  for (const attribute of ["multi_az", "availability_zone", "node_type", "number_of_nodes"])
    if (isUnknownSet(ctx, c, attribute)) unknown.push(ctx.unknown(c, attribute));
  const zones = base.zones;
  const multiAz = bool(r.literal(c.body.multi_az)) ?? false;
  const zone = r.string(c.body.availability_zone);
  const coordinatorZone = typeof zone === "string" && zone !== "" ? zone : undefined;
  const shape = {
    address: c.address,
    ...opt("identifier", r.string(c.body.cluster_identifier)),
    instanceClass: str(r.literal(c.body.node_type)) ?? "unknown",
    // Terraform's default is a single node.
    nodeCount: num(r.literal(c.body.number_of_nodes)) ?? 1,
  };
  const coordinator: DatabaseInstanceNode = {
    ...shape,
    member: "coordinator",
    ...(coordinatorZone ? { availabilityZone: coordinatorZone } : zones.length ? { candidateZones: zones } : {}),
    role: "writer",
    roleSource: "engine",
  };
  const others = zones.filter((z) => z !== coordinatorZone);
  const supporting: DatabaseInstanceNode = {
    ...shape,
    member: "supporting",
    ...(others.length ? { candidateZones: others } : {}),
    role: "failover",
    roleSource: "engine",
  };
  if (!multiAz) ctx.note(`${c.address} is not Multi-AZ: one cluster in one zone, with nothing to fail over to`);
  return {
    ...base,
    kind: "redshift",
    engine: "redshift",
    // The AWS provider v6 encrypts by default.
    storageEncrypted: bool(r.literal(c.body.encrypted)) ?? true,
    multiAz,
    instances: multiAz ? [coordinator, supporting] : [coordinator],
    ...(unknown.length ? { unknown } : {}),
  };
}
