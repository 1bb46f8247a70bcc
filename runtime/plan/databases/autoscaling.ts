import { num, type ReadContext, str } from "../read-context";
import { UNKNOWN } from "../resolve";
import type { DatabaseClusterNode, DatabaseInstanceNode, UnknownValue } from "../topology";

/** Aurora Auto Scaling gives the replicas it adds the lowest failover priority. */
const AUTOSCALED_PROMOTION_TIER = 15;

/**
 * `aws_appautoscaling_target` on an Aurora cluster's readers (`service_namespace = "rds"`,
 * `scalable_dimension = "rds:cluster:ReadReplicaCount"`, `resource_id = "cluster:<id>"`): AWS keeps
 * at least `min_capacity` Aurora Replicas, adding the missing ones itself. Each added replica has
 * the writer's DB instance class and promotion tier 15 ("the new Aurora Replica is the same DB
 * instance class as the one used by the primary instance … the promotion tier … is set to the
 * last priority, which is 15 by default"); AWS picks its zone.
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Integrating.AutoScaling.html
 */
export function readAutoscaledReplicas(databases: DatabaseClusterNode[], ctx: ReadContext): DatabaseClusterNode[] {
  const targets = ctx
    .byType("aws_appautoscaling_target")
    .filter(
      (t) =>
        str(ctx.r.literal(t.body.service_namespace)) === "rds" &&
        str(ctx.r.literal(t.body.scalable_dimension)) === "rds:cluster:ReadReplicaCount",
    );
  if (targets.length === 0) return databases;
  const out = [...databases];
  for (const t of targets) {
    const region = ctx.regionOf(t);
    const resourceId = ctx.r.string(t.body.resource_id);
    const named = resourceId === UNKNOWN ? undefined : resourceId.replace(/^cluster:/, "");
    const referenced = new Set(ctx.r.referencedAddresses(t.body.resource_id));
    const k = out.findIndex(
      (d) =>
        d.kind === "aurora" &&
        (referenced.has(d.address) || (named !== undefined && d.identifier === named && (d.region ?? region) === region)),
    );
    if (k < 0) {
      ctx.note(`${t.address} scales the readers of a cluster outside this plan; it is not modelled`);
      continue;
    }
    const db = out[k] as DatabaseClusterNode;
    const min = num(ctx.r.literal(t.body.min_capacity));
    if (min === undefined) {
      const unknown: UnknownValue = ctx.unknown(t, "min_capacity");
      out[k] = { ...db, unknown: [...(db.unknown ?? []), unknown] };
      continue;
    }
    const max = num(ctx.r.literal(t.body.max_capacity));
    const writer = db.instances.find((i) => i.role === "writer");
    const readers = db.instances.filter((i) => i.role !== "writer").length;
    const added = Math.max(0, min - readers);
    const instanceClass = writer?.instanceClass ?? "unknown";
    const before = db.instances.filter((i) => i.addedBy !== undefined).length;
    const replicas: DatabaseInstanceNode[] = Array.from({ length: added }, (_, i) => ({
      address: t.address,
      member: `autoscaled-${before + i + 1}`,
      instanceClass,
      ...(db.zones.length ? { candidateZones: db.zones } : {}),
      promotionTier: AUTOSCALED_PROMOTION_TIER,
      promotionTierExplicit: true,
      addedBy: t.address,
      role: "read",
      roleSource: "autoscaling",
    }));
    if (added > 0)
      ctx.note(
        `${t.address} keeps at least ${min} Aurora Replica${min === 1 ? "" : "s"} in ${db.address}: AWS adds ${added} with the writer's class ${instanceClass} and promotion tier 15, in a zone it picks`,
      );
    out[k] = {
      ...db,
      autoscaling: { address: t.address, minCapacity: min, ...(max !== undefined ? { maxCapacity: max } : {}) },
      instances: [...db.instances, ...replicas],
    };
  }
  return out;
}
