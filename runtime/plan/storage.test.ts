import { describe, expect, test } from "vitest";
import { isPlanError, type PlanError, planFromJson } from ".";

/** A hand-written plan (no constructs) with every storage resource type the loader reads. */
const plan = {
  provider: { aws: [{ region: "us-east-1" }] },
  resource: {
    aws_rds_cluster: {
      orders: { cluster_identifier: "orders", engine: "aurora-postgresql", storage_encrypted: true },
      clone: {
        cluster_identifier: "orders-clone",
        engine: "aurora-postgresql",
        restore_to_point_in_time: {
          source_cluster_identifier: "${aws_rds_cluster.orders.cluster_identifier}",
          restore_type: "copy-on-write",
          use_latest_restorable_time: true,
        },
        lifecycle: { ignore_changes: ["restore_to_point_in_time"] },
      },
      yesterday: {
        cluster_identifier: "orders-yesterday",
        engine: "aurora-postgresql",
        restore_to_point_in_time: { source_cluster_identifier: "orders", restore_to_time: "2026-03-01T09:30:00Z" },
      },
    },
    aws_redshift_cluster: {
      sales: { cluster_identifier: "sales", node_type: "ra3.xlplus", number_of_nodes: 2, snapshot_identifier: "sales-before-migration" },
    },
    aws_dlm_lifecycle_policy: {
      volumes: {
        description: "hourly",
        execution_role_arn: "arn:aws:iam::1:role/dlm",
        policy_details: {
          resource_types: ["VOLUME"],
          target_tags: { Backup: "hourly" },
          schedule: [
            {
              name: "every 1h",
              create_rule: { interval: 1, interval_unit: "HOURS" },
              retain_rule: { interval: 2, interval_unit: "WEEKS" },
            },
          ],
        },
      },
    },
    aws_redshift_snapshot_copy: {
      dr: { cluster_identifier: "${aws_redshift_cluster.sales.cluster_identifier}", destination_region: "us-east-2" },
    },
    aws_scheduler_schedule: {
      stop: {
        name: "orders-stop",
        schedule_expression: "cron(0 20 * * ? *)",
        flexible_time_window: { mode: "OFF" },
        target: {
          arn: "arn:aws:scheduler:::aws-sdk:rds:stopDBCluster",
          role_arn: "arn:aws:iam::1:role/s",
          input: '{"DbClusterIdentifier":"${aws_rds_cluster.orders.cluster_identifier}"}',
        },
      },
      other: {
        schedule_expression: "rate(1 hour)",
        state: "DISABLED",
        flexible_time_window: { mode: "OFF" },
        target: { arn: "arn:aws:sqs:us-east-1:1:q", role_arn: "arn:aws:iam::1:role/s" },
      },
    },
    aws_backup_vault: { main: { name: "main" } },
    aws_backup_vault_lock_configuration: {
      lock: { backup_vault_name: "${aws_backup_vault.main.name}", min_retention_days: 7, changeable_for_days: 3 },
    },
    aws_backup_plan: {
      monthly: {
        name: "monthly",
        rule: {
          rule_name: "monthly",
          target_vault_name: "main",
          lifecycle: { cold_storage_after: 30, delete_after: 365 },
          copy_action: {
            destination_vault_arn: "arn:aws:backup:us-west-2:1:backup-vault:dr",
            lifecycle: { cold_storage_after: 30, delete_after: 400 },
          },
        },
      },
    },
    aws_backup_restore_testing_plan: {
      weekly: {
        name: "weekly",
        schedule_expression: "cron(0 6 ? * SUN *)",
        recovery_point_selection: {
          algorithm: "LATEST_WITHIN_WINDOW",
          include_vaults: ["${aws_backup_vault.main.arn}"],
          recovery_point_types: ["SNAPSHOT"],
        },
      },
    },
    aws_backup_restore_testing_selection: {
      aurora: {
        name: "aurora",
        restore_testing_plan_name: "${aws_backup_restore_testing_plan.weekly.name}",
        protected_resource_type: "Aurora",
        protected_resource_arns: ["${aws_rds_cluster.orders.arn}"],
        iam_role_arn: "arn:aws:iam::1:role/b",
        validation_window_hours: 4,
      },
    },
  },
};

