import { describe, expect, test } from "vitest";
import { MINIMAL, newStack, only } from "../../test/helpers/databases";
import { Acknowledge, BackupRule, BackupSchedule, type BackupScheduleProps, MultiAzDatabase } from "..";
import type { TerraformStack } from "../private/cdktf";
import { policyReport, resourcesOfType, synth, synthJson, warningsOf } from "../testing";

function stackWithBackup(props: (dbs: { orders: MultiAzDatabase; warehouse: MultiAzDatabase }) => BackupScheduleProps) {
  const stack = newStack();
  const orders = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
  const warehouse = new MultiAzDatabase(stack, "Warehouse", MINIMAL.redshift);
  const backup = new BackupSchedule(stack, "Backups", props({ orders, warehouse }));
  return { stack, orders, warehouse, backup };
}

function synthError(stack: TerraformStack): string {
  try {
    synth(stack);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected synth to fail validation");
}

describe("BackupSchedule", () => {
  test("minimal configuration: a keyed vault, a daily plan kept 35 days, the database selected by ARN", () => {
    const stack = newStack();
    const orders = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
    new BackupSchedule(stack, "Backups", { protects: [orders] });
    const json = synthJson(stack);
    const backupTypes = Object.keys(json.resource ?? {}).filter((t) => t.startsWith("aws_backup") || t.startsWith("aws_iam"));
    expect(Object.fromEntries(backupTypes.map((t) => [t, resourcesOfType(json, t)]))).toMatchSnapshot();
  });

  test("daily at 03:00 kept 7 days with a copy to another Region", () => {
    const { stack } = stackWithBackup(({ orders }) => ({
      protects: [orders],
      rules: [BackupRule.daily({ at: "03:00", retentionDays: 7 })],
      copyTo: [{ region: "us-west-2" }],
    }));
    const json = synthJson(stack);
    const vaults = resourcesOfType(json, "aws_backup_vault");
    expect(Object.keys(vaults)).toHaveLength(2);
    const [copyAddress, copyVault] = Object.entries(vaults).find(([, v]) => v.region === "us-west-2") ?? [];
    expect(copyVault?.kms_key_arn).toMatch(/^\$\{aws_kms_key\.Backups_CopyKey-us-west-2_[0-9A-F]{8}\.arn\}$/);
    expect(only(json, "aws_backup_plan").rule).toEqual([
      {
        rule_name: "daily",
        schedule: "cron(0 3 * * ? *)",
        start_window: 60,
        completion_window: 1440,
        lifecycle: { delete_after: 7 },
        target_vault_name: expect.stringMatching(/^\$\{aws_backup_vault\.Backups_Vault_[0-9A-F]{8}\.name\}$/),
        copy_action: [{ destination_vault_arn: `\${aws_backup_vault.${copyAddress}.arn}`, lifecycle: { delete_after: 7 } }],
      },
    ]);
    const selection = only(json, "aws_backup_selection");
    expect(selection.plan_id).toMatch(/^\$\{aws_backup_plan\.Backups_[0-9A-F]{8}\.id\}$/);
    expect(selection.iam_role_arn).toMatch(/^\$\{aws_iam_role\.Backups_Role_[0-9A-F]{8}\.arn\}$/);
    expect(selection.resources).toEqual([expect.stringMatching(/^\$\{aws_rds_cluster\.Orders_[0-9A-F]{8}\.arn\}$/)]);
  });

  test("selecting by ARN satisfies the policy pack's backup-plan rule (checkov CKV2_AWS_8)", () => {
    const stack = newStack();
    const orders = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
    expect(policyReport(stack).warnings.map((f) => f.ruleId)).toContain("RES-RDS-BACKUP-PLAN");
    new BackupSchedule(stack, "Backups", { protects: [orders] });
    const report = policyReport(stack);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  test.each([
    ["daily", BackupRule.daily(), { rule_name: "daily", schedule: "cron(0 5 * * ? *)", lifecycle: { delete_after: 35 } }],
    ["weekly", BackupRule.weekly(), { rule_name: "weekly", schedule: "cron(0 5 ? * SAT *)", lifecycle: { delete_after: 90 } }],
    [
      "monthly1Year",
      BackupRule.monthly1Year(),
      { rule_name: "monthly-1y", schedule: "cron(0 5 1 * ? *)", lifecycle: { cold_storage_after: 30, delete_after: 365 } },
    ],
    [
      "monthly5Year",
      BackupRule.monthly5Year({ dayOfMonth: 15 }),
      { rule_name: "monthly-5y", schedule: "cron(0 5 15 * ? *)", lifecycle: { cold_storage_after: 90, delete_after: 1825 } },
    ],
    [
      "continuous",
      BackupRule.continuous({ retentionDays: 14 }),
      { rule_name: "continuous", enable_continuous_backup: true, schedule: "cron(0 5 * * ? *)", lifecycle: { delete_after: 14 } },
    ],
    [
      "custom",
      BackupRule.custom({ name: "quarterly", schedule: "cron(0 4 1 1,4,7,10 ? *)", retentionDays: 400, coldStorageAfterDays: 30 }),
      { rule_name: "quarterly", schedule: "cron(0 4 1 1,4,7,10 ? *)", lifecycle: { cold_storage_after: 30, delete_after: 400 } },
    ],
  ])("preset %s", (_name, rule, expected) => {
    const { stack } = stackWithBackup(({ orders }) => ({ protects: [orders], rules: [rule] }));
    expect((only(synthJson(stack), "aws_backup_plan").rule as unknown[])[0]).toMatchObject(expected);
  });

  test("a cross-account copy goes to the given vault, and no vault is created for it", () => {
    const central = "arn:aws:backup:us-east-1:222233334444:backup-vault:central";
    const { stack } = stackWithBackup(({ orders }) => ({ protects: [orders], copyTo: [{ vaultArn: central, retentionDays: 90 }] }));
    const json = synthJson(stack);
    expect(Object.keys(resourcesOfType(json, "aws_backup_vault"))).toHaveLength(1);
    expect((only(json, "aws_backup_plan").rule as { copy_action: unknown }[])[0]?.copy_action).toEqual([
      { destination_vault_arn: central, lifecycle: { delete_after: 90 } },
    ]);
  });

  test("a vault lock applies to the vault and to each copy vault the schedule creates", () => {
    const { stack } = stackWithBackup(({ orders }) => ({
      protects: [orders],
      copyTo: [{ region: "us-west-2" }],
      vaultLock: { minRetentionDays: 7, maxRetentionDays: 365 },
    }));
    const locks = Object.values(resourcesOfType(synthJson(stack), "aws_backup_vault_lock_configuration"));
    expect(locks.map((l) => [l.region ?? "stack's region", l.min_retention_days, l.max_retention_days]).sort()).toEqual([
      ["stack's region", 7, 365],
      ["us-west-2", 7, 365],
    ]);
  });

  test("restore testing restores the latest recovery point of each protected database, by resource type", () => {
    const { stack } = stackWithBackup(({ orders, warehouse }) => ({
      protects: [orders, warehouse],
      restoreTesting: { schedule: "sat 06:00" },
    }));
    const json = synthJson(stack);
    expect(only(json, "aws_backup_restore_testing_plan")).toMatchObject({
      name: "test_backups",
      schedule_expression: "cron(0 6 ? * SAT *)",
      recovery_point_selection: [{ algorithm: "LATEST_WITHIN_WINDOW", recovery_point_types: ["SNAPSHOT"], selection_window_days: 7 }],
    });
    const selections = Object.values(resourcesOfType(json, "aws_backup_restore_testing_selection"));
    expect(selections.map((s) => [s.protected_resource_type, (s.protected_resource_arns as string[]).length])).toEqual([
      ["Aurora", 1],
      ["Redshift", 1],
    ]);
  });

  test("the role AWS Backup assumes holds the AWS managed backup and restore policies", () => {
    const { stack } = stackWithBackup(({ orders }) => ({ protects: [orders] }));
    const json = synthJson(stack);
    expect(JSON.parse(only(json, "aws_iam_role").assume_role_policy as string).Statement[0].Principal).toEqual({
      Service: "backup.amazonaws.com",
    });
    expect(Object.values(resourcesOfType(json, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn)).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ]);
  });

  test("a given key is used and none is created", () => {
    const key = "arn:aws:kms:us-east-1:111122223333:key/backup";
    const stack = newStack();
    new BackupSchedule(stack, "Backups", { resourceArns: ["arn:aws:rds:us-east-1:111122223333:cluster:legacy"], kmsKeyArn: key });
    const json = synthJson(stack);
    expect(resourcesOfType(json, "aws_kms_key")).toEqual({});
    expect(only(json, "aws_backup_vault").kms_key_arn).toBe(key);
  });
});

describe("BackupSchedule validation", () => {
  /** [rule id, case, props, the exact line synth reports] */
  const ERROR_CASES: readonly [
    string,
    string,
    (dbs: { orders: MultiAzDatabase; warehouse: MultiAzDatabase }) => BackupScheduleProps,
    string,
  ][] = [
    [
      "resilience:backup-selects-nothing",
      "nothing protected",
      () => ({}),
      "protects: the plan selects no resource (got nothing in protects or resourceArns), so it backs up nothing. Fix: list the databases in protects (or ARNs in resourceArns)",
    ],
    [
      "resilience:backup-continuous-unsupported",
      "continuous backup of a warehouse",
      ({ warehouse }) => ({ protects: [warehouse], rules: [BackupRule.continuous()] }),
      "rules[0]: continuous backup (point-in-time restore) covers Aurora and RDS, not Redshift (test/Warehouse in protects[0]). Fix: back the warehouse up in a separate BackupSchedule with snapshot rules, or use a SnapshotSchedule",
    ],
    [
      "resilience:backup-cold-storage-too-short",
      "deleted 60 days after moving to cold storage",
      ({ orders }) => ({
        protects: [orders],
        rules: [BackupRule.custom({ name: "cold", schedule: "04:00", coldStorageAfterDays: 30, retentionDays: 90 })],
      }),
      "rules[0].retentionDays: keeps recovery points 90 days but moves them to cold storage after 30: cold storage needs at least 90 days (delete after ≥ cold storage after + 90). Fix: keep them at least 120 days, or move them to cold storage later",
    ],
    [
      "resilience:backup-cold-storage-too-short",
      "a copy kept shorter than its cold-storage minimum",
      ({ orders }) => ({ protects: [orders], rules: [BackupRule.monthly1Year()], copyTo: [{ region: "us-west-2", retentionDays: 100 }] }),
      "copyTo[0].retentionDays: keeps recovery points 100 days but moves them to cold storage after 30: cold storage needs at least 90 days (delete after ≥ cold storage after + 90). Fix: keep them at least 120 days, or move them to cold storage later",
    ],
    [
      "resilience:backup-window-order",
      "completion window not longer than the start window",
      ({ orders }) => ({ protects: [orders], rules: [BackupRule.daily({ startWindowMinutes: 120, completionWindowMinutes: 120 })] }),
      "rules[0].completionWindowMinutes: is 120, not longer than the start window (120); both count from the scheduled time, so a job that starts late is cancelled before it can finish. Fix: set completionWindowMinutes above 120",
    ],
    [
      "resilience:backup-rule-names-unique",
      "two daily rules",
      ({ orders }) => ({ protects: [orders], rules: [BackupRule.daily(), BackupRule.daily({ at: "17:00" })] }),
      "rules[1].name: 'daily' names two rules of the plan. Fix: give each rule its own name (the name option of the preset)",
    ],
    [
      "resilience:vault-lock-retention",
      "a rule kept shorter than the lock's minimum",
      ({ orders }) => ({ protects: [orders], rules: [BackupRule.daily({ retentionDays: 7 })], vaultLock: { minRetentionDays: 14 } }),
      "rules[0].retentionDays: keeps recovery points 7 days, outside the vault lock's 14–∞ days: AWS Backup fails every such job. Fix: keep them between 14 and any number of days, or change the lock",
    ],
  ];

  test.each(ERROR_CASES)("%s: %s", (_id, _case, props, line) => {
    const { stack } = stackWithBackup(props);
    expect(synthError(stack).split("\n")).toContain(`- [test/Backups] ${line}`);
  });

  test("every failing rule is reported at once, under one header", () => {
    const { stack } = stackWithBackup(({ warehouse }) => ({
      protects: [warehouse],
      rules: [BackupRule.continuous(), BackupRule.continuous()],
    }));
    const lines = synthError(stack).split("\n");
    expect(lines).toContain("  [test/Backups] BackupSchedule 'test/Backups' failed validation (2 problems):");
    expect(lines.filter((l) => l.startsWith("- [test/Backups] rules["))).toHaveLength(2);
  });

  test("ElastiCache cannot be protected: AWS Backup does not back it up", () => {
    const stack = newStack();
    const cache = new MultiAzDatabase(stack, "Cache", MINIMAL.elasticache);
    new BackupSchedule(stack, "Backups", { protects: [cache] });
    expect(synthError(stack)).toContain(
      "- [test/Backups] protects[0]: test/Cache is ElastiCache, which AWS Backup does not back up. Fix: rely on its automatic snapshots (backupRetentionDays on the MultiAzDatabase) and remove it from protects",
    );
  });

  test("compliance-mode vault lock warns, and the warning can be acknowledged", () => {
    const { stack, backup } = stackWithBackup(({ orders }) => ({
      protects: [orders],
      vaultLock: { minRetentionDays: 7, changeableForDays: 3 },
    }));
    synth(stack);
    expect(warningsOf(stack)).toEqual([
      "[test/Backups] vaultLock.changeableForDays: puts the vault in compliance mode: after 3 days nobody, root included, can remove the lock, shorten retention or delete the vault before its recovery points expire. Fix: leave changeableForDays out for governance mode, unless a regulation requires immutability (acknowledge with Acknowledge.of(scope).add('resilience:vault-lock-compliance', reason))",
    ]);
    const second = stackWithBackup(({ orders }) => ({ protects: [orders], vaultLock: { minRetentionDays: 7, changeableForDays: 3 } }));
    Acknowledge.of(second.backup).add("resilience:vault-lock-compliance", "records must be immutable for audit");
    synth(second.stack);
    expect(warningsOf(second.stack)).toEqual([]);
    expect(backup.rules).toHaveLength(1);
  });

  test.each([
    [
      "continuous retention above 35 days",
      { rules: [BackupRule.continuous({ retentionDays: 36 })] },
      "rules[0].retentionDays: must be a whole number from 1 to 35 (got 36). Fix: use a whole number from 1 to 35",
    ],
    [
      "a start window under an hour",
      { rules: [BackupRule.daily({ startWindowMinutes: 30 })] },
      "rules[0].startWindowMinutes: must be a whole number from 60",
    ],
    [
      "a malformed time",
      { rules: [BackupRule.daily({ at: "3am" })] },
      "rules[0].at: must be a UTC time 'hh:mm' (got \"3am\"). Fix: write it like '03:00'",
    ],
    ["a copy to something that is not a Region", { copyTo: [{ region: "west" }] }, "copyTo[0]"],
    [
      "a compliance grace period under 3 days",
      { vaultLock: { minRetentionDays: 7, changeableForDays: 1 } },
      "vaultLock.changeableForDays: must be a whole number from 3",
    ],
  ] as const)("impossible props are rejected at once: %s", (_case, extra, text) => {
    const stack = newStack();
    const orders = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
    expect(() => new BackupSchedule(stack, "Backups", { protects: [orders], ...(extra as Partial<BackupScheduleProps>) })).toThrow(text);
  });
});
