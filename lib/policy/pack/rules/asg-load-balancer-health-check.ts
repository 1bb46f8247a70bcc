import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyCheck } from "../outcome";
import type { PlanResource, PlanView } from "../plan-view";
import { blocksAttr, type Known, show, stringAttr, stringListAttr, UNKNOWN } from "../values";

/** Health check types that follow the traffic source's own checks. */
const TRAFFIC_HEALTH_CHECKS = new Set(["ELB", "VPC_LATTICE"]);

/**
 * RES-ASG-HEALTH-CHECK (checkov CKV2_AWS_15 semantics): a group behind a load balancer (or another
 * traffic source) uses its health checks (`health_check_type = "ELB"`), so an instance that
 * stops serving is replaced, not just one that stops running. The default, "EC2", only sees the
 * instance's status checks.
 */
export const asgLoadBalancerHealthCheck: PolicyCheck = (r, plan) => {
  if (receivesTraffic(r, plan) !== true) return NOT_APPLICABLE;
  const raw = r.attributes.health_check_type;
  const type = stringAttr(raw) ?? "EC2";
  if (type === UNKNOWN) return NOT_APPLICABLE;
  if (TRAFFIC_HEALTH_CHECKS.has(type)) return COMPLIANT;
  return nonCompliant(
    `the group receives load-balancer traffic but health_check_type is ${raw === undefined ? "not set (default EC2)" : show(raw)}`,
  );
};

function receivesTraffic(asg: PlanResource, plan: PlanView): Known<boolean> {
  let unknown = false;
  for (const attribute of ["target_group_arns", "load_balancers"]) {
    const list = stringListAttr(asg.attributes[attribute]);
    if (list === UNKNOWN) unknown = true;
    else if (list && list.length > 0) return true;
  }
  const sources = blocksAttr(asg.attributes, "traffic_source");
  if (sources === UNKNOWN) unknown = true;
  else if (sources.length > 0) return true;
  const name = stringAttr(asg.attributes.name);
  const attachments = [...plan.ofType("aws_autoscaling_attachment"), ...plan.ofType("aws_autoscaling_traffic_source_attachment")];
  for (const a of attachments) {
    const group = a.attributes.autoscaling_group_name;
    if (plan.refersTo(group, asg) || (typeof name === "string" && stringAttr(group) === name)) return true;
  }
  return unknown ? UNKNOWN : false;
}
