import { TAG } from "../contract/plan-contract";
import type { MultiAzDatabase } from "../database/multi-az-database";
import {
  BackupPlan,
  BackupRestoreTestingPlan,
  BackupRestoreTestingSelection,
  BackupSelection,
  BackupVault,
  BackupVaultLockConfiguration,
  Construct,
  IamRole,
  IamRolePolicyAttachment,
  KmsKey,
} from "../private/cdktf";
import { defaultIdentifier } from "../private/defaults";
import { parseProps } from "../private/props";
import { attachRules } from "../private/validation";
import { BackupRule, type ResolvedBackupRule, resolveBackupRule } from "./backup-rule";
import { BACKUP_RULES } from "./backup-rules";
import type { BackupScheduleProps, BackupVaultLockProps } from "./backup-schedule-props";
import { scheduleExpression } from "./schedule-expressions";
import { backupScheduleSchema } from "./storage-schemas";

export type {
  BackupCopyTarget,
  BackupCopyToRegion,
  BackupCopyToVault,
  BackupScheduleProps,
  BackupVaultLockProps,
  RestoreTestingProps,
} from "./backup-schedule-props";

import { assertSameToolchain } from "../private/same-toolchain";

const BRAND = Symbol.for("cdktf-resilience.BackupSchedule");

/** AWS managed policies of the role AWS Backup assumes to back up and restore (as aws-cdk's BackupSelection uses). */
const BACKUP_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup";
const RESTORE_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores";

/** Restore testing's `protected_resource_type` per engine family. */
const RESTORE_TESTING_TYPE: Readonly<Record<string, string>> = { aurora: "Aurora", "rds-multi-az-cluster": "RDS", redshift: "Redshift" };

/** A vault the schedule created in another Region for copies. */
export interface CopyVault {
  readonly region: string;
  readonly vault: BackupVault;
  /** Created unless the copy target gave `kmsKeyArn`. */
  readonly key?: KmsKey;
}

/**
 * An AWS Backup plan for databases: a vault encrypted with its own key (optionally locked), rules
 * from named presets (daily, weekly, monthly, continuous for point-in-time restore), copies to
 * other Regions or accounts, a selection of the databases **by ARN**, the role AWS Backup uses,
 * and optionally a restore-testing plan that proves the recovery points restore.
 */
export class BackupSchedule extends Construct {
  static isBackupSchedule(x: unknown): x is BackupSchedule {
    return typeof x === "object" && x !== null && BRAND in x;
  }

  readonly plan: BackupPlan;
  readonly vault: BackupVault;
  /** Created unless `kmsKeyArn` was given. */
  readonly key?: KmsKey;
  readonly copyVaults: readonly CopyVault[];
  readonly selection: BackupSelection;
  readonly role: IamRole;
  readonly restoreTestingPlan?: BackupRestoreTestingPlan;
  /** The rules as the plan holds them, defaults applied. */
  readonly rules: readonly ResolvedBackupRule[];

