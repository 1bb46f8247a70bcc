import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyCheck } from "../outcome";
import type { PlanResource, PlanView } from "../plan-view";
import { numberAttr, stringAttr } from "../values";
import { requireBool } from "./attribute-checks";
import { isAuroraEngine, isMultiAzDbCluster, isServerlessV1 } from "./rds-engine";

/**
 * RES-RDS-MULTI-AZ: the database survives the loss of one Availability Zone.
 * - `aws_db_instance`: `multi_az` (default false).
 * - Multi-AZ DB cluster: always a writer and two standbys in three zones.
 * - Aurora: at least two `aws_rds_cluster_instance`s, not all pinned to the same zone. Instances
 *   without a zone are placed by AWS, so they are not counted against the cluster; a cluster
 *   whose instances live outside this plan (or use count/for_each) cannot be judged here. Replicas
 *   Aurora Auto Scaling keeps (`aws_appautoscaling_target` on `rds:cluster:ReadReplicaCount` with
 *   `min_capacity ≥ 1`) count: AWS adds them in zones it picks.
 *   https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Integrating.AutoScaling.html
 */
export const rdsMultiAz: PolicyCheck = (r, plan) => {
  if (r.type === "aws_db_instance") return isAuroraEngine(r) ? NOT_APPLICABLE : requireBool(r, "multi_az", true, false);
  if (isMultiAzDbCluster(r)) return COMPLIANT;
  if (isServerlessV1(r)) return NOT_APPLICABLE;
  const instances = instancesByCluster(plan).get(r) ?? [];
  if (instances.length === 0 || instances.some((i) => i.attributes.count !== undefined || i.attributes.for_each !== undefined))
    return NOT_APPLICABLE;
  const [first] = instances;
  if (instances.length === 1 && autoscaledReplicas(r, plan) === 0)
    return nonCompliant(`the cluster has one instance (${first?.address}): nothing to fail over to`);
  if (instances.length === 1) return COMPLIANT;
  const zones = instances.map((i) => stringAttr(i.attributes.availability_zone));
  if (zones.some((z) => typeof z !== "string")) return COMPLIANT;
  return new Set(zones).size === 1 ? nonCompliant(`all ${instances.length} instances are in ${String(zones[0])}`) : COMPLIANT;
};

/** The most Aurora Replicas an `aws_appautoscaling_target` of the cluster's readers keeps at least. */
function autoscaledReplicas(cluster: PlanResource, plan: PlanView): number {
  const id = stringAttr(cluster.attributes.cluster_identifier);
  let most = 0;
  for (const t of plan.ofType("aws_appautoscaling_target")) {
    const a = t.attributes;
    if (stringAttr(a.service_namespace) !== "rds" || stringAttr(a.scalable_dimension) !== "rds:cluster:ReadReplicaCount") continue;
    const resource = a.resource_id;
    const mine = plan.mentions(resource, cluster) || (typeof id === "string" && stringAttr(resource) === `cluster:${id}`);
    const min = numberAttr(a.min_capacity);
    if (mine && typeof min === "number") most = Math.max(most, min);
  }
  return most;
}

/**
 * Each cluster's instances, in plan order, built once per plan: an instance belongs to the
 * cluster its `cluster_identifier` references, and to every cluster whose literal identifier it
 * names.
 */
function instancesByCluster(plan: PlanView): ReadonlyMap<PlanResource, readonly PlanResource[]> {
  return plan.index("rds-multi-az:instances-by-cluster", () => {
    const byIdentifier = new Map<string, PlanResource[]>();
    for (const c of plan.ofType("aws_rds_cluster")) {
      const id = stringAttr(c.attributes.cluster_identifier);
      if (typeof id !== "string") continue;
      const list = byIdentifier.get(id);
      if (list) list.push(c);
      else byIdentifier.set(id, [c]);
    }
    const out = new Map<PlanResource, PlanResource[]>();
    for (const i of plan.ofType("aws_rds_cluster_instance")) {
      const ref = i.attributes.cluster_identifier;
      const literal = stringAttr(ref);
      const clusters = new Set([plan.target(ref)?.resource, ...(typeof literal === "string" ? (byIdentifier.get(literal) ?? []) : [])]);
      for (const c of clusters) {
        if (!c) continue;
        const list = out.get(c);
        if (list) list.push(i);
        else out.set(c, [i]);
      }
    }
    return out;
  });
}
