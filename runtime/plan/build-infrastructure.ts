/**
 * Builds the infrastructure half of the topology (see `topology-infrastructure.ts`) and checks what
 * a schema cannot: event patterns that are not JSON, FIS actions naming targets or actions the
 * template does not define. Every problem is collected; the loader reports them all at once.
 */

import { SELECTION_MODE_EXPECTED, selectionModeProblem } from "./aws-limits";
import { buildAutoScalingGroups, buildCapacityReservations, buildLaunchTemplates, designatedCountProblems } from "./build-capacity";
import { buildDesignations } from "./build-designations";
import { buildDbProxies, buildDnsRecords, buildFisTemplates } from "./build-endpoints";
import {
  buildBackupPlans,
  buildBackupSelections,
  buildBackupVaults,
  buildEventRules,
  buildScheduledActions,
  buildSnapshotSchedules,
} from "./build-operations";
import { buildStorage } from "./build-storage";
import type { PlanFormat, PlanProblem } from "./plan-error";
import { PlanReader } from "./plan-reader";
import { buildProcessingNodes } from "./processing-nodes";
import type { Resolver } from "./resolve";
import type { ResourceNode } from "./resources";
import { STORAGE_TYPES } from "./schemas-storage";
import type { FisTemplateNode, InfrastructureTopology } from "./topology-infrastructure";

/** What the infrastructure builders read: the evaluated instances, outputs and providers' regions. */
export interface InfrastructureInput {
  readonly nodes: ReadonlyMap<string, ResourceNode>;
  readonly resolver: Resolver;
  /** Output name → value (contingency designations travel in outputs). */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** `aws` → the default provider's region, `aws.<alias>` → each alias's. */
  readonly providerRegions: ReadonlyMap<string, string>;
  readonly format: PlanFormat;
}

/** Resource types this part of the loader models (they are not opaque). */
export const INFRASTRUCTURE_TYPES: ReadonlySet<string> = new Set([
  "aws_ec2_capacity_reservation",
  "aws_launch_template",
  "aws_autoscaling_group",
  "aws_cloudwatch_event_rule",
  "aws_cloudwatch_event_target",
  "aws_backup_vault",
  "aws_backup_plan",
  "aws_backup_selection",
  "aws_redshift_snapshot_schedule",
  "aws_redshift_snapshot_schedule_association",
  "aws_redshift_scheduled_action",
  "aws_fis_experiment_template",
  "aws_route53_record",
  "aws_db_proxy",
  "aws_db_proxy_default_target_group",
  "aws_db_proxy_target",
  ...STORAGE_TYPES,
]);

export function buildInfrastructure(input: InfrastructureInput, problems: PlanProblem[]): InfrastructureTopology {
  const { nodes, resolver, providerRegions } = input;
  const p = new PlanReader(resolver, nodes);
  const launchTemplates = buildLaunchTemplates(p);
  const fisTemplates = buildFisTemplates(p);
  for (const t of fisTemplates) problems.push(...fisProblems(t, nodes.get(t.address)?.path ?? `$.resource.${t.address}`));
  const capacityReservations = buildCapacityReservations(p);
  const autoScalingGroups = buildAutoScalingGroups(p, launchTemplates);
  problems.push(...designatedCountProblems(p));
  return {
    regions: regionsOf(providerRegions, nodes),
    capacityReservations,
    launchTemplates,
    autoScalingGroups,
    contingencyDesignations: buildDesignations(input.outputs, autoScalingGroups, capacityReservations, problems, input.format),
    eventRules: buildEventRules(p, problems),
    backupVaults: buildBackupVaults(p, aliasRegions(providerRegions)),
    backupPlans: buildBackupPlans(p),
    backupSelections: buildBackupSelections(p),
    snapshotSchedules: buildSnapshotSchedules(p),
    scheduledActions: buildScheduledActions(p),
    fisTemplates,
    dnsRecords: buildDnsRecords(p),
    dbProxies: buildDbProxies(p),
    ...buildStorage(p),
    ...buildProcessingNodes(p, problems),
  };
}

/** `aws.<alias>` → region, for provider blocks with an alias and a region. */
function aliasRegions(providerRegions: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...providerRegions].filter(([k]) => k.startsWith("aws.")));
}

/** Regions of the AWS provider blocks (aliases included) and of instances' own regions (provider v6). */
function regionsOf(providerRegions: ReadonlyMap<string, string>, nodes: ReadonlyMap<string, ResourceNode>): string[] {
  const found = new Set(providerRegions.values());
  for (const n of nodes.values()) if (n.region !== undefined) found.add(n.region);
  return [...found].sort();
}

function fisProblems(t: FisTemplateNode, base: string): PlanProblem[] {
  const out: PlanProblem[] = [];
  const targetNames = new Set(t.targets.map((x) => x.name));
  const actionNames = new Set(t.actions.map((a) => a.name));
  t.actions.forEach((a, i) => {
    for (const [key, target] of Object.entries(a.targets))
      if (!targetNames.has(target))
        out.push({
          path: `${base}.action[${i}].target`,
          message: `${key} names target '${target}', which the template does not define`,
          expected: `the name of one of the template's targets (${[...targetNames].join(", ") || "none defined"})`,
        });
    for (const after of a.startAfter)
      if (!actionNames.has(after))
        out.push({
          path: `${base}.action[${i}].start_after`,
          message: `names action '${after}', which the template does not define`,
          expected: `the name of another action of the template (${[...actionNames].join(", ")})`,
        });
  });
  t.targets.forEach((x, i) => {
    const why = selectionModeProblem(x.selectionMode);
    if (why) out.push({ path: `${base}.target[${i}].selection_mode`, message: why, expected: SELECTION_MODE_EXPECTED });
  });
  return out;
}
