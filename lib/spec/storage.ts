import { MultiAzDatabase } from "../database/multi-az-database";
import { intInRange, matching, nonEmptyString } from "../private/props";
import { lazySchema, loadZod } from "../private/zod";
import { isInterval, isRawSchedule, isTimeOfDay, isWeeklyTime, WEEKDAYS } from "../storage/schedule-expressions";

/**
 * zod schemas of the storage constructs' props (`BackupSchedule`, `SnapshotSchedule`,
 * `HibernationSchedule`) and of `RestoreSource` options: impossible input is rejected at once,
 * every problem together; cross-field rules live in each construct's rule table.
 */

const database = lazySchema((z) =>
  z.custom<MultiAzDatabase>((x) => MultiAzDatabase.isMultiAzDatabase(x), {
    message: "must be a MultiAzDatabase",
    params: { fix: "pass a MultiAzDatabase construct of this app" },
  }),
);

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

/** RFC 3339 UTC, as `restore_to_time` takes it. */
const instant = () =>
  matching(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
    "must be a UTC time in RFC 3339, e.g. '2026-03-01T09:30:00Z'",
    "write it like '2026-03-01T09:30:00Z'",
  );

const source = lazySchema((z) => z.union([database(), nonEmptyString()]));
const onSourceChange = lazySchema((z) => z.enum(["replace", "ignore"]));

function exclusivePoint<T extends { at?: string; latest?: boolean }>(required: boolean) {
  return (o: T, ctx: { addIssue: (issue: { code: "custom"; message: string; path: string[]; params: { fix: string } }) => void }) => {
    if (o.at !== undefined && o.latest !== undefined)
      ctx.addIssue({
        code: "custom",
        message: "at and latest are exclusive: a restore goes to one point in time",
        path: ["latest"],
        params: { fix: "set either at (a time) or latest: true, not both" },
      });
    else if (required && o.at === undefined && o.latest === undefined)
      ctx.addIssue({
        code: "custom",
        message: "says no point in time",
        path: ["at"],
        params: { fix: "set at (e.g. '2026-03-01T09:30:00Z') or latest: true" },
      });
  };
}

export const snapshotRestoreSchema = lazySchema((z) =>
  z.strictObject({ snapshotIdentifier: nonEmptyString(), onSourceChange: onSourceChange() }),
);

export const pointInTimeRestoreSchema = lazySchema((z) =>
  z
    .strictObject({ source: source(), at: instant().optional(), latest: z.literal(true).optional(), onSourceChange: onSourceChange() })
    .superRefine(exclusivePoint(true)),
);

export const cloneRestoreSchema = lazySchema((z) =>
  z
    .strictObject({ source: source(), at: instant().optional(), latest: z.literal(true).optional(), onSourceChange: onSourceChange() })
    .superRefine(exclusivePoint(false)),
);
