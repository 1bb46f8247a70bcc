/**
 * Processing nodes: resources a plan tags `resilience:role = processing` — hosts whose
 * processes form processing groups in the host's shared memory. The emulator places those groups
 * on the node's zone, so an AZ outage takes them down with the host. The zones come from the
 * usual attributes (`availability_zone`, `availability_zones`, `subnet_id`, `vpc_zone_identifier`,
 * `subnet_ids`); a node with more than one zone (an Auto Scaling group) is replaced in a surviving
 * zone, one with a single zone is lost with it.
 */
import { TAG } from "../../lib/contract/plan-contract";
import type { PlanProblem } from "./plan-error";
import type { PlanReader } from "./plan-reader";

export interface ProcessingNode {
  readonly address: string;
  readonly type: string;
  /** Zones the node may run in, sorted; empty when the plan does not say (no outage reaches it). */
  readonly zones: readonly string[];
  /** `resilience:processing-groups`, default 1. */
  readonly groups: number;
  /** `resilience:compute-processes` per group, default 3 (a leader and three computes per group). */
  readonly computeProcesses: number;
}

const DEFAULT_GROUPS = 1;
const DEFAULT_COMPUTE = 3;
/** The engine's limit on groups per host (one arena id each). */
const MAX_GROUPS = 250;

/** `{ processingNodes }` when the plan tags any, else `{}` (plans without them load as before). */
export function buildProcessingNodes(p: PlanReader, problems: PlanProblem[]): { processingNodes?: readonly ProcessingNode[] } {
  const out: ProcessingNode[] = [];
  for (const n of p.nodes.values()) {
    if (n.mode !== "managed") continue;
    const tags = { ...p.tags(n), ...p.keyValues(n.body.tag) };
    if (tags[TAG.role] !== "processing") continue;
    const count = (key: string, fallback: number, max: number) => {
      const raw = tags[key];
      if (raw === undefined) return fallback;
      const v = Number(raw);
      if (Number.isInteger(v) && v >= 1 && v <= max) return v;
      problems.push({
        path: `${n.path}.tags["${key}"]`,
        message: `found "${raw}"`,
        expected: `a whole number from 1 to ${max} (processingNodeTags() writes it)`,
      });
      return fallback;
    };
    const single = p.str(n.body.availability_zone);
    const zones = [
      ...(single !== undefined ? [single] : []),
      ...p.strings(n.body.availability_zones),
      ...p.subnetZones(n.body.subnet_id),
      ...p.subnetZones(n.body.subnet_ids),
      ...p.subnetZones(n.body.vpc_zone_identifier),
    ];
    out.push({
      address: n.address,
      type: n.type,
      zones: [...new Set(zones)].sort(),
      groups: count(TAG.processingGroups, DEFAULT_GROUPS, MAX_GROUPS),
      computeProcesses: count(TAG.computeProcesses, DEFAULT_COMPUTE, 64),
    });
  }
  return out.length ? { processingNodes: out } : {};
}
