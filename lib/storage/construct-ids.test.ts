import { expect, test } from "vitest";
import { addresses, MINIMAL, newStack } from "../../test/helpers/databases";
import { BackupSchedule, HibernationSchedule, MultiAzDatabase, SnapshotSchedule } from "..";
import { synthJson } from "../testing";

/**
 * Construct ids make the Terraform addresses, a public contract: renaming one destroys and
 * re-creates a vault, a plan or a schedule. The primary resource of each construct is `Resource`.
 */
test("construct ids of the storage constructs pin their Terraform addresses", () => {
  const stack = newStack();
  const orders = new MultiAzDatabase(stack, "Orders", MINIMAL.aurora);
  const warehouse = new MultiAzDatabase(stack, "Warehouse", MINIMAL.redshift);
  new BackupSchedule(stack, "Backups", {
    protects: [orders],
    copyTo: [{ region: "us-west-2" }],
    vaultLock: { minRetentionDays: 7 },
    restoreTesting: {},
  });
  new SnapshotSchedule(stack, "Snapshots", { every: "4h", redshift: [warehouse], copyToRegion: { region: "us-east-2" } });
  new SnapshotSchedule(stack, "Volumes", { every: "1h", volumes: { tags: { Backup: "hourly" } } });
  new HibernationSchedule(stack, "Sleep", { database: warehouse, pauseAt: "fri 18:00", resumeAt: "mon 07:00" });
  new HibernationSchedule(stack, "AuroraSleep", { database: orders, pauseAt: "20:00", resumeAt: "06:00" });
  const ours = addresses(synthJson(stack))
    .filter((a) => !/\.(Orders|Warehouse)_/.test(a))
    .map((a) => a.replace(/_[0-9A-F]{8}$/, ""));
  expect(ours).toEqual([
    "aws_backup_plan.Backups",
    "aws_backup_restore_testing_plan.Backups_RestoreTesting",
    "aws_backup_restore_testing_selection.Backups_RestoreTesting-Aurora",
    "aws_backup_selection.Backups_Selection",
    "aws_backup_vault.Backups_CopyVault-us-west-2",
    "aws_backup_vault.Backups_Vault",
    "aws_backup_vault_lock_configuration.Backups_CopyVaultLock-us-west-2",
    "aws_backup_vault_lock_configuration.Backups_VaultLock",
    "aws_dlm_lifecycle_policy.Volumes_VolumePolicy",
    "aws_iam_role.AuroraSleep_Role",
    "aws_iam_role.Backups_Role",
    "aws_iam_role.Sleep_Role",
    "aws_iam_role.Volumes_LifecycleRole",
    "aws_iam_role_policy.AuroraSleep_Policy",
    "aws_iam_role_policy.Sleep_Policy",
    "aws_iam_role_policy_attachment.Backups_RoleBackupPolicy",
    "aws_iam_role_policy_attachment.Backups_RoleRestorePolicy",
    "aws_iam_role_policy_attachment.Volumes_LifecycleRolePolicy",
    "aws_kms_key.Backups_CopyKey-us-west-2",
    "aws_kms_key.Backups_Key",
    "aws_kms_key.Snapshots_CopyKey-us-east-2",
    "aws_redshift_scheduled_action.Sleep_Pause",
    "aws_redshift_scheduled_action.Sleep_Resume",
    "aws_redshift_snapshot_copy.Snapshots_Copy-0",
    "aws_redshift_snapshot_copy_grant.Snapshots_CopyGrant-us-east-2",
    "aws_redshift_snapshot_schedule.Snapshots",
    "aws_redshift_snapshot_schedule_association.Snapshots_Association-0",
    "aws_scheduler_schedule.AuroraSleep_Pause",
    "aws_scheduler_schedule.AuroraSleep_Resume",
  ]);
});
