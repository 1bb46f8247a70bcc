import { AURORA_REPLICAS_MAX, PROMOTION_TIER } from "../contract/plan-contract";
import { Token } from "../private/cdktf";
import { intInRange, matching, nonEmptyString } from "../private/props";
import { lazySchema, loadZod } from "../private/zod";
import { ID, RESERVED_STANDBY_IDS } from "./construct-ids";
import { isRestoreSource } from "./restore-brand";
import type { RestoreSource } from "./restore-source";
import { isDailyWindowText, isWeeklyWindowText, parseDailyWindow, parseWeeklyWindow } from "./windows";

/**
 * zod schemas of the `MultiAzDatabase` props: impossible input (types, formats, ranges) is
 * rejected in the constructor, every problem at once. Cross-field rules live in the rule table
 * (`lib/database/rules.ts`). A type test keeps each schema and its interface in agreement.
 */

export const databaseSubnetSchema = lazySchema((z) =>
  z.strictObject({
    subnetId: nonEmptyString(),
    availabilityZone: nonEmptyString(),
  }),
);

export const writerSchema = lazySchema((z) =>
  z.strictObject({
    availabilityZone: nonEmptyString(),
    instanceClass: nonEmptyString(),
  }),
);

export const standbySchema = lazySchema((z) =>
  z.strictObject({
    id: matching(
      /^[A-Za-z][A-Za-z0-9-]*$/,
      "must start with a letter and hold only letters, digits and '-'",
      "use an id such as 'standby-b'; it becomes part of the Terraform address",
    ).refine((id) => !RESERVED_STANDBY_IDS.includes(id.toLowerCase()) && !id.toLowerCase().startsWith(ID.alarmPrefix.toLowerCase()), {
      message: "is the id of a resource the database creates itself",
      params: { fix: "use an id such as 'standby-b'" },
    }),
    availabilityZone: nonEmptyString(),
    role: z.enum(["failover", "read"]),
    instanceClass: nonEmptyString().optional(),
    promotionTier: intInRange(PROMOTION_TIER.writer, PROMOTION_TIER.max).optional(),
  }),
);

export const serverlessV2ScalingSchema = lazySchema((z) =>
  z
    .strictObject({
      minCapacity: acus(0),
      maxCapacity: acus(1),
    })
    .refine((s) => Token.isUnresolved(s.minCapacity) || Token.isUnresolved(s.maxCapacity) || s.minCapacity <= s.maxCapacity, {
      message: "minCapacity is above maxCapacity",
      path: ["minCapacity"],
      params: { fix: "set minCapacity at most maxCapacity" },
    }),
);

export const databaseProxySchema = lazySchema((z) =>
  z.strictObject({
    requireTls: z.boolean().optional(),
    iamAuth: z.boolean().optional(),
    idleClientTimeoutSeconds: intInRange(1, 28_800).optional(),
    maxConnectionsPercent: intInRange(1, 100).optional(),
  }),
);

