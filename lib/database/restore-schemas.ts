import { matching, nonEmptyString } from "../private/props";
import { lazySchema } from "../private/zod";
import { MultiAzDatabase } from "./multi-az-database";

/**
 * zod schemas of `RestoreSource` options (a snapshot, a point in time, a clone), beside the
 * database they create: impossible input is rejected at once, every problem together.
 */

/** A MultiAzDatabase of this app (checked by its brand, so two copies of the library agree). */
export const databaseSchema = lazySchema((z) =>
  z.custom<MultiAzDatabase>((x) => MultiAzDatabase.isMultiAzDatabase(x), {
    message: "must be a MultiAzDatabase",
    params: { fix: "pass a MultiAzDatabase construct of this app" },
  }),
);

/** RFC 3339 UTC, as `restore_to_time` takes it. */
const instant = () =>
  matching(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
    "must be a UTC time in RFC 3339, e.g. '2026-03-01T09:30:00Z'",
    "write it like '2026-03-01T09:30:00Z'",
  );

const source = lazySchema((z) => z.union([databaseSchema(), nonEmptyString()]));
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
