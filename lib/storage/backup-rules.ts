/**
 * Cross-field rules of BackupSchedule: every failing rule is reported together at synth, with the
 * construct path. Ids are a public contract (README lists them).
 */
import { defineRules, type Finding } from "../private/validation";
import type { ResolvedBackupRule } from "./backup-rule";
import type { BackupScheduleProps } from "./backup-schedule-props";

/** Days a recovery point must stay in cold storage before AWS Backup may delete it. */
export const COLD_STORAGE_MIN_DAYS = 90;

export interface BackupContext {
  readonly props: BackupScheduleProps;
  readonly rules: readonly ResolvedBackupRule[];
}

/** Retention of each rule's copies: the copy's own, else the rule's. */
function copyRetentions(ctx: BackupContext): { field: string; rule: ResolvedBackupRule; days?: number }[] {
  return ctx.rules.flatMap((rule) =>
    (ctx.props.copyTo ?? []).map((c, j) => ({ field: `copyTo[${j}].retentionDays`, rule, days: c.retentionDays ?? rule.deleteAfterDays })),
  );
}

export const BACKUP_RULES = defineRules<BackupContext>([
  {
    id: "resilience:backup-selects-nothing",
    severity: "error",
    check: ({ props }): Finding[] =>
      (props.protects?.length ?? 0) + (props.resourceArns?.length ?? 0) === 0
        ? [
            {
              field: "protects",
              message: "the plan selects no resource (got nothing in protects or resourceArns), so it backs up nothing",
              fix: "list the databases in protects (or ARNs in resourceArns)",
            },
          ]
        : [],
  },
  {
    id: "resilience:backup-unsupported-engine",
    severity: "error",
    check: ({ props }): Finding[] =>
      (props.protects ?? []).flatMap((db, i) =>
        db.engine === "elasticache"
          ? [
              {
                field: `protects[${i}]`,
                message: `${db.node.path} is ElastiCache, which AWS Backup does not back up`,
                fix: "rely on its automatic snapshots (backupRetentionDays on the MultiAzDatabase) and remove it from protects",
              },
            ]
          : [],
      ),
  },
  {
    id: "resilience:backup-continuous-unsupported",
    severity: "error",
    check: ({ props, rules }): Finding[] => {
      const i = rules.findIndex((r) => r.continuous);
      if (i < 0) return [];
      return (props.protects ?? []).flatMap((db, j) =>
        db.engine === "redshift"
          ? [
              {
                field: `rules[${i}]`,
                message: `continuous backup (point-in-time restore) covers Aurora and RDS, not Redshift (${db.node.path} in protects[${j}])`,
                fix: "back the warehouse up in a separate BackupSchedule with snapshot rules, or use a SnapshotSchedule",
              },
            ]
          : [],
      );
    },
  },
  {
    id: "resilience:backup-cold-storage-too-short",
    severity: "error",
    check: (ctx): Finding[] => {
      const out: Finding[] = [];
      const check = (field: string, cold: number | undefined, days: number | undefined) => {
        if (cold === undefined || days === undefined || days >= cold + COLD_STORAGE_MIN_DAYS) return;
        out.push({
          field,
          message: `keeps recovery points ${days} days but moves them to cold storage after ${cold}: cold storage needs at least ${COLD_STORAGE_MIN_DAYS} days (delete after ≥ cold storage after + ${COLD_STORAGE_MIN_DAYS})`,
          fix: `keep them at least ${cold + COLD_STORAGE_MIN_DAYS} days, or move them to cold storage later`,
        });
      };
      ctx.rules.forEach((r, i) => {
        check(`rules[${i}].retentionDays`, r.coldStorageAfterDays, r.deleteAfterDays);
      });
      for (const c of copyRetentions(ctx)) check(c.field, c.rule.coldStorageAfterDays, c.days);
      return out;
    },
  },
  {
    id: "resilience:backup-window-order",
    severity: "error",
    check: ({ rules }): Finding[] =>
      rules.flatMap((r, i) =>
        r.completionWindowMinutes <= r.startWindowMinutes
          ? [
              {
                field: `rules[${i}].completionWindowMinutes`,
                message: `is ${r.completionWindowMinutes}, not longer than the start window (${r.startWindowMinutes}); both count from the scheduled time, so a job that starts late is cancelled before it can finish`,
                fix: `set completionWindowMinutes above ${r.startWindowMinutes}`,
              },
            ]
          : [],
      ),
  },
  {
    id: "resilience:backup-rule-names-unique",
    severity: "error",
    check: ({ rules }): Finding[] =>
      rules.flatMap((r, i) =>
        rules.findIndex((o) => o.name === r.name) < i
          ? [
              {
                field: `rules[${i}].name`,
                message: `'${r.name}' names two rules of the plan`,
                fix: "give each rule its own name (the name option of the preset)",
              },
            ]
          : [],
      ),
  },
  {
    id: "resilience:vault-lock-retention",
    severity: "error",
    check: (ctx): Finding[] => {
      const lock = ctx.props.vaultLock;
      if (!lock) return [];
      const out: Finding[] = [];
      if (lock.maxRetentionDays !== undefined && lock.maxRetentionDays < lock.minRetentionDays)
        out.push({
          field: "vaultLock.maxRetentionDays",
          message: `${lock.maxRetentionDays} is below minRetentionDays (${lock.minRetentionDays})`,
          fix: "set maxRetentionDays at least minRetentionDays",
        });
      const check = (field: string, days: number | undefined) => {
        if (
          days === undefined ? lock.maxRetentionDays !== undefined : days < lock.minRetentionDays || days > (lock.maxRetentionDays ?? days)
        )
          out.push({
            field,
            message: `keeps recovery points ${days === undefined ? "forever" : `${days} days`}, outside the vault lock's ${lock.minRetentionDays}–${lock.maxRetentionDays ?? "∞"} days: AWS Backup fails every such job`,
            fix: `keep them between ${lock.minRetentionDays} and ${lock.maxRetentionDays ?? "any number of"} days, or change the lock`,
          });
      };
      ctx.rules.forEach((r, i) => {
        check(`rules[${i}].retentionDays`, r.deleteAfterDays);
      });
      // Copies to vaults this schedule creates carry the same lock.
      for (const c of copyRetentions(ctx).filter((c) => c.field.startsWith("copyTo") && hasRegion(ctx, c.field))) check(c.field, c.days);
      return out;
    },
  },
  {
    id: "resilience:vault-lock-compliance",
    severity: "warning",
    check: ({ props }): Finding[] =>
      props.vaultLock?.changeableForDays !== undefined
        ? [
            {
              field: "vaultLock.changeableForDays",
              message: `puts the vault in compliance mode: after ${props.vaultLock.changeableForDays} days nobody, root included, can remove the lock, shorten retention or delete the vault before its recovery points expire`,
              fix: "leave changeableForDays out for governance mode, unless a regulation requires immutability",
            },
          ]
        : [],
  },
]);

function hasRegion(ctx: BackupContext, field: string): boolean {
  const j = Number(/copyTo\[(\d+)\]/.exec(field)?.[1]);
  const target = ctx.props.copyTo?.[j];
  return target !== undefined && "region" in target;
}
