import { parseGoDuration } from "../contract/go-duration";
import { MultiAzDatabase } from "../database/multi-az-database";
import { matching } from "../private/props";
import { lazySchema, loadZod } from "../private/zod";

/**
 * zod schema of `ResiliencePolicy` props: what AWS Resilience Hub and the AWS provider refuse is
 * refused at synth, each problem with the field, the value and the fix.
 *
 * @see https://docs.aws.amazon.com/resilience-hub/latest/APIReference/API_CreateResiliencyPolicy.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/resiliencehub_resiliency_policy
 */

/** Resilience Hub's tiers, from the highest severity. */
export const RESILIENCE_TIERS = ["MissionCritical", "Critical", "Important", "CoreServices", "NonCritical", "NotApplicable"] as const;
export type ResilienceTier = (typeof RESILIENCE_TIERS)[number];

/** Where Resilience Hub may keep the policy's data. */
export const DATA_LOCATION_CONSTRAINTS = ["AnyLocation", "SameContinent", "SameCountry"] as const;
export type DataLocationConstraint = (typeof DATA_LOCATION_CONSTRAINTS)[number];

/** A Go duration of whole seconds: Resilience Hub keeps RTO and RPO as `rtoInSecs` / `rpoInSecs`. */
function wholeSecondsDuration() {
  return loadZod()
    .string()
    .refine((s) => parseGoDuration(s) !== undefined, {
      message: "must be a Go duration: a number and a unit (s, m, h), not negative",
      params: { fix: "write it like '30s', '5m' or '1h30m'" },
    })
    .refine((s) => (parseGoDuration(s) ?? 0) % 1000 === 0, {
      message: "must be whole seconds: Resilience Hub keeps RTO and RPO in seconds",
      params: { fix: "round it to whole seconds, e.g. '1s' instead of '500ms'" },
    });
}

export const recoveryObjectiveSchema = lazySchema((z) => z.strictObject({ rto: wholeSecondsDuration(), rpo: wholeSecondsDuration() }));

export const resiliencePolicySchema = lazySchema((z) =>
  z.strictObject({
    policyName: matching(
      /^[A-Za-z0-9][A-Za-z0-9_-]{1,59}$/,
      "must be 2–60 letters, digits, '_' or '-', starting with a letter or digit",
      "use a name such as 'orders-critical'",
    ).optional(),
    tier: z.enum(RESILIENCE_TIERS),
    description: z.string().max(500).optional(),
    dataLocationConstraint: z.enum(DATA_LOCATION_CONSTRAINTS).optional(),
    software: recoveryObjectiveSchema(),
    hardware: recoveryObjectiveSchema(),
    az: recoveryObjectiveSchema(),
    region: recoveryObjectiveSchema().optional(),
    databases: z
      .array(
        z.custom<MultiAzDatabase>((x) => MultiAzDatabase.isMultiAzDatabase(x), {
          message: "must be a MultiAzDatabase",
          params: { fix: "pass MultiAzDatabase constructs of this app (or tag other resources resilience:policy yourself)" },
        }),
      )
      .readonly()
      .optional(),
    tags: z.record(z.string().min(1), z.string()).optional(),
  }),
);