const t = planFromJson(plan, "storage.tf.json");

describe("loading the storage schedules and restores (hand-written plan)", () => {
  test("restores: a copy-on-write clone by reference, a point in time by identifier, a snapshot; and whether source changes are ignored", () => {
    expect(t.restores).toEqual([
      {
        address: "aws_rds_cluster.clone",
        kind: "clone",
        source: { address: "aws_rds_cluster.orders" },
        latest: true,
        ignoresSourceChanges: true,
      },
      {
        address: "aws_rds_cluster.yesterday",
        kind: "point-in-time",
        source: { address: "aws_rds_cluster.orders" },
        at: "2026-03-01T09:30:00Z",
        latest: false,
        ignoresSourceChanges: false,
      },
      {
        address: "aws_redshift_cluster.sales",
        kind: "snapshot",
        snapshot: "sales-before-migration",
        latest: false,
        ignoresSourceChanges: false,
      },
    ]);
  });

  test("a DLM policy keeps its target tags, interval in hours and retention in days", () => {
    expect(t.volumeSnapshotPolicies).toEqual([
      {
        address: "aws_dlm_lifecycle_policy.volumes",
        enabled: true,
        targetTags: { Backup: "hourly" },
        schedules: [{ name: "every 1h", intervalHours: 1, retainDays: 14 }],
      },
    ]);
  });

  test("a Redshift snapshot copy names its cluster and destination, 7 days by default", () => {
    expect(t.snapshotCopies).toEqual([
      {
        address: "aws_redshift_snapshot_copy.dr",
        cluster: { address: "aws_redshift_cluster.sales" },
        destinationRegion: "us-east-2",
        retentionDays: 7,
      },
    ]);
  });

  test("an EventBridge Scheduler schedule calling RDS says stop or start and which cluster, read from its JSON input", () => {
    expect(t.databaseSchedules).toEqual([
      {
        address: "aws_scheduler_schedule.stop",
        name: "orders-stop",
        schedule: "cron(0 20 * * ? *)",
        timezone: "UTC",
        enabled: true,
        action: "stop",
        database: { address: "aws_rds_cluster.orders" },
      },
      {
        address: "aws_scheduler_schedule.other",
        name: "other",
        schedule: "rate(1 hour)",
        timezone: "UTC",
        enabled: false,
        action: "arn:aws:sqs:us-east-1:1:q",
      },
    ]);
  });

  test("a vault lock is read onto its vault; cold-storage transitions onto rules and copies", () => {
    expect(t.backupVaults[0]?.lock).toEqual({ minRetentionDays: 7, mode: "compliance" });
    expect(t.backupPlans[0]?.rules[0]).toMatchObject({
      deleteAfterDays: 365,
      coldStorageAfterDays: 30,
      copyActions: [
        { destinationVault: { external: "arn:aws:backup:us-west-2:1:backup-vault:dr" }, deleteAfterDays: 400, coldStorageAfterDays: 30 },
      ],
    });
  });

  test("a restore testing plan gathers its selections, linked by reference", () => {
    expect(t.restoreTests).toEqual([
      {
        address: "aws_backup_restore_testing_plan.weekly",
        name: "weekly",
        schedule: "cron(0 6 ? * SUN *)",
        vaults: [{ address: "aws_backup_vault.main" }],
        recoveryPointTypes: ["SNAPSHOT"],
        selectionWindowDays: 30,
        selections: [
          {
            address: "aws_backup_restore_testing_selection.aurora",
            resourceType: "Aurora",
            resources: [{ address: "aws_rds_cluster.orders" }],
            validationWindowHours: 4,
          },
        ],
      },
    ]);
  });

  test("none of these types is left opaque", () => {
    expect(t.opaque).toEqual([]);
  });

  test("a malformed storage resource is reported with its path and what was expected", () => {
    let problems: string[] = [];
    try {
      planFromJson({ resource: { aws_redshift_snapshot_copy: { dr: { cluster_identifier: "sales" } } } }, "plan.json");
    } catch (e) {
      if (isPlanError(e)) problems = (e as PlanError).problems.map((p) => `${p.path}: ${p.message}`);
    }
    expect(problems).toEqual(["$.resource.aws_redshift_snapshot_copy.dr.destination_region: it is missing"]);
  });
});
