import { MultiAzDatabase } from "../database/multi-az-database";
import { intInRange, nonEmptyString } from "../private/props";
import { lazySchema } from "../private/zod";

/**
 * zod schemas of the `FailoverDrill` props: impossible input is rejected in the constructor, every
 * problem at once; cross-field rules live in `lib/drills/rules.ts`.
 */

const database = lazySchema((z) =>
  z.custom<MultiAzDatabase>((x) => MultiAzDatabase.isMultiAzDatabase(x), {
    message: "must be a MultiAzDatabase",
    params: { fix: "pass a MultiAzDatabase construct of this app" },
  }),
);

export const azPowerInterruptionSchema = lazySchema((z) =>
  z.strictObject({
    kind: z.literal("az-power-interruption"),
    availabilityZone: nonEmptyString(),
    databases: z.array(database()).optional(),
    // FIS actions last at most 12 hours.
    durationMinutes: intInRange(1, 720).optional(),
    launchRoleArns: z.array(nonEmptyString()).min(1).optional(),
  }),
);

export const databaseFailoverSchema = lazySchema((z) => z.strictObject({ kind: z.literal("database-failover"), database: database() }));

export const spotInterruptionSchema = lazySchema((z) =>
  z.strictObject({
    kind: z.literal("spot-interruption"),
    tags: z.record(z.string().min(1), z.string()).optional(),
    count: intInRange(1, 1000).optional(),
    // FIS durationBeforeInterruption: 2 to 15 minutes.
    noticeMinutes: intInRange(2, 15).optional(),
  }),
);

export const failoverDrillSchema = lazySchema((z) =>
  z.strictObject({
    scenario: z.discriminatedUnion("kind", [azPowerInterruptionSchema(), databaseFailoverSchema(), spotInterruptionSchema()]),
    stopAlarmArns: z.array(nonEmptyString()).min(1).max(5).optional(),
    emptyTargetResolution: z.enum(["fail", "skip"]).optional(),
    description: z.string().min(1).max(512).optional(),
    tags: z.record(z.string().min(1), z.string()).optional(),
  }),
);
