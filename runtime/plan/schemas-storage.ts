/**
 * zod schemas of the storage resource types the runtime reads: Data Lifecycle Manager
 * policies, Redshift snapshot copies, EventBridge Scheduler schedules, vault locks and restore
 * testing. Only attributes the runtime reads are checked; the rest pass through.
 */
import { z } from "zod";
import { tfBlocks, tfNumber, tfString, tfStringList, tfTags } from "./terraform-json";

const base = { tags: tfTags.optional(), depends_on: z.array(tfString).optional() };

export const STORAGE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  aws_dlm_lifecycle_policy: z.looseObject({
    ...base,
    description: tfString,
    execution_role_arn: tfString,
    state: tfString.optional(),
    policy_details: tfBlocks({
      target_tags: z.record(z.string(), tfString).optional(),
      schedule: tfBlocks({
        name: tfString,
        create_rule: tfBlocks({ interval: tfNumber.optional(), interval_unit: tfString.optional(), cron_expression: tfString.optional() }),
        retain_rule: tfBlocks({ count: tfNumber.optional(), interval: tfNumber.optional(), interval_unit: tfString.optional() }),
      }).optional(),
    }),
  }),
  aws_redshift_snapshot_copy: z.looseObject({
    depends_on: z.array(tfString).optional(),
    cluster_identifier: tfString,
    destination_region: tfString,
    retention_period: tfNumber.optional(),
  }),
  aws_scheduler_schedule: z.looseObject({
    depends_on: z.array(tfString).optional(),
    name: tfString.optional(),
    schedule_expression: tfString,
    schedule_expression_timezone: tfString.optional(),
    state: tfString.optional(),
    target: tfBlocks({ arn: tfString, role_arn: tfString, input: tfString.optional() }),
  }),
  aws_backup_vault_lock_configuration: z.looseObject({
    depends_on: z.array(tfString).optional(),
    backup_vault_name: tfString,
    min_retention_days: tfNumber.optional(),
    max_retention_days: tfNumber.optional(),
    changeable_for_days: tfNumber.optional(),
  }),
  aws_backup_restore_testing_plan: z.looseObject({
    ...base,
    name: tfString,
    schedule_expression: tfString,
    recovery_point_selection: tfBlocks({
      algorithm: tfString,
      include_vaults: tfStringList,
      recovery_point_types: tfStringList,
      selection_window_days: tfNumber.optional(),
    }).optional(),
  }),
  aws_backup_restore_testing_selection: z.looseObject({
    depends_on: z.array(tfString).optional(),
    name: tfString,
    restore_testing_plan_name: tfString,
    protected_resource_type: tfString,
    protected_resource_arns: tfStringList.optional(),
    validation_window_hours: tfNumber.optional(),
  }),
};

/** The types above: modelled, not opaque. */
export const STORAGE_TYPES: ReadonlySet<string> = new Set(Object.keys(STORAGE_SCHEMAS));
