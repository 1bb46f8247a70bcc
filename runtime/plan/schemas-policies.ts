/**
 * zod schema of `aws_resiliencehub_resiliency_policy`: the shape only (strings and blocks); what
 * the values must be (a tier AWS knows, Go durations, the four disruption blocks) is checked by
 * `build-policies.ts`, which names the attribute, the value and the fix.
 */
import { z } from "zod";
import { tfBlocks, tfString, tfTags } from "./terraform-json";

const objective = tfBlocks({ rto: tfString.optional(), rpo: tfString.optional() }).optional();

export const POLICY_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  aws_resiliencehub_resiliency_policy: z.looseObject({
    tags: tfTags.optional(),
    depends_on: z.array(tfString).optional(),
    name: tfString,
    tier: tfString,
    description: tfString.optional(),
    data_location_constraint: tfString.optional(),
    policy: tfBlocks({ az: objective, hardware: objective, software: objective, region: objective }).optional(),
  }),
};

/** Resource types the policy loader models. */
export const POLICY_TYPES: ReadonlySet<string> = new Set(Object.keys(POLICY_SCHEMAS));
