import type { MultiAzDatabase } from "../database/multi-az-database";
import type { BackupRuleSpec } from "./backup-rule";

/** A copy of every recovery point to a vault the schedule creates in another Region. */
export interface BackupCopyToRegion {
  /** Region of the copy vault, e.g. `'us-west-2'` (provider v6 per-resource `region`). */
  readonly region: string;
  /** Key of the copy vault, in that Region. @default - a new key with yearly rotation, in that Region */
  readonly kmsKeyArn?: string;
  /** Days the copies are kept. @default - as long as the rule keeps the original */
  readonly retentionDays?: number;
}

/** A copy of every recovery point to an existing vault, e.g. in a central backup account. */
export interface BackupCopyToVault {
  /** ARN of the destination vault (`arn:aws:backup:<region>:<account>:backup-vault:<name>`); its access policy must allow the copy. */
  readonly vaultArn: string;
  /** Days the copies are kept. @default - as long as the rule keeps the original */
  readonly retentionDays?: number;
}

export type BackupCopyTarget = BackupCopyToRegion | BackupCopyToVault;

/**
 * AWS Backup Vault Lock: recovery points cannot be deleted before `minRetentionDays`, nor kept
 * beyond `maxRetentionDays`, by anyone, root included.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export interface BackupVaultLockProps {
  /** Shortest retention a recovery point may have, in days; every rule and copy must keep at least this long. */
  readonly minRetentionDays: number;
  /** @default - no upper bound */
  readonly maxRetentionDays?: number;
  /**
   * Compliance mode: days (≥ 3) during which the lock can still be removed; after that it never can.
   * Synth warns (`resilience:vault-lock-compliance`).
   * @default - governance mode: users with special IAM permissions can remove the lock
   */
  readonly changeableForDays?: number;
}

/**
 * AWS Backup restore testing: on a schedule, restore the latest recovery point of each protected
 * database, let AWS Backup validate it, and delete the restored copy.
 */
export interface RestoreTestingProps {
  /** `'ddd hh:mm'` (weekly), `'hh:mm'` (daily) or a cron expression, UTC. @default "sun 06:00" */
  readonly schedule?: string;
  /** Recovery points of the last this many days are candidates. @default 7 */
  readonly selectionWindowDays?: number;
  /** Hours the restored copy is kept for validation before it is deleted. @default 4 */
  readonly validationWindowHours?: number;
}

export interface BackupScheduleProps {
  /**
   * Databases the plan backs up, selected by ARN (so a renamed or re-tagged database stays in the
   * plan; checkov CKV2_AWS_8). Aurora, Multi-AZ DB clusters and Redshift; AWS Backup does not
   * back up ElastiCache.
   * @default - none; then `resourceArns` must name something
   */
  readonly protects?: readonly MultiAzDatabase[];
  /** ARNs of other resources to back up (a plain `aws_rds_cluster`'s `arn`, …). @default - none */
  readonly resourceArns?: readonly string[];
  /**
   * The plan's rules (`BackupRule.daily()`, `.weekly()`, `.monthly1Year()`, `.monthly5Year()`,
   * `.continuous()`, `.custom(...)`).
   * @default - [BackupRule.daily()]: every day at 05:00 UTC, kept 35 days
   */
  readonly rules?: readonly BackupRuleSpec[];
  /** Copies of every rule's recovery points: to another Region and/or another account. @default - no copy */
  readonly copyTo?: readonly BackupCopyTarget[];
  /** Key of the vault. @default - a new key with yearly rotation */
  readonly kmsKeyArn?: string;
  /** Name of the vault (and of the plan), 1–50 letters, digits, `-`, `_`, `.`. @default - derived from the stack name and construct path */
  readonly vaultName?: string;
  /** @default - no lock: anyone with backup:DeleteRecoveryPoint can delete recovery points */
  readonly vaultLock?: BackupVaultLockProps;
  /** @default - no restore testing */
  readonly restoreTesting?: RestoreTestingProps;
  /** Tags on the vault, plan and role. @default - only the `resilience:` tags */
  readonly tags?: Readonly<Record<string, string>>;
}
