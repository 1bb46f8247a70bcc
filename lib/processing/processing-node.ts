/**
 * Marks a host as a processing node: the tags that tell the emulator its processes form
 * processing groups in the host's shared memory, so `emulate --scenario az-outage` loses those
 * groups with the host's zone and restarts them in a surviving zone when the resource can run in
 * one (an Auto Scaling group over several zones), or reports them lost. Spread the result into the
 * resource's `tags` (an `aws_instance`, an `aws_autoscaling_group`'s `tag` blocks, …).
 */

import { ROLES, TAG } from "../contract/plan-contract";
import { intInRange, parseProps } from "../private/props";
import { lazySchema } from "../private/zod";

export interface ProcessingNodeProps {
  /**
   * Processing groups (a leader and compute processes running one job together) on this host.
   * @default 1
   */
  readonly groups?: number;
  /**
   * Compute processes under each group's leader (a group is two or more processes, so at least
   * one compute process).
   * @default 3
   */
  readonly computeProcesses?: number;
}

const schema = lazySchema((z) =>
  z.strictObject({
    groups: intInRange(1, 250).optional(),
    computeProcesses: intInRange(1, 64).optional(),
  }),
);

const PROCESSING = ROLES[ROLES.indexOf("processing")] as "processing";

/** The `resilience:` tags of a processing node; throws one error naming every bad prop. */
export function processingNodeTags(props: ProcessingNodeProps = {}): Record<string, string> {
  const p = parseProps(schema(), "processingNodeTags", "processingNodeTags", props) as ProcessingNodeProps;
  return {
    [TAG.role]: PROCESSING,
    [TAG.processingGroups]: String(p.groups ?? 1),
    [TAG.computeProcesses]: String(p.computeProcesses ?? 3),
  };
}
