/** Storage nodes: restores, snapshot policies and copies, database schedules, restore tests. */

import { record } from "./hcl/values";
import { maybe, type PlanReader } from "./plan-reader";
import type { ResourceNode } from "./resources";
import type { Link } from "./topology";
import type {
  DatabaseScheduleNode,
  RestoreNode,
  RestoreTestNode,
  SnapshotCopyNode,
  StorageTopology,
  VolumeSnapshotPolicyNode,
} from "./topology-storage";

const RESTORABLE = ["aws_rds_cluster", "aws_db_instance", "aws_redshift_cluster"];
const RDS = ["aws_rds_cluster", "aws_db_instance"];

export function buildStorage(p: PlanReader): StorageTopology {
  return {
    restores: buildRestores(p),
    volumeSnapshotPolicies: buildVolumeSnapshotPolicies(p),
    snapshotCopies: buildSnapshotCopies(p),
    databaseSchedules: buildDatabaseSchedules(p),
    restoreTests: buildRestoreTests(p),
  };
}

/** True when `lifecycle.ignore_changes` names the attribute (or is `all`). */
function ignores(p: PlanReader, n: ResourceNode, attribute: string): boolean {
  const ignored = p.block(n.body.lifecycle)?.ignore_changes;
  if (ignored === "all") return true;
  return Array.isArray(ignored) && ignored.some((x) => x === attribute || x === "all");
}

export function buildRestores(p: PlanReader): RestoreNode[] {
  const out: RestoreNode[] = [];
  for (const type of RESTORABLE)
    for (const n of p.byType(type)) {
      const snapshot = p.str(n.body.snapshot_identifier);
      const pitr = p.block(n.body.restore_to_point_in_time);
      if (pitr) {
        const sourceValue = type === "aws_db_instance" ? pitr.source_db_instance_identifier : pitr.source_cluster_identifier;
        const at = p.str(type === "aws_db_instance" ? pitr.restore_time : pitr.restore_to_time);
        out.push({
          address: n.address,
          kind: p.str(pitr.restore_type) === "copy-on-write" ? "clone" : "point-in-time",
          ...maybe("source", p.link(sourceValue, [type])),
          ...maybe("at", at),
          latest: p.bool(pitr.use_latest_restorable_time) ?? false,
          ignoresSourceChanges: ignores(p, n, "restore_to_point_in_time"),
        });
      } else if (snapshot !== undefined)
        out.push({
          address: n.address,
          kind: "snapshot",
          snapshot,
          latest: false,
          ignoresSourceChanges: ignores(p, n, "snapshot_identifier"),
        });
    }
  return out;
}

export function buildVolumeSnapshotPolicies(p: PlanReader): VolumeSnapshotPolicyNode[] {
  return p.byType("aws_dlm_lifecycle_policy").map((n) => {
    const details = p.block(n.body.policy_details) ?? {};
    const targetTags = record<string>();
    const tags = details.target_tags;
    if (tags && typeof tags === "object")
      for (const [k, v] of Object.entries(tags)) {
        const value = p.str(v);
        if (value !== undefined) targetTags[k] = value;
      }
    return {
      address: n.address,
      enabled: (p.str(n.body.state) ?? "ENABLED") === "ENABLED",
      targetTags,
      schedules: p.blocks(details.schedule).map((s) => {
        const create = p.block(s.create_rule) ?? {};
        const retain = p.block(s.retain_rule) ?? {};
        const unit = p.str(create.interval_unit) ?? "HOURS";
        const interval = p.num(create.interval);
        const retainInterval = p.num(retain.interval);
        const retainUnit = p.str(retain.interval_unit);
        const days = retainInterval === undefined ? undefined : retainInterval * (RETAIN_UNIT_DAYS[retainUnit ?? "DAYS"] ?? 1);
        return {
          name: p.str(s.name) ?? "",
          ...maybe("intervalHours", interval === undefined || unit !== "HOURS" ? undefined : interval),
          ...maybe("cron", p.str(create.cron_expression)),
          ...maybe("retainDays", days),
          ...maybe("retainCount", p.num(retain.count)),
        };
      }),
    };
  });
}

/** Days per DLM retain_rule interval unit. */
const RETAIN_UNIT_DAYS: Readonly<Record<string, number>> = { DAYS: 1, WEEKS: 7, MONTHS: 30, YEARS: 365 };

export function buildSnapshotCopies(p: PlanReader): SnapshotCopyNode[] {
  return p.byType("aws_redshift_snapshot_copy").map((n) => ({
    address: n.address,
    cluster: p.link(n.body.cluster_identifier, ["aws_redshift_cluster"]) ?? { external: "unknown" },
    destinationRegion: p.str(n.body.destination_region) ?? "unknown",
    retentionDays: p.num(n.body.retention_period) ?? 7,
  }));
}

const UNIVERSAL_TARGET = /^arn:aws[a-z-]*:scheduler:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)$/;
const RDS_ACTION: Readonly<Record<string, string>> = {
  stopDBCluster: "stop",
  startDBCluster: "start",
  stopDBInstance: "stop",
  startDBInstance: "start",
};

export function buildDatabaseSchedules(p: PlanReader): DatabaseScheduleNode[] {
  return p.byType("aws_scheduler_schedule").map((n) => {
    const target = p.block(n.body.target) ?? {};
    const arn = p.str(target.arn) ?? "";
    const [, service, call = ""] = UNIVERSAL_TARGET.exec(arn) ?? [];
    const rds = service === "rds";
    return {
      address: n.address,
      name: p.str(n.body.name) ?? n.name,
      schedule: p.str(n.body.schedule_expression) ?? "",
      timezone: p.str(n.body.schedule_expression_timezone) ?? "UTC",
      enabled: (p.str(n.body.state) ?? "ENABLED") === "ENABLED",
      action: rds ? (RDS_ACTION[call] ?? call) : arn,
      ...maybe("database", rds ? inputDatabase(p, target.input) : undefined),
    };
  });
}

/** The cluster or instance an RDS call's JSON input names (the identifier may be a `${...}` reference inside the JSON). */
function inputDatabase(p: PlanReader, input: unknown): Link | undefined {
  if (typeof input !== "string") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object") return undefined;
  const body = parsed as Record<string, unknown>;
  const id = body.DbClusterIdentifier ?? body.DBClusterIdentifier ?? body.DbInstanceIdentifier ?? body.DBInstanceIdentifier;
  return typeof id === "string" ? p.link(id, RDS) : undefined;
}

export function buildRestoreTests(p: PlanReader): RestoreTestNode[] {
  const selections = p.byType("aws_backup_restore_testing_selection");
  return p.byType("aws_backup_restore_testing_plan").map((n) => {
    const name = p.str(n.body.name) ?? n.name;
    const selection = p.block(n.body.recovery_point_selection) ?? {};
    return {
      address: n.address,
      name,
      schedule: p.str(n.body.schedule_expression) ?? "",
      vaults: p.links(selection.include_vaults, ["aws_backup_vault"]),
      recoveryPointTypes: p.strings(selection.recovery_point_types),
      selectionWindowDays: p.num(selection.selection_window_days) ?? 30,
      selections: selections
        .filter((s) => {
          const plan = p.resolver.target(s.body.restore_testing_plan_name);
          return plan ? plan.address === n.address : p.str(s.body.restore_testing_plan_name) === name;
        })
        .map((s) => ({
          address: s.address,
          resourceType: p.str(s.body.protected_resource_type) ?? "",
          resources: p.links(s.body.protected_resource_arns),
          validationWindowHours: p.num(s.body.validation_window_hours) ?? 0,
        })),
    };
  });
}
