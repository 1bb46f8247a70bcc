import { intInRange, matching, nonEmptyString } from "../private/props";
import { lazySchema } from "../private/zod";

/**
 * zod schema of the `ContingencyCapacity` props: impossible input (counts, prices, shapes) is
 * rejected in the constructor; cross-field rules (zones, subnets) live in `lib/capacity/rules.ts`,
 * and the constructor reports both kinds together when the props are impossible.
 */

const subnet = lazySchema((z) => z.strictObject({ subnetId: nonEmptyString(), availabilityZone: nonEmptyString() }));

/** A spot price in US dollars per instance-hour: positive, at most $1,000 (no EC2 type costs more). */
const pricePerHour = lazySchema((z) =>
  z.number().refine((n) => Number.isFinite(n) && n > 0 && n <= 1000, {
    message: "must be a price in US dollars per hour, above 0 and at most 1000",
    params: { fix: "use the hourly price below which you would rather keep the capacity idle, e.g. 0.05" },
  }),
);

export const contingencyCapacitySchema = lazySchema((z) =>
  z.strictObject({
    primaryAvailabilityZone: nonEmptyString(),
    contingencyAvailabilityZone: nonEmptyString(),
    instanceType: matching(
      /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/,
      "must be an EC2 instance type such as r6g.large",
      "use an EC2 instance type such as r6g.large",
    ),
    primaryCount: intInRange(1, 1000).optional(),
    designatedCount: intInRange(1, 1000).optional(),
    designationMode: z.enum(["count", "named", "interruptible-reservation"]).optional(),
    designatedInstances: z
      .array(
        matching(
          /^(i|h)-[0-9a-f]{8}([0-9a-f]{9})?$/,
          "must be an EC2 instance id (i-…) or a Dedicated Host id (h-…)",
          "list the ids as EC2 shows them, e.g. i-0abc12345def67890",
        ),
      )
      .min(1)
      .max(1000)
      .readonly()
      .optional(),
    minimumBidPerHour: pricePerHour(),
    contingencySubnets: z.array(subnet()).min(1).readonly(),
    imageId: nonEmptyString().optional(),
    instancePlatform: z.enum(["Linux/UNIX", "Windows", "Red Hat Enterprise Linux", "SUSE Linux"]).optional(),
    tags: z.record(z.string().min(1), z.string()).readonly().optional(),
  }),
);
