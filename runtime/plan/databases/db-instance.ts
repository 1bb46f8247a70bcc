import { bool, databaseBase, isUnknownSet, opt, type ReadContext, str } from "../read-context";
import type { ResourceNode } from "../resources";
import type { DatabaseClusterNode, DatabaseInstanceNode } from "../topology";

/**
 * `aws_db_instance`: an RDS DB instance. With `multi_az = true` it is a Multi-AZ DB instance
 * deployment: RDS keeps a synchronous standby of the same class in another zone of the subnet
 * group; the standby serves no reads and becomes the primary on a failover ("typically 60–120
 * seconds"). Without it there is one instance and nothing to fail over to. Read replicas
 * (`replicate_source_db`) and Aurora engines (which take `aws_rds_cluster_instance`) are left out, noted.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
 */
export function readDbInstance(n: ResourceNode, ctx: ReadContext): DatabaseClusterNode | undefined {
  const { r } = ctx;
  if (n.body.replicate_source_db !== undefined) {
    ctx.note(`${n.address} is a read replica (replicate_source_db); read replicas are not modelled`);
    return undefined;
  }
  const engine = str(r.literal(n.body.engine)) ?? "unknown";
  if (engine.startsWith("aurora")) {
    ctx.note(
      `${n.address} is an aws_db_instance with engine ${engine}; Aurora instances are aws_rds_cluster_instance, so it is not modelled`,
    );
    return undefined;
  }
  const { unknown, ...base } = databaseBase(n, ctx, {
    identifier: "identifier",
    subnetGroup: "db_subnet_group_name",
    subnetGroupType: "aws_db_subnet_group",
  });
  for (const attribute of ["multi_az", "instance_class", "availability_zone"])
    if (isUnknownSet(ctx, n, attribute)) unknown.push(ctx.unknown(n, attribute));
  // Terraform's default for multi_az is false.
  const multiAz = bool(r.literal(n.body.multi_az)) ?? false;
  const instanceClass = str(r.literal(n.body.instance_class)) ?? "unknown";
  const zone = r.string(n.body.availability_zone);
  const primaryZone = typeof zone === "string" && zone !== "" ? zone : undefined;
  const shape = { address: n.address, ...opt("identifier", r.string(n.body.identifier)), instanceClass };
  const primary: DatabaseInstanceNode = {
    ...shape,
    member: "primary",
    ...(primaryZone ? { availabilityZone: primaryZone } : base.zones.length ? { candidateZones: base.zones } : {}),
    role: "writer",
    roleSource: "engine",
  };
  const others = base.zones.filter((z) => z !== primaryZone);
  const standby: DatabaseInstanceNode = {
    ...shape,
    member: "standby",
    ...(others.length ? { candidateZones: others } : {}),
    readable: false,
    role: "failover",
    roleSource: "engine",
  };
  if (multiAz)
    ctx.note(
      `${n.address} is a Multi-AZ DB instance: RDS keeps a synchronous standby, which serves no reads, in another zone and picks that zone`,
    );
  else ctx.note(`${n.address} is not Multi-AZ: one instance in one zone, with nothing to fail over to`);
  return {
    ...base,
    kind: "rds-instance",
    engine,
    storageEncrypted: bool(r.literal(n.body.storage_encrypted)) ?? false,
    multiAz,
    instances: multiAz ? [primary, standby] : [primary],
    ...(unknown.length ? { unknown } : {}),
  };
}
