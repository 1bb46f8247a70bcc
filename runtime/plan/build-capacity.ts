/** Capacity nodes: reservations, launch templates and Auto Scaling groups. */
import { TAG } from "../../lib/contract/plan-contract";
import type { PlanProblem } from "./plan-error";
import type { PlanReader } from "./plan-reader";
import { maybe } from "./plan-reader";
import type { ResourceNode } from "./resources";
import type { AutoScalingGroupNode, CapacityReservationNode, LaunchTemplateNode } from "./topology-infrastructure";

export function buildCapacityReservations(p: PlanReader): CapacityReservationNode[] {
  return p.byType("aws_ec2_capacity_reservation").map((n) => ({
    address: n.address,
    instanceType: p.str(n.body.instance_type) ?? "unknown",
    ...maybe("availabilityZone", p.str(n.body.availability_zone)),
    instanceCount: p.num(n.body.instance_count) ?? 0,
    platform: p.str(n.body.instance_platform) ?? "Linux/UNIX",
    matchCriteria: p.str(n.body.instance_match_criteria) === "targeted" ? "targeted" : "open",
    ...p.tagged(n),
  }));
}

export function buildLaunchTemplates(p: PlanReader): LaunchTemplateNode[] {
  return p.byType("aws_launch_template").map((n) => {
    const crs = p.block(n.body.capacity_reservation_specification);
    const target = crs ? p.block(crs.capacity_reservation_target) : undefined;
    const targetLink = target ? p.link(target.capacity_reservation_id, ["aws_ec2_capacity_reservation"]) : undefined;
    const preference = crs ? p.str(crs.capacity_reservation_preference) : undefined;
    return {
      address: n.address,
      ...maybe("name", p.str(n.body.name)),
      ...maybe("instanceType", p.str(n.body.instance_type)),
      ...(crs ? { capacityReservation: { ...maybe("preference", preference), ...maybe("target", targetLink) } } : {}),
      spot: p.str(p.block(n.body.instance_market_options)?.market_type) === "spot",
    };
  });
}

export function buildAutoScalingGroups(p: PlanReader, templates: readonly LaunchTemplateNode[]): AutoScalingGroupNode[] {
  return p.byType("aws_autoscaling_group").map((n) => {
    const mixed = p.block(n.body.mixed_instances_policy);
    const distribution = mixed ? p.block(mixed.instances_distribution) : undefined;
    const mixedTemplate = mixed ? p.block(mixed.launch_template) : undefined;
    const spec = p.block(mixedTemplate?.launch_template_specification) ?? p.block(n.body.launch_template);
    const templateRef = spec ? (spec.launch_template_id ?? spec.id ?? spec.launch_template_name ?? spec.name) : undefined;
    const launchTemplate = p.link(templateRef, ["aws_launch_template"]);
    const template =
      launchTemplate && "address" in launchTemplate ? templates.find((t) => t.address === launchTemplate.address) : undefined;
    const overrides = p
      .blocks(mixedTemplate?.override)
      .map((o) => p.str(o.instance_type))
      .filter((t): t is string => t !== undefined);
    const zones = p.strings(n.body.availability_zones);
    const minSize = p.num(n.body.min_size) ?? 0;
    return {
      address: n.address,
      ...maybe("name", p.str(n.body.name)),
      minSize,
      maxSize: p.num(n.body.max_size) ?? minSize,
      desiredCapacity: p.num(n.body.desired_capacity) ?? minSize,
      zones: zones.length ? [...new Set(zones)].sort() : p.subnetZones(n.body.vpc_zone_identifier),
      ...maybe("launchTemplate", launchTemplate),
      instanceTypes: [...new Set([...(template?.instanceType ? [template.instanceType] : []), ...overrides])],
      ...(mixed
        ? {
            mixed: {
              onDemandBase: p.num(distribution?.on_demand_base_capacity) ?? 0,
              onDemandPercentAboveBase: p.num(distribution?.on_demand_percentage_above_base_capacity) ?? 100,
              spotAllocationStrategy: p.str(distribution?.spot_allocation_strategy) ?? "lowest-price",
              ...maybe("spotMaxPrice", p.str(distribution?.spot_max_price)),
            },
          }
        : {}),
      capacityRebalance: p.bool(n.body.capacity_rebalance) ?? false,
      ...maybe("designatedCount", designatedCountTag(p, n)),
      ...p.tagged(n),
    };
  });
}

/** The `resilience:designated-count` tag as a whole number; anything else is left out here and reported by {@link designatedCountProblems}. */
function designatedCountTag(p: PlanReader, n: ResourceNode): number | undefined {
  const raw = { ...p.tags(n), ...p.keyValues(n.body.tag) }[TAG.designatedCount];
  return raw !== undefined && /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
}

/** A designated-count tag that is not a whole number ≥ 1: the runtime would not know what to hand over. */
export function designatedCountProblems(p: PlanReader): PlanProblem[] {
  return p.byType("aws_autoscaling_group").flatMap((n): PlanProblem[] => {
    const raw = { ...p.tags(n), ...p.keyValues(n.body.tag) }[TAG.designatedCount];
    return raw === undefined || designatedCountTag(p, n) !== undefined
      ? []
      : [
          {
            path: `$.resource.${n.address}.tag`,
            message: `${TAG.designatedCount} is "${raw}"`,
            expected: "a whole number ≥ 1: how many instances are designated for the failover",
          },
        ];
  });
}
