/** Operations nodes: EventBridge rules and targets, AWS Backup, Redshift snapshot schedules and scheduled actions. */
import type { PlanProblem } from "./plan-error";
import type { PlanReader } from "./plan-reader";
import { maybe } from "./plan-reader";
import type { Link } from "./topology";
import type {
  BackupPlanNode,
  BackupSelectionNode,
  BackupVaultNode,
  EventRuleNode,
  ScheduledActionNode,
  SnapshotScheduleNode,
} from "./topology-infrastructure";

const REDSHIFT = ["aws_redshift_cluster"];

export function buildEventRules(p: PlanReader, problems: PlanProblem[]): EventRuleNode[] {
  const targets = p.byType("aws_cloudwatch_event_target");
  return p.byType("aws_cloudwatch_event_rule").map((n) => {
    const patternText = p.str(n.body.event_pattern);
    let eventPattern: unknown;
    if (patternText !== undefined)
      try {
        eventPattern = JSON.parse(patternText);
      } catch (e) {
        problems.push({
          path: `$.resource.aws_cloudwatch_event_rule.${n.name}.event_pattern`,
          message: `it is not JSON (${(e as Error).message})`,
          expected: 'an EventBridge event pattern as a JSON string, e.g. "{\\"source\\":[\\"aws.ec2\\"]}"',
        });
      }
    const name = p.str(n.body.name) ?? n.name;
    const state = p.str(n.body.state);
    return {
      address: n.address,
      name,
      ...(eventPattern !== undefined ? { eventPattern } : {}),
      ...maybe("scheduleExpression", p.str(n.body.schedule_expression)),
      enabled: state !== undefined ? state !== "DISABLED" : (p.bool(n.body.is_enabled) ?? true),
      eventBus: p.str(n.body.event_bus_name) ?? "default",
      targets: targets
        .filter((t) => {
          const rule = p.link(t.body.rule, ["aws_cloudwatch_event_rule"]);
          return rule !== undefined && "address" in rule && rule.address === n.address;
        })
        .map((t) => ({
          address: t.address,
          targetId: p.str(t.body.target_id) ?? t.name,
          arn: p.link(t.body.arn) ?? { external: "unknown" },
        })),
      ...p.tagged(n),
    };
  });
}

/** `aliasRegions`: region of each provider alias (`aws.dr` → `us-west-2`). */
export function buildBackupVaults(p: PlanReader, aliasRegions: ReadonlyMap<string, string>): BackupVaultNode[] {
  const locks = p.byType("aws_backup_vault_lock_configuration");
  return p.byType("aws_backup_vault").map((n) => {
    const provider = p.str(n.body.provider);
    const lock = locks.find((l) => {
      const vault = p.link(l.body.backup_vault_name, ["aws_backup_vault"]);
      return vault !== undefined && "address" in vault && vault.address === n.address;
    });
    return {
      address: n.address,
      name: p.str(n.body.name) ?? n.name,
      ...maybe("kmsKey", p.link(n.body.kms_key_arn, ["aws_kms_key"])),
      ...maybe("region", p.str(n.body.region) ?? (provider === undefined ? undefined : aliasRegions.get(provider))),
      ...maybe(
        "lock",
        lock && {
          ...maybe("minRetentionDays", p.num(lock.body.min_retention_days)),
          ...maybe("maxRetentionDays", p.num(lock.body.max_retention_days)),
          mode: p.num(lock.body.changeable_for_days) === undefined ? ("governance" as const) : ("compliance" as const),
        },
      ),
    };
  });
}

export function buildBackupPlans(p: PlanReader): BackupPlanNode[] {
  const vault = (v: unknown): Link => p.link(v, ["aws_backup_vault"]) ?? { external: "unknown" };
  return p.byType("aws_backup_plan").map((n) => ({
    address: n.address,
    name: p.str(n.body.name) ?? n.name,
    rules: p.blocks(n.body.rule).map((rule) => ({
      name: p.str(rule.rule_name) ?? "",
      vault: vault(rule.target_vault_name),
      schedule: p.str(rule.schedule) ?? "cron(0 5 ? * * *)",
      startWindowMinutes: p.num(rule.start_window) ?? 480,
      completionWindowMinutes: p.num(rule.completion_window) ?? 10_080,
      ...maybe("deleteAfterDays", p.num(p.block(rule.lifecycle)?.delete_after)),
      ...maybe("coldStorageAfterDays", p.num(p.block(rule.lifecycle)?.cold_storage_after)),
      continuousBackup: p.bool(rule.enable_continuous_backup) ?? false,
      copyActions: p.blocks(rule.copy_action).map((c) => ({
        destinationVault: vault(c.destination_vault_arn),
        ...maybe("deleteAfterDays", p.num(p.block(c.lifecycle)?.delete_after)),
        ...maybe("coldStorageAfterDays", p.num(p.block(c.lifecycle)?.cold_storage_after)),
      })),
    })),
    ...p.tagged(n),
  }));
}

export function buildBackupSelections(p: PlanReader): BackupSelectionNode[] {
  return p.byType("aws_backup_selection").map((n) => ({
    address: n.address,
    name: p.str(n.body.name) ?? n.name,
    plan: p.link(n.body.plan_id, ["aws_backup_plan"]) ?? { external: "unknown" },
    resources: p.links(n.body.resources),
    selectionTags: p
      .blocks(n.body.selection_tag)
      .map((t) => ({ key: p.str(t.key) ?? "", value: p.str(t.value) ?? "" }))
      .filter((t) => t.key !== ""),
  }));
}

export function buildSnapshotSchedules(p: PlanReader): SnapshotScheduleNode[] {
  const associations = p.byType("aws_redshift_snapshot_schedule_association");
  return p.byType("aws_redshift_snapshot_schedule").map((n) => ({
    address: n.address,
    ...maybe("identifier", p.str(n.body.identifier)),
    definitions: p.strings(n.body.definitions),
    clusters: associations
      .filter((a) => {
        const s = p.link(a.body.schedule_identifier, ["aws_redshift_snapshot_schedule"]);
        return s !== undefined && "address" in s && s.address === n.address;
      })
      .map((a) => p.link(a.body.cluster_identifier, REDSHIFT) ?? { external: "unknown" }),
    ...p.tagged(n),
  }));
}

export function buildScheduledActions(p: PlanReader): ScheduledActionNode[] {
  return p.byType("aws_redshift_scheduled_action").map((n) => {
    const target = p.block(n.body.target_action) ?? {};
    const [action, body] = (["pause", "resume", "resize"] as const)
      .map((a) => [a, p.block(target[`${a}_cluster`])] as const)
      .find(([, b]) => b !== undefined) ?? ["pause", undefined];
    return {
      address: n.address,
      name: p.str(n.body.name) ?? n.name,
      schedule: p.str(n.body.schedule) ?? "",
      action,
      cluster: p.link(body?.cluster_identifier, REDSHIFT) ?? { external: "unknown" },
      enabled: p.bool(n.body.enable) ?? true,
    };
  });
}
