import { NOT_APPLICABLE, type PolicyCheck } from "../outcome";
import { requireBool } from "./attribute-checks";
import { usesSpot } from "./spot-usage";

/**
 * RES-ASG-CAPACITY-REBALANCE: a spot Auto Scaling group has `capacity_rebalance` on (default
 * false), so it launches a replacement on a rebalance recommendation instead of waiting for the
 * two-minute interruption notice. On-demand groups are not concerned.
 */
export const asgCapacityRebalance: PolicyCheck = (r, plan) =>
  usesSpot(r, plan) === true ? requireBool(r, "capacity_rebalance", true, false) : NOT_APPLICABLE;
