import { dailyCron, monthlyCron, scheduleExpression, type Weekday, weeklyCron } from "./schedule-expressions";

/**
 * Rules of an AWS Backup plan, as named presets in the spirit of aws-cdk's `BackupPlanRule`
 * (`daily`, `weekly`, `monthly1Year`, `monthly5Year`) plus continuous backup for point-in-time
 * restore. A preset is plain data: `BackupSchedule` validates it (every problem at once, with the
 * field, e.g. `rules[1].retentionDays`) and renders it.
 */

/** Settings every rule may override. */
export interface BackupRuleWindows {
  /**
   * Name of the rule in the plan (letters, digits, `-`, `_`, `.`; unique in the plan).
   * @default - the preset's name: `daily`, `weekly`, `monthly-1y`, `monthly-5y`, `continuous`
   */
  readonly name?: string;
  /**
   * Minutes after the scheduled time a job may still start, at least 60.
   * @default 60 - a job that cannot start within the hour is reported instead of running into business hours
   */
  readonly startWindowMinutes?: number;
  /**
   * Minutes from the scheduled time by which a started job must finish; longer than the start
   * window (it counts from the scheduled time too).
   * @default - 1440 for daily and continuous rules (a backup never overlaps the next day's), 10080 (7 days, AWS's default) otherwise
   */
  readonly completionWindowMinutes?: number;
}

export interface DailyBackupOptions extends BackupRuleWindows {
  /** Time of day the backup starts, UTC, `'hh:mm'`. @default "05:00" - AWS Backup's default window */
  readonly at?: string;
  /** Days each recovery point is kept, 1–36,500. @default 35 */
  readonly retentionDays?: number;
}

export interface WeeklyBackupOptions extends BackupRuleWindows {
  /** @default "sat" */
  readonly on?: Weekday;
  /** Time of day, UTC, `'hh:mm'`. @default "05:00" */
  readonly at?: string;
  /** Days each recovery point is kept. @default 90 (three months) */
  readonly retentionDays?: number;
}

export interface MonthlyBackupOptions extends BackupRuleWindows {
  /** Day of the month, 1–28 (every month has it). @default 1 */
  readonly dayOfMonth?: number;
  /** Time of day, UTC, `'hh:mm'`. @default "05:00" */
  readonly at?: string;
}

export interface ContinuousBackupOptions extends BackupRuleWindows {
  /**
   * How far back point-in-time restore reaches, in days: 1–35 (the most AWS Backup keeps
   * continuous backups).
   * @default 35
   */
  readonly retentionDays?: number;
  /**
   * When the rule's daily snapshot is taken (continuous rules also take one), UTC `'hh:mm'`.
   * @default "05:00"
   */
  readonly at?: string;
}

export interface CustomBackupOptions extends BackupRuleWindows {
  readonly name: string;
  /** `'hh:mm'` (daily), `'ddd hh:mm'` (weekly) or a `cron(...)` expression, UTC. */
  readonly schedule: string;
  /** @default - kept until deleted */
  readonly retentionDays?: number;
  /**
   * Days after which recovery points move to cold storage; they must then be kept at least 90
   * days more (`retentionDays ≥ coldStorageAfterDays + 90`).
   * @default - never moved to cold storage
   */
  readonly coldStorageAfterDays?: number;
}

/** A rule of the plan; build it with the `BackupRule` factories. */
export type BackupRuleSpec =
  | ({ readonly kind: "daily" } & DailyBackupOptions)
  | ({ readonly kind: "weekly" } & WeeklyBackupOptions)
  | ({ readonly kind: "monthly-1y" } & MonthlyBackupOptions)
  | ({ readonly kind: "monthly-5y" } & MonthlyBackupOptions)
  | ({ readonly kind: "continuous" } & ContinuousBackupOptions)
  | ({ readonly kind: "custom" } & CustomBackupOptions);

/** Named presets of backup rules. */
export const BackupRule = {
  /** Every day at 05:00 UTC, kept 35 days. */
  daily: (options: DailyBackupOptions = {}): BackupRuleSpec => ({ kind: "daily", ...options }),
  /** Every Saturday at 05:00 UTC, kept 90 days. */
  weekly: (options: WeeklyBackupOptions = {}): BackupRuleSpec => ({ kind: "weekly", ...options }),
  /** The 1st of every month at 05:00 UTC, to cold storage after 30 days, kept 1 year. */
  monthly1Year: (options: MonthlyBackupOptions = {}): BackupRuleSpec => ({ kind: "monthly-1y", ...options }),
  /** The 1st of every month at 05:00 UTC, to cold storage after 90 days, kept 5 years. */
  monthly5Year: (options: MonthlyBackupOptions = {}): BackupRuleSpec => ({ kind: "monthly-5y", ...options }),
  /**
   * Continuous backup: point-in-time restore to any second of the last `retentionDays` (1–35)
   * for Aurora and RDS, plus a daily snapshot.
   */
  continuous: (options: ContinuousBackupOptions = {}): BackupRuleSpec => ({ kind: "continuous", ...options }),
  /** Any schedule, retention and cold-storage transition. */
  custom: (options: CustomBackupOptions): BackupRuleSpec => ({ kind: "custom", ...options }),
} as const;

/** A rule with every default applied: what the plan gets. */
export interface ResolvedBackupRule {
  readonly name: string;
  readonly schedule: string;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
  readonly deleteAfterDays?: number;
  readonly coldStorageAfterDays?: number;
  readonly continuous: boolean;
}

export const DEFAULT_BACKUP_TIME = "05:00";
export const DEFAULT_START_WINDOW_MINUTES = 60;
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 10_080;

/** Applies every preset's defaults in one place. */
export function resolveBackupRule(rule: BackupRuleSpec): ResolvedBackupRule {
  const at = "at" in rule && rule.at !== undefined ? rule.at : DEFAULT_BACKUP_TIME;
  const windows = (name: string, completion: number) => ({
    name: rule.name ?? name,
    startWindowMinutes: rule.startWindowMinutes ?? DEFAULT_START_WINDOW_MINUTES,
    completionWindowMinutes: rule.completionWindowMinutes ?? completion,
  });
  switch (rule.kind) {
    case "daily":
      return { ...windows("daily", DAY_MINUTES), schedule: dailyCron(at), deleteAfterDays: rule.retentionDays ?? 35, continuous: false };
    case "weekly":
      return {
        ...windows("weekly", WEEK_MINUTES),
        schedule: weeklyCron(rule.on ?? "sat", at),
        deleteAfterDays: rule.retentionDays ?? 90,
        continuous: false,
      };
    case "monthly-1y":
      return {
        ...windows("monthly-1y", WEEK_MINUTES),
        schedule: monthlyCron(rule.dayOfMonth ?? 1, at),
        coldStorageAfterDays: 30,
        deleteAfterDays: 365,
        continuous: false,
      };
    case "monthly-5y":
      return {
        ...windows("monthly-5y", WEEK_MINUTES),
        schedule: monthlyCron(rule.dayOfMonth ?? 1, at),
        coldStorageAfterDays: 90,
        deleteAfterDays: 5 * 365,
        continuous: false,
      };
    case "continuous":
      return {
        ...windows("continuous", DAY_MINUTES),
        schedule: dailyCron(at),
        deleteAfterDays: rule.retentionDays ?? 35,
        continuous: true,
      };
    case "custom":
      return {
        ...windows(rule.name, WEEK_MINUTES),
        schedule: scheduleExpression(rule.schedule),
        deleteAfterDays: rule.retentionDays,
        coldStorageAfterDays: rule.coldStorageAfterDays,
        continuous: false,
      };
  }
}
