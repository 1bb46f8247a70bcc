import { intInRange, matching, nonEmptyString } from "../private/props";
import { lazySchema } from "../private/zod";
import { ENGINES, PROMOTION_TIER } from "./contract";

/** zod schema of `MultiAzDatabaseProps`; a type test keeps it and the interface in agreement. */

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
    ),
    availabilityZone: nonEmptyString(),
    role: z.enum(["failover", "read"]),
    instanceClass: nonEmptyString().optional(),
    promotionTier: intInRange(PROMOTION_TIER.failover, PROMOTION_TIER.max).optional(),
  }),
);

export const multiAzDatabaseSchema = lazySchema((z) =>
  z.strictObject({
    engine: z.enum(ENGINES),
    engineVersion: nonEmptyString().optional(),
    subnets: z.array(databaseSubnetSchema()).min(2).readonly(),
    writer: writerSchema(),
    standbys: z.array(standbySchema()).min(1).readonly(),
    securityGroupIds: z.array(nonEmptyString()).readonly().optional(),
    kmsKeyArn: nonEmptyString().optional(),
    clusterIdentifier: matching(
      /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
      "must be lowercase letters, digits and single hyphens, starting with a letter",
      "use an identifier such as 'orders-db'",
    )
      .max(48)
      .optional(),
    databaseName: matching(
      /^[A-Za-z][A-Za-z0-9_]*$/,
      "must start with a letter and hold only letters, digits and '_'",
      "use a name such as 'orders'",
    )
      .max(63)
      .optional(),
    masterUsername: nonEmptyString().optional(),
    backupRetentionDays: intInRange(1, 35).optional(),
    deletionProtection: z.boolean().optional(),
  }),
);
