import { describe, expect, test } from "vitest";
import { MINIMAL, newStack, only } from "../../test/helpers/databases";
import { MultiAzDatabase, SnapshotSchedule, type SnapshotScheduleProps } from "..";
import { resourcesOfType, synth, synthJson } from "../testing";

function withSchedule(props: (warehouse: MultiAzDatabase) => SnapshotScheduleProps) {
  const stack = newStack();
  const warehouse = new MultiAzDatabase(stack, "Warehouse", MINIMAL.redshift);
  new SnapshotSchedule(stack, "Snapshots", props(warehouse));
  return stack;
}

function synthLines(props: (warehouse: MultiAzDatabase) => SnapshotScheduleProps): string[] {
  try {
    synth(withSchedule(props));
  } catch (e) {
    return (e as Error).message.split("\n");
  }
  throw new Error("expected synth to fail validation");
}

describe("SnapshotSchedule", () => {
  test("EBS volumes every hour → a Data Lifecycle Manager policy with interval 1 HOURS and the target tags", () => {
    const json = synthJson(withSchedule(() => ({ every: "1h", volumes: { tags: { Backup: "hourly" } } })));
    expect(only(json, "aws_dlm_lifecycle_policy")).toMatchObject({
      state: "ENABLED",
      execution_role_arn: expect.stringMatching(/^\$\{aws_iam_role\.Snapshots_LifecycleRole_[0-9A-F]{8}\.arn\}$/),
      policy_details: {
        resource_types: ["VOLUME"],
        target_tags: { Backup: "hourly" },
        schedule: [
          {
            name: "every 1h",
            copy_tags: true,
            create_rule: { interval: 1, interval_unit: "HOURS" },
            retain_rule: { interval: 7, interval_unit: "DAYS" },
          },
        ],
      },
    });
    expect(only(json, "aws_iam_role_policy_attachment").policy_arn).toBe(
      "arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole",
    );
  });

  test("a 15-minute interval fails synth with the allowed hours and points to point-in-time restore", () => {
    expect(synthLines(() => ({ every: "15m", volumes: { tags: { Backup: "hourly" } } }))).toContain(
      "- [test/Snapshots] every: '15m' is not an interval Data Lifecycle Manager accepts for EBS snapshots: 1, 2, 3, 4, 6, 8, 12, 24 hours. Fix: use one of '1h', '2h', '3h', '4h', '6h', '8h', '12h', '24h'; for recovery points closer together than an hour, use point-in-time restore instead: RDS and Aurora backup retention (backupRetentionDays), or BackupRule.continuous() in a BackupSchedule",
    );
  });

  test.each(["1h", "2h", "3h", "4h", "6h", "8h", "12h", "24h", "1d"])("DLM accepts %s", (every) => {
    expect(() => synth(withSchedule(() => ({ every, volumes: { tags: { Backup: "yes" } } })))).not.toThrow();
  });

  test.each(["5h", "7h", "30m", "2d"])("DLM rejects %s", (every) => {
    expect(synthLines(() => ({ every, volumes: { tags: { Backup: "yes" } } })).join("\n")).toContain(
      `every: '${every}' is not an interval Data Lifecycle Manager accepts`,
    );
  });

  test("a Redshift warehouse gets a snapshot schedule and its association", () => {
    const json = synthJson(withSchedule((warehouse) => ({ every: "12h", redshift: [warehouse] })));
    expect(only(json, "aws_redshift_snapshot_schedule")).toMatchObject({ identifier: "test-snapshots", definitions: ["rate(12 hours)"] });
    expect(only(json, "aws_redshift_snapshot_schedule_association")).toEqual({
      cluster_identifier: expect.stringMatching(/^\$\{aws_redshift_cluster\.Warehouse_[0-9A-F]{8}\.cluster_identifier\}$/),
      schedule_identifier: expect.stringMatching(/^\$\{aws_redshift_snapshot_schedule\.Snapshots_[0-9A-F]{8}\.identifier\}$/),
    });
  });

  test("cross-region copy of the warehouse's snapshots: a key and a copy grant in the destination Region", () => {
    const json = synthJson(withSchedule((warehouse) => ({ every: "8h", redshift: [warehouse], copyToRegion: { region: "us-west-2" } })));
    const grant = only(json, "aws_redshift_snapshot_copy_grant");
    expect(grant).toMatchObject({ region: "us-west-2", snapshot_copy_grant_name: "test-snapshots" });
    expect(Object.values(resourcesOfType(json, "aws_kms_key")).map((k) => k.region)).toContain("us-west-2");
    expect(only(json, "aws_redshift_snapshot_copy")).toMatchObject({
      destination_region: "us-west-2",
      retention_period: 7,
      snapshot_copy_grant_name: expect.stringMatching(/^\$\{aws_redshift_snapshot_copy_grant\./),
    });
  });
});

describe("SnapshotSchedule validation", () => {
  const ERROR_CASES: readonly [string, (warehouse: MultiAzDatabase) => SnapshotScheduleProps, string][] = [
    [
      "resilience:snapshot-selects-nothing",
      () => ({ every: "1h" }),
      "redshift: the schedule snapshots nothing (got neither redshift nor volumes). Fix: list Redshift warehouses in redshift, or give volumes.tags for EBS volumes",
    ],
    [
      "resilience:snapshot-interval-unsupported",
      (warehouse) => ({ every: "30m", redshift: [warehouse] }),
      "every: '30m' is not an interval a Redshift snapshot schedule accepts: whole hours from 1 to 24. Fix: use a whole number of hours from '1h' to '24h'; for recovery points closer together than an hour, use point-in-time restore instead: RDS and Aurora backup retention (backupRetentionDays), or BackupRule.continuous() in a BackupSchedule",
    ],
    [
      "resilience:snapshot-copy-without-redshift",
      () => ({ every: "1h", volumes: { tags: { Backup: "yes" } }, copyToRegion: { region: "us-west-2" } }),
      "copyToRegion: copies Redshift snapshots to us-west-2, but the schedule has no Redshift warehouse. Fix: list the warehouses in redshift, or remove copyToRegion (EBS snapshot copies are not supported yet)",
    ],
  ];

  test.each(ERROR_CASES)("%s", (_id, props, line) => {
    expect(synthLines(props)).toContain(`- [test/Snapshots] ${line}`);
  });

  test("resilience:snapshot-not-redshift: an Aurora database in redshift", () => {
    const stack = newStack();
    const orders = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
    new SnapshotSchedule(stack, "Snapshots", { every: "1h", redshift: [orders] });
    expect(() => synth(stack)).toThrow(
      "- [test/Snapshots] redshift[0]: test/Orders is aurora-postgresql, not a Redshift warehouse. Fix: list only engine: 'redshift' databases; back up the others with a BackupSchedule",
    );
  });

  test("an interval that is not one is rejected at once", () => {
    const stack = newStack();
    expect(() => new SnapshotSchedule(stack, "Snapshots", { every: "hourly", volumes: { tags: { a: "b" } } })).toThrow(
      "- [test/Snapshots] every: must be an interval such as '1h', '12h' or '1d' (got \"hourly\"). Fix: write it like '1h'",
    );
  });
});
