import type { PlanResource, PlanView } from "../plan-view";
import { blockAttr, type Known, numberAttr, stringAttr, UNKNOWN } from "../values";

/**
 * Whether an Auto Scaling group runs spot capacity: a mixed instances policy with less than 100 %
 * on-demand above the base (AWS default: 100 %), or a launch template that requests spot.
 */
export function usesSpot(asg: PlanResource, plan: PlanView): Known<boolean> {
  const mixed = blockAttr(asg.attributes, "mixed_instances_policy");
  if (mixed === UNKNOWN) return UNKNOWN;
  if (mixed) {
    const distribution = blockAttr(mixed, "instances_distribution");
    if (distribution === UNKNOWN) return UNKNOWN;
    const onDemandPercent = numberAttr(distribution?.on_demand_percentage_above_base_capacity) ?? 100;
    if (onDemandPercent === UNKNOWN) return UNKNOWN;
    if (onDemandPercent < 100) return true;
  }
  let unknown = false;
  for (const template of launchTemplates(asg, plan)) {
    const market = blockAttr(template.attributes, "instance_market_options");
    const type = market === UNKNOWN ? UNKNOWN : stringAttr(market?.market_type);
    if (type === "spot") return true;
    if (type === UNKNOWN) unknown = true;
  }
  return unknown ? UNKNOWN : false;
}

/** The `aws_launch_template`s of the plan the group launches from (directly or via its mixed instances policy). */
function launchTemplates(asg: PlanResource, plan: PlanView): PlanResource[] {
  const specs: unknown[] = [];
  const direct = blockAttr(asg.attributes, "launch_template");
  if (direct && direct !== UNKNOWN) specs.push(direct.id, direct.name);
  const mixed = blockAttr(asg.attributes, "mixed_instances_policy");
  const template = mixed && mixed !== UNKNOWN ? blockAttr(mixed, "launch_template") : undefined;
  const spec = template && template !== UNKNOWN ? blockAttr(template, "launch_template_specification") : undefined;
  if (spec && spec !== UNKNOWN) specs.push(spec.launch_template_id, spec.launch_template_name);
  return specs.map((s) => plan.target(s)?.resource).filter((t): t is PlanResource => t !== undefined && t.type === "aws_launch_template");
}