  constructor(scope: Construct, id: string, props: BackupScheduleProps) {
    super(scope, id);
    assertSameToolchain("BackupSchedule", this);
    Object.defineProperty(this, BRAND, { value: true });
    const parsed = parseProps(backupScheduleSchema(), "BackupSchedule", this.node.path, props) as BackupScheduleProps;
    this.rules = (parsed.rules ?? [BackupRule.daily()]).map(resolveBackupRule);
    attachRules(this, "BackupSchedule", BACKUP_RULES, () => ({ props: parsed, rules: this.rules }));

    const pathParts = this.node.scopes.slice(1).map((s) => s.node.id);
    const name = parsed.vaultName ?? defaultIdentifier(pathParts, this.node.addr, 50);
    const tags = { ...parsed.tags, [TAG.topology]: pathParts.slice(1).join("/") || id };

    this.key = parsed.kmsKeyArn === undefined ? vaultKey(this, "Key", name, undefined, tags) : undefined;
    this.vault = new BackupVault(this, "Vault", { name, kmsKeyArn: parsed.kmsKeyArn ?? (this.key as KmsKey).arn, tags });
    if (parsed.vaultLock) vaultLock(this, "VaultLock", this.vault, parsed.vaultLock);

    const copyVaults: CopyVault[] = [];
    for (const target of parsed.copyTo ?? []) {
      if (!("region" in target)) continue;
      const key = target.kmsKeyArn === undefined ? vaultKey(this, `CopyKey-${target.region}`, name, target.region, tags) : undefined;
      const vault = new BackupVault(this, `CopyVault-${target.region}`, {
        name,
        region: target.region,
        kmsKeyArn: target.kmsKeyArn ?? (key as KmsKey).arn,
        tags,
      });
      if (parsed.vaultLock) vaultLock(this, `CopyVaultLock-${target.region}`, vault, parsed.vaultLock, target.region);
      copyVaults.push({ region: target.region, vault, key });
    }
    this.copyVaults = copyVaults;

    const destinations = (parsed.copyTo ?? []).map((target) => ({
      arn: "region" in target ? (copyVaults.find((c) => c.region === target.region) as CopyVault).vault.arn : target.vaultArn,
      retentionDays: target.retentionDays,
    }));
    this.plan = new BackupPlan(this, "Resource", {
      name,
      rule: this.rules.map((r) => ({
        ruleName: r.name,
        targetVaultName: this.vault.name,
        schedule: r.schedule,
        startWindow: r.startWindowMinutes,
        completionWindow: r.completionWindowMinutes,
        enableContinuousBackup: r.continuous || undefined,
        lifecycle: lifecycle(r.coldStorageAfterDays, r.deleteAfterDays),
        copyAction: destinations.length
          ? destinations.map((d) => ({
              destinationVaultArn: d.arn,
              lifecycle: lifecycle(r.coldStorageAfterDays, d.retentionDays ?? r.deleteAfterDays),
            }))
          : undefined,
      })),
      tags,
    });

    this.role = new IamRole(this, "Role", {
      // A prefix, not a name: role names are global to the account, and two stacks may hold the same schedule id.
      namePrefix: `${name.slice(0, 30)}-backup-`,
      description: `AWS Backup backs up and restores the resources of plan ${name} with this role (cdktf-resilience)`,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      tags,
    });
    new IamRolePolicyAttachment(this, "RoleBackupPolicy", { role: this.role.name, policyArn: BACKUP_POLICY_ARN });
    new IamRolePolicyAttachment(this, "RoleRestorePolicy", { role: this.role.name, policyArn: RESTORE_POLICY_ARN });

    const protectedDatabases = (parsed.protects ?? []).filter((db) => clusterArn(db) !== undefined);
    this.selection = new BackupSelection(this, "Selection", {
      name,
      planId: this.plan.id,
      iamRoleArn: this.role.arn,
      // By ARN, never by tag: a renamed or re-tagged database must not drop out of the plan.
      resources: [...protectedDatabases.map((db) => clusterArn(db) as string), ...(parsed.resourceArns ?? [])],
    });

    if (parsed.restoreTesting) {
      const testing = parsed.restoreTesting;
      this.restoreTestingPlan = new BackupRestoreTestingPlan(this, "RestoreTesting", {
        name: name.replace(/[^A-Za-z0-9_]/g, "_"),
        scheduleExpression: scheduleExpression(testing.schedule ?? "sun 06:00"),
        recoveryPointSelection: [
          {
            algorithm: "LATEST_WITHIN_WINDOW",
            includeVaults: [this.vault.arn],
            recoveryPointTypes: this.rules.some((r) => r.continuous) ? ["CONTINUOUS", "SNAPSHOT"] : ["SNAPSHOT"],
            selectionWindowDays: testing.selectionWindowDays ?? 7,
          },
        ],
        tags,
      });
      const byType = new Map<string, string[]>();
      for (const db of protectedDatabases) {
        const type = RESTORE_TESTING_TYPE[db.resources.kind];
        if (type) byType.set(type, [...(byType.get(type) ?? []), clusterArn(db) as string]);
      }
      for (const [type, arns] of byType)
        new BackupRestoreTestingSelection(this, `RestoreTesting-${type}`, {
          name: `${type.toLowerCase()}_databases`,
          restoreTestingPlanName: this.restoreTestingPlan.name,
          protectedResourceType: type,
          protectedResourceArns: arns,
          iamRoleArn: this.role.arn,
          validationWindowHours: testing.validationWindowHours ?? 4,
        });
    }
  }
}

/** The ARN AWS Backup selects a database by; undefined for engines it does not back up. */
function clusterArn(db: MultiAzDatabase): string | undefined {
  const r = db.resources;
  return r.kind === "elasticache" ? undefined : r.cluster.arn;
}

function vaultKey(scope: Construct, id: string, name: string, region: string | undefined, tags: Record<string, string>): KmsKey {
  return new KmsKey(scope, id, {
    description: `Recovery points of backup vault ${name}${region ? ` (copies in ${region})` : ""} (cdktf-resilience)`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    region,
    tags,
  });
}

function vaultLock(scope: Construct, id: string, vault: BackupVault, lock: BackupVaultLockProps, region?: string): void {
  new BackupVaultLockConfiguration(scope, id, {
    backupVaultName: vault.name,
    minRetentionDays: lock.minRetentionDays,
    maxRetentionDays: lock.maxRetentionDays,
    changeableForDays: lock.changeableForDays,
    region,
  });
}

function lifecycle(coldStorageAfter: number | undefined, deleteAfter: number | undefined) {
  return coldStorageAfter === undefined && deleteAfter === undefined ? undefined : { coldStorageAfter, deleteAfter };
}
