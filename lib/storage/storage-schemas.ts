import { databaseSchema as database } from "../database/restore-schemas";
import { intInRange, matching, nonEmptyString } from "../private/props";
import { lazySchema, loadZod } from "../private/zod";
import { isInterval, isRawSchedule, isTimeOfDay, isWeeklyTime, WEEKDAYS } from "./schedule-expressions";

/**
 * zod schemas of the storage constructs' props (`BackupSchedule`, `SnapshotSchedule`,
 * `HibernationSchedule`): impossible input is rejected at once, every problem together; cross-field rules live in each construct's rule table.
 */

const tags = lazySchema((z) => z.record(z.string().min(1), z.string()).optional());

function timeOfDay() {
  return matching(/^([01]\d|2[0-3]):([0-5]\d)$/, "must be a UTC time 'hh:mm'", "write it like '03:00'");
}

/** `'hh:mm'`, `'ddd hh:mm'` or a raw `cron(...)`/`at(...)` expression. */
function when(example: string) {
  return loadZod()
    .string()
    .refine((s) => isTimeOfDay(s) || isWeeklyTime(s) || isRawSchedule(s), {
      message: "must be 'hh:mm' (every day), 'ddd hh:mm' (weekly) or a cron(...) expression, in UTC",
      params: { fix: `write it like ${example}` },
    });
}

/** AWS Backup rule and vault names: letters, digits, '-', '_' and '.'. */
const backupName = () => matching(/^[A-Za-z0-9_.-]{1,50}$/, "must be 1–50 letters, digits, '-', '_' or '.'", "use a name such as 'daily'");

function windowsShape() {
  return {
    name: backupName().optional(),
    startWindowMinutes: intInRange(60, 52_560_000).optional(),
    completionWindowMinutes: intInRange(60, 52_560_000).optional(),
  };
}

export const backupRuleSchema = lazySchema((z) =>
  z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("daily"),
      ...windowsShape(),
      at: timeOfDay().optional(),
      retentionDays: intInRange(1, 36_500).optional(),
    }),
    z.strictObject({
      kind: z.literal("weekly"),
      ...windowsShape(),
      on: z.enum(WEEKDAYS).optional(),
      at: timeOfDay().optional(),
      retentionDays: intInRange(1, 36_500).optional(),
    }),
    z.strictObject({
      kind: z.literal("monthly-1y"),
      ...windowsShape(),
      dayOfMonth: intInRange(1, 28).optional(),
      at: timeOfDay().optional(),
    }),
    z.strictObject({
      kind: z.literal("monthly-5y"),
      ...windowsShape(),
      dayOfMonth: intInRange(1, 28).optional(),
      at: timeOfDay().optional(),
    }),
    z.strictObject({
      kind: z.literal("continuous"),
      ...windowsShape(),
      // AWS Backup keeps continuous backups (point-in-time restore) for at most 35 days.
      retentionDays: intInRange(1, 35).optional(),
      at: timeOfDay().optional(),
    }),
    z.strictObject({
      kind: z.literal("custom"),
      ...windowsShape(),
      name: backupName(),
      schedule: when("'03:00', 'sun 03:00' or 'cron(0 3 ? * SUN *)'"),
      retentionDays: intInRange(1, 36_500).optional(),
      coldStorageAfterDays: intInRange(1, 36_500).optional(),
    }),
  ]),
);

const region = () =>
  matching(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS Region such as 'us-west-2'", "use a Region code such as 'us-west-2'");

export const backupCopyTargetSchema = lazySchema((z) =>
  z.union([
    z.strictObject({ region: region(), kmsKeyArn: nonEmptyString().optional(), retentionDays: intInRange(1, 36_500).optional() }),
    z.strictObject({
      vaultArn: matching(
        /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:.+$/,
        "must be a backup vault ARN",
        "use an ARN such as 'arn:aws:backup:us-west-2:222233334444:backup-vault:central'",
      ),
      retentionDays: intInRange(1, 36_500).optional(),
    }),
  ]),
);

export const backupVaultLockSchema = lazySchema((z) =>
  z.strictObject({
    minRetentionDays: intInRange(1, 36_500),
    maxRetentionDays: intInRange(1, 36_500).optional(),
    // Compliance mode: AWS requires at least 3 days of grace before the lock becomes immutable.
    changeableForDays: intInRange(3, 36_500).optional(),
  }),
);

export const restoreTestingSchema = lazySchema((z) =>
  z.strictObject({
    schedule: when("'sun 06:00'").optional(),
    selectionWindowDays: intInRange(1, 365).optional(),
    validationWindowHours: intInRange(1, 168).optional(),
  }),
);

export const backupScheduleSchema = lazySchema((z) =>
  z.strictObject({
    protects: z.array(database()).readonly().optional(),
    resourceArns: z.array(nonEmptyString()).readonly().optional(),
    rules: z.array(backupRuleSchema()).min(1).readonly().optional(),
    copyTo: z.array(backupCopyTargetSchema()).readonly().optional(),
    kmsKeyArn: nonEmptyString().optional(),
    vaultName: matching(
      /^[A-Za-z0-9_-]{2,50}$/,
      "must be 2–50 letters, digits, '-' or '_'",
      "use a name such as 'orders-backups'",
    ).optional(),
    vaultLock: backupVaultLockSchema().optional(),
    restoreTesting: restoreTestingSchema().optional(),
    tags: tags(),
  }),
);

export const snapshotScheduleSchema = lazySchema((z) =>
  z.strictObject({
    every: z.string().refine(isInterval, {
      message: "must be an interval such as '1h', '12h' or '1d'",
      params: { fix: "write it like '1h'" },
    }),
    redshift: z.array(database()).min(1).readonly().optional(),
    volumes: z
      .strictObject({ tags: z.record(z.string().min(1), z.string()).refine((t) => Object.keys(t).length > 0, "must hold a tag") })
      .optional(),
    retentionDays: intInRange(1, 36_500).optional(),
    copyToRegion: z.strictObject({ region: region(), retentionDays: intInRange(1, 3653).optional() }).optional(),
    tags: tags(),
  }),
);

export const hibernationScheduleSchema = lazySchema((z) =>
  z.strictObject({
    database: database(),
    pauseAt: when("'fri 18:00'"),
    resumeAt: when("'mon 07:00'"),
    enabled: z.boolean().optional(),
    tags: tags(),
  }),
);