export const dnsRecordSchema = lazySchema((z) =>
  z.strictObject({
    zoneId: nonEmptyString(),
    name: matching(
      /^(?=.{1,253}\.?$)([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?$/,
      "must be a DNS name of labels of letters, digits, '-' and '_'",
      "use a name such as 'orders-db.internal.example.com'",
    ),
    ttlSeconds: intInRange(1, 3600).optional(),
  }),
);

/** The fields every engine shares; `identifierMax` is the engine's identifier limit. */
function commonShape(identifierMax: number) {
  const z = loadZod();
  return {
    subnets: z.array(databaseSubnetSchema()).min(2).readonly(),
    securityGroupIds: z.array(nonEmptyString()).readonly().optional(),
    kmsKeyArn: nonEmptyString().optional(),
    clusterIdentifier: matching(
      /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
      "must be lowercase letters, digits and single hyphens, starting with a letter",
      "use an identifier such as 'orders-db'",
    )
      .max(identifierMax)
      .optional(),
    engineVersion: nonEmptyString().optional(),
    parameterGroupName: nonEmptyString().optional(),
    preferredMaintenanceWindow: weeklyWindow().optional(),
    backupRetentionDays: intInRange(1, 35).optional(),
    dnsRecord: dnsRecordSchema().optional(),
    alarmTopicArn: nonEmptyString().optional(),
    failoverMonitoring: z.boolean().optional(),
  };
}

function rdsShape(identifierMax: number) {
  const z = loadZod();
  return {
    ...commonShape(identifierMax),
    availabilityZones: z
      .array(nonEmptyString())
      .readonly()
      .refine((zones) => zones.length === 3, {
        message: "must list exactly 3 Availability Zones, or be omitted; with fewer AWS adds zones and every apply replaces the cluster",
        params: { fix: "list three zones, or omit availabilityZones and let AWS pick them" },
      })
      .refine((zones) => new Set(zones.filter((a) => !Token.isUnresolved(a))).size === zones.filter((a) => !Token.isUnresolved(a)).length, {
        message: "lists a zone twice",
        params: { fix: "list three different zones" },
      })
      .optional(),
    databaseName: matching(
      /^[A-Za-z][A-Za-z0-9_]*$/,
      "must start with a letter and hold only letters, digits and '_'",
      "use a name such as 'orders'",
    )
      .max(63)
      .optional(),
    masterUsername: nonEmptyString().optional(),
    preferredBackupWindow: dailyWindow().optional(),
    deletionProtection: z.boolean().optional(),
    proxy: databaseProxySchema().optional(),
    restoreFrom: restoreSource().optional(),
  };
}

export const auroraDatabaseSchema = lazySchema((z) =>
  z.strictObject({
    engine: z.enum(["aurora-postgresql", "aurora-mysql"]),
    ...rdsShape(48),
    writer: writerSchema(),
    standbys: z
      .array(standbySchema())
      .min(1)
      .max(
        AURORA_REPLICAS_MAX,
        `at most ${AURORA_REPLICAS_MAX}: an Aurora DB cluster holds a writer and up to ${AURORA_REPLICAS_MAX} Aurora Replicas`,
      )
      .readonly(),
    serverlessV2Scaling: serverlessV2ScalingSchema().optional(),
    instanceParameterGroupName: nonEmptyString().optional(),
  }),
);

export const multiAzClusterDatabaseSchema = lazySchema((z) =>
  z.strictObject({
    engine: z.literal("rds-multi-az-cluster"),
    ...rdsShape(63),
    databaseEngine: z.enum(["postgres", "mysql"]),
    instanceClass: nonEmptyString(),
    allocatedStorageGib: intInRange(20, 65_536),
    storageType: z.enum(["gp3", "io1", "io2"]).optional(),
    iops: intInRange(1000, 256_000).optional(),
    standbys: z
      .never({
        error:
          "cannot be set: a Multi-AZ DB cluster always has exactly two readable standbys, placed and run by RDS, and takes no added instances",
      })
      .optional(),
  }),
);

export const redshiftDatabaseSchema = lazySchema((z) =>
  z.strictObject({
    engine: z.literal("redshift"),
    ...commonShape(63),
    nodeType: nonEmptyString(),
    numberOfNodes: intInRange(1, 128).optional(),
    availabilityZone: nonEmptyString().optional(),
    databaseName: matching(
      /^[a-z][a-z0-9_$]*$/,
      "must be lowercase letters, digits, '_' or '$', starting with a letter",
      "use a name such as 'sales'",
    )
      .max(64)
      .optional(),
    masterUsername: nonEmptyString().optional(),
    port: intInRange(1150, 65_535).optional(),
    restoreFrom: restoreSource().optional(),
  }),
);

export const elastiCacheDatabaseSchema = lazySchema((z) =>
  z.strictObject({
    engine: z.literal("elasticache"),
    ...commonShape(40),
    cacheEngine: z.enum(["valkey", "redis"]).optional(),
    nodeType: nonEmptyString(),
    primaryAvailabilityZone: nonEmptyString(),
    replicaAvailabilityZones: z.array(nonEmptyString()).max(5).readonly(),
    shards: intInRange(1, 500).optional(),
    preferredBackupWindow: dailyWindow().optional(),
    port: intInRange(1, 65_535).optional(),
  }),
);

/** The props of any engine; the `engine` field picks the schema, so each engine's fields are checked. */
export const multiAzDatabaseSchema = lazySchema((z) =>
  z.discriminatedUnion(
    "engine",
    [auroraDatabaseSchema(), multiAzClusterDatabaseSchema(), redshiftDatabaseSchema(), elastiCacheDatabaseSchema()],
    { error: (issue) => (issue.code === "invalid_union" ? { message: "is not an engine MultiAzDatabase knows" } : undefined) },
  ),
);

function restoreSource() {
  return loadZod().custom<RestoreSource>((x) => isRestoreSource(x), {
    message: "must be a RestoreSource",
    params: { fix: "build it with RestoreSource.snapshot(...), RestoreSource.pointInTime(...) or RestoreSource.clone(...)" },
  });
}

/** Aurora capacity units: `min`–256 in steps of 0.5. */
function acus(min: number) {
  return loadZod()
    .number()
    .refine((n) => Token.isUnresolved(n) || (n >= min && n <= 256 && Number.isInteger(n * 2)), {
      message: `must be from ${min} to 256 Aurora capacity units in steps of 0.5`,
      params: { fix: `use a value such as ${min === 0 ? "0.5" : "16"}` },
    });
}

function dailyWindow() {
  return windowText(
    isDailyWindowText,
    parseDailyWindow,
    "must be a daily UTC window 'hh24:mi-hh24:mi'",
    "'03:00-03:30' (it may cross midnight: '23:45-00:15')",
  );
}

function weeklyWindow() {
  return windowText(
    isWeeklyWindowText,
    parseWeeklyWindow,
    "must be a weekly UTC window 'ddd:hh24:mi-ddd:hh24:mi' (days mon…sun)",
    "'sun:05:00-sun:06:00' (it may cross the week: 'sun:23:30-mon:00:30')",
  );
}

function windowText(wellFormed: (s: string) => boolean, parse: (s: string) => unknown, format: string, example: string) {
  return loadZod()
    .string()
    .refine((w) => Token.isUnresolved(w) || wellFormed(w), { message: format, params: { fix: `write it like ${example}` } })
    .refine((w) => Token.isUnresolved(w) || !wellFormed(w) || parse(w) !== undefined, {
      message: "starts and ends at the same minute",
      params: { fix: `give the window a length, e.g. ${example}` },
    });
}
